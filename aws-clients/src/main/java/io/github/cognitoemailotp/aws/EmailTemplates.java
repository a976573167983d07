package io.github.cognitoemailotp.aws;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The emails in each language, from the resources in {@code email/}:
 *
 * <ul>
 *   <li>the code email: {@code <language>.subject.txt}, {@code .txt} and {@code .html}, with {@code
 *       {{code}}} and {@code {{validity}}} filled in;
 *   <li>the lock notice, sent once when a user's lock starts: {@code
 *       <language>.locked.subject.txt}, {@code .locked.txt} and {@code .locked.html}, with {@code
 *       {{wrongCodes}}} and {@code {{wayBack}}} filled in; it never holds a code (a template with
 *       {@code {{code}}} stops {@link #load});
 *   <li>{@code <language>.properties}: the words that depend on a number ({@code validity.one},
 *       {@code validity.other} with {@code {minutes}}) or on the deployment ({@code
 *       locked.wayBack.email} when users reset their own password, {@code locked.wayBack.admin}
 *       when only an administrator can).
 * </ul>
 *
 * A language is there when its files are: adding one means adding its seven files, nothing in the
 * code.
 *
 * <p>The code goes in the bodies only, never in the subject: subjects show on lock screens and in
 * notification previews, and SES event publishing copies them ({@code mail.commonHeaders.subject})
 * to CloudWatch, Firehose or SNS. A subject template with {@code {{code}}} stops {@link #load}.
 */
public final class EmailTemplates {

  /** The language used when the user's {@code locale} names none of the others. */
  static final String FALLBACK = "en";

  /** The keys every language's {@code .properties} file holds. */
  static final List<String> WORDS =
      List.of("validity.one", "validity.other", "locked.wayBack.email", "locked.wayBack.admin");

  private static final String CODE = "{{code}}";

  private static final Pattern LANGUAGE_FILE = Pattern.compile("([a-z]{2,3})\\.properties");

  /** One email, ready to send. */
  public record RenderedEmail(String subject, String text, String html) {}

  private record Template(
      String subject,
      String text,
      String html,
      String oneMinute,
      String minutes,
      RenderedEmail locked,
      String wayBackByEmail,
      String wayBackByAdmin) {}

  private final Map<String, Template> templates;

  private EmailTemplates(Map<String, Template> templates) {
    this.templates = templates;
  }

  /** Loads every language's templates once, at init. */
  public static EmailTemplates load() {
    Map<String, Template> templates = new HashMap<>();
    for (String language : languages()) {
      Properties words = words(language);
      String subject = subject(language, resource(language + ".subject.txt"));
      templates.put(
          language,
          new Template(
              subject,
              resource(language + ".txt"),
              resource(language + ".html"),
              words.getProperty("validity.one"),
              words.getProperty("validity.other"),
              new RenderedEmail(
                  subject(language + ".locked", resource(language + ".locked.subject.txt")),
                  withoutCode(language + ".locked.txt", resource(language + ".locked.txt")),
                  withoutCode(language + ".locked.html", resource(language + ".locked.html"))),
              words.getProperty("locked.wayBack.email"),
              words.getProperty("locked.wayBack.admin")));
    }
    return new EmailTemplates(Map.copyOf(templates));
  }

  /** A subject template, stripped; one that would carry the code is refused. */
  static String subject(String language, String template) {
    if (template.contains(CODE)) {
      throw new IllegalStateException(
          "the email template email/"
              + language
              + ".subject.txt puts the code in the subject, where lock screens and SES event"
              + " destinations show it; put "
              + CODE
              + " in the body only");
    }
    return template.strip();
  }

  /** A template that must not hold a code (the lock notice's bodies); one that does is refused. */
  static String withoutCode(String name, String template) {
    if (template.contains(CODE)) {
      throw new IllegalStateException(
          "the email template email/" + name + " holds " + CODE + "; the lock notice has no code");
    }
    return template;
  }

  /** The languages whose files are in {@code email/}, the fallback first. */
  static List<String> languages() {
    URL fallback = EmailTemplates.class.getResource("/email/" + FALLBACK + ".properties");
    if (fallback == null) {
      throw new IllegalStateException(
          "the email words email/" + FALLBACK + ".properties are missing");
    }
    return languagesBeside(fallback);
  }

  /** The languages whose {@code .properties} files are in the folder of {@code fallback}. */
  static List<String> languagesBeside(URL fallback) {
    List<String> languages = new ArrayList<>();
    for (String name : namesBeside(fallback)) {
      Matcher file = LANGUAGE_FILE.matcher(name);
      if (file.matches() && !file.group(1).equals(FALLBACK)) {
        languages.add(file.group(1));
      }
    }
    languages.sort(null);
    languages.addFirst(FALLBACK);
    return List.copyOf(languages);
  }

  /** The language for a Cognito {@code locale} attribute ({@code ja}, {@code ja-JP}, ...). */
  String languageOf(String locale) {
    String language = locale.strip().split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
    return templates.containsKey(language) ? language : FALLBACK;
  }

  /**
   * The lock notice in the language of {@code locale}.
   *
   * @param wrongCodes the wrong codes in a row that started the lock
   * @param recoveryByEmail whether the way back is the user's own password reset, or their
   *     administrator
   */
  public RenderedEmail renderLockNotice(String locale, int wrongCodes, boolean recoveryByEmail) {
    Template template = templates.get(languageOf(locale));
    String wayBack = recoveryByEmail ? template.wayBackByEmail() : template.wayBackByAdmin();
    RenderedEmail locked = template.locked();
    return new RenderedEmail(
        locked.subject(),
        fillLocked(locked.text(), wrongCodes, wayBack),
        fillLocked(locked.html(), wrongCodes, escapeHtml(wayBack)));
  }

  private static String fillLocked(String template, int wrongCodes, String wayBack) {
    return template
        .replace("{{wrongCodes}}", Integer.toString(wrongCodes))
        .replace("{{wayBack}}", wayBack);
  }

  private static String escapeHtml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  public RenderedEmail render(String locale, String code, Duration validFor) {
    Template template = templates.get(languageOf(locale));
    String validity = validity(template, Math.max(1, validFor.toMinutes()));
    return new RenderedEmail(
        template.subject().replace("{{validity}}", validity),
        fill(template.text(), code, validity),
        fill(template.html(), code, validity));
  }

  /** How long a code is valid, in whole minutes (rounded down), in the email's language. */
  private static String validity(Template template, long minutes) {
    return minutes == 1
        ? template.oneMinute()
        : template.minutes().replace("{minutes}", Long.toString(minutes));
  }

  private static String fill(String template, String code, String validity) {
    return template.replace(CODE, code).replace("{{validity}}", validity);
  }

  private static Properties words(String language) {
    String name = language + ".properties";
    Properties words = new Properties();
    try (InputStream in = open(name)) {
      words.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (String key : WORDS) {
      if (words.getProperty(key, "").isBlank()) {
        throw new IllegalStateException("the email words email/" + name + " have no " + key);
      }
    }
    return words;
  }

  private static String resource(String name) {
    try (InputStream in = open(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream open(String name) {
    InputStream in = EmailTemplates.class.getResourceAsStream("/email/" + name);
    if (in == null) {
      throw new IllegalStateException("the email template email/" + name + " is missing");
    }
    return in;
  }

  /** The names of the files in the folder of {@code resource}, in a jar or a directory. */
  private static List<String> namesBeside(URL resource) {
    try {
      URLConnection connection = resource.openConnection();
      if (connection instanceof JarURLConnection jarConnection) {
        String folder = jarConnection.getEntryName();
        folder = folder.substring(0, folder.lastIndexOf('/') + 1);
        List<String> names = new ArrayList<>();
        try (JarFile jar = new JarFile(new File(jarConnection.getJarFileURL().toURI()))) {
          String prefix = folder;
          jar.stream()
              .map(entry -> entry.getName())
              .filter(entry -> entry.startsWith(prefix) && entry.indexOf('/', prefix.length()) < 0)
              .forEach(entry -> names.add(entry.substring(prefix.length())));
        }
        return names;
      }
      String[] names = new File(resource.toURI()).getParentFile().list();
      return names == null ? List.of() : List.of(names);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(
          "the email templates' location cannot be read: " + resource, e);
    }
  }
}
