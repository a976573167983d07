package io.github.cognitoemailotp.create;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The code email in each language, from the resources {@code email/<language>.subject.txt}, {@code
 * .txt} and {@code .html}, with {@code {{code}}} and {@code {{minutes}}} filled in. To add a
 * language, add its three files and its tag to {@link #LANGUAGES}.
 */
final class EmailTemplates {

  /** The languages with templates; the first is the fallback. */
  static final String[] LANGUAGES = {"en", "ja"};

  /** One email, ready to send. */
  record RenderedEmail(String subject, String text, String html) {}

  private record Template(String subject, String text, String html) {}

  private final Map<String, Template> templates;

  private EmailTemplates(Map<String, Template> templates) {
    this.templates = templates;
  }

  /** Loads every language's templates once, at init. */
  static EmailTemplates load() {
    Map<String, Template> templates = new java.util.HashMap<>();
    for (String language : LANGUAGES) {
      templates.put(
          language,
          new Template(
              resource(language + ".subject.txt").strip(),
              resource(language + ".txt"),
              resource(language + ".html")));
    }
    return new EmailTemplates(Map.copyOf(templates));
  }

  /** The language for a Cognito {@code locale} attribute ({@code ja}, {@code ja-JP}, ...). */
  static String languageOf(String locale) {
    String language = locale.strip().split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
    for (String known : LANGUAGES) {
      if (known.equals(language)) {
        return known;
      }
    }
    return LANGUAGES[0];
  }

  RenderedEmail render(String locale, String code, Duration validFor) {
    Template template = templates.get(languageOf(locale));
    String minutes = Long.toString(Math.max(1, validFor.toMinutes()));
    return new RenderedEmail(
        fill(template.subject(), code, minutes),
        fill(template.text(), code, minutes),
        fill(template.html(), code, minutes));
  }

  private static String fill(String template, String code, String minutes) {
    return template.replace("{{code}}", code).replace("{{minutes}}", minutes);
  }

  private static String resource(String name) {
    try (InputStream in = EmailTemplates.class.getResourceAsStream("/email/" + name)) {
      if (in == null) {
        throw new IllegalStateException("the email template email/" + name + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
