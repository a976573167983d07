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
 * .txt} and {@code .html}, with {@code {{code}}} and {@code {{validity}}} ("5 minutes" in the
 * language) filled in. To add a language, add its three files, its tag to {@link #LANGUAGES} and
 * its words to {@link #validity}.
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
    String language = languageOf(locale);
    Template template = templates.get(language);
    String validity = validity(language, Math.max(1, validFor.toMinutes()));
    return new RenderedEmail(
        fill(template.subject(), code, validity),
        fill(template.text(), code, validity),
        fill(template.html(), code, validity));
  }

  /** How long a code is valid, in whole minutes (rounded down), in the email's language. */
  static String validity(String language, long minutes) {
    if (language.equals("ja")) {
      return minutes + " 分";
    }
    return minutes == 1 ? "1 minute" : minutes + " minutes";
  }

  private static String fill(String template, String code, String validity) {
    return template.replace("{{code}}", code).replace("{{validity}}", validity);
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
