package io.github.cognitoemailotp.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The email in every language whose files are in {@code email/}, and how long its code is valid in
 * words that read right for any TTL.
 */
class EmailTemplatesTest {

  private final EmailTemplates templates = EmailTemplates.load();

  static Iterable<String> languages() {
    return EmailTemplates.languages();
  }

  @Test
  void languagesAreFoundFromTheirFilesWithEnglishFirst() {
    assertThat(EmailTemplates.languages()).startsWith("en").contains("ja").doesNotHaveDuplicates();
  }

  @ParameterizedTest
  @MethodSource("languages")
  void everyLanguageHasEveryFileAndEveryKey(String language) throws IOException {
    for (String suffix :
        new String[] {
          ".subject.txt",
          ".txt",
          ".html",
          ".properties",
          ".locked.subject.txt",
          ".locked.txt",
          ".locked.html"
        }) {
      assertThat(EmailTemplates.class.getResource("/email/" + language + suffix))
          .as(language + suffix)
          .isNotNull();
    }
    Properties words = new Properties();
    try (InputStream in =
        EmailTemplates.class.getResourceAsStream("/email/" + language + ".properties")) {
      words.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
    }
    assertThat(words.stringPropertyNames())
        .containsExactlyInAnyOrderElementsOf(EmailTemplates.WORDS);
    assertThat(words.getProperty("validity.other")).contains("{minutes}");
  }

  @ParameterizedTest
  @MethodSource("languages")
  void everyPartOfEveryLanguageIsFilledIn(String language) {
    EmailTemplates.RenderedEmail email =
        templates.render(language, "482913", Duration.ofMinutes(5));
    assertThat(email.subject() + email.text() + email.html()).doesNotContain("{{", "{minutes}");
    assertThat(email.text()).contains("482913", "5");
    assertThat(email.html()).contains("482913");
  }

  @ParameterizedTest
  @MethodSource("languages")
  void noLanguagePutsTheCodeInTheSubject(String language) {
    EmailTemplates.RenderedEmail email =
        templates.render(language, "482913", Duration.ofMinutes(5));
    assertThat(email.subject()).isNotBlank().doesNotContain("482913");
    assertThat(email.text()).contains("482913");
    assertThat(email.html()).contains("482913");
  }

  @Test
  void subjectTemplateWithTheCodeIsRefused() {
    assertThatThrownBy(() -> EmailTemplates.subject("fr", "Votre code : {{code}}\n"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "the email template email/fr.subject.txt puts the code in the subject, where lock"
                + " screens and SES event destinations show it; put {{code}} in the body only");
    assertThat(EmailTemplates.subject("fr", "Votre code de connexion\n"))
        .isEqualTo("Votre code de connexion");
  }

  @Test
  void subjectsAreTheFixedWordsOfEachLanguage() {
    assertThat(templates.render("en", "482913", Duration.ofMinutes(5)).subject())
        .isEqualTo("Your sign-in code");
    assertThat(templates.render("ja", "482913", Duration.ofMinutes(5)).subject())
        .isEqualTo("サインイン確認コード");
  }

  @Test
  void oneMinuteIsSingularAndPartMinutesRoundDown() {
    assertThat(templates.render("en", "482913", Duration.ofSeconds(90)).text())
        .contains("It is valid for 1 minute. ")
        .doesNotContain("{{");
    assertThat(templates.render("en-GB", "482913", Duration.ofSeconds(600)).html())
        .contains("It is valid for 10 minutes. ");
  }

  @Test
  void japaneseSaysMinutesItsOwnWay() {
    assertThat(templates.render("ja-JP", "482913", Duration.ofSeconds(60)).text())
        .contains("有効期限は 1 分です。")
        .doesNotContain("{{");
    assertThat(templates.render("ja", "482913", Duration.ofMinutes(5)).html())
        .contains("有効期限は 5 分です。");
  }

  @Test
  void unknownLocalesFallBackToEnglish() {
    assertThat(templates.languageOf("fr-FR")).isEqualTo("en");
    assertThat(templates.languageOf("")).isEqualTo("en");
    assertThat(templates.languageOf("JA_jp")).isEqualTo("ja");
  }

  @Test
  void languagesAreFoundInAJarAsInADirectory(@TempDir Path folder) throws IOException {
    Path jar = folder.resolve("function.jar");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      for (String name :
          new String[] {
            "email/en.properties", "email/fr.properties", "email/fr.txt", "other/de.properties"
          }) {
        out.putNextEntry(new JarEntry(name));
        out.write("x".getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    URL fallback = URI.create("jar:" + jar.toUri() + "!/email/en.properties").toURL();
    assertThat(EmailTemplates.languagesBeside(fallback)).containsExactly("en", "fr");
  }

  @ParameterizedTest
  @MethodSource("languages")
  void theLockNoticeSaysHowManyWrongCodesAndTheWayBackOfTheDeploymentAndHoldsNoCode(
      String language) {
    EmailTemplates.RenderedEmail byEmail = templates.renderLockNotice(language, 7, true);
    EmailTemplates.RenderedEmail byAdmin = templates.renderLockNotice(language, 7, false);
    for (EmailTemplates.RenderedEmail email : List.of(byEmail, byAdmin)) {
      assertThat(email.subject()).isNotBlank().doesNotContain("{{");
      assertThat(email.text()).contains("7").doesNotContain("{{");
      assertThat(email.html()).contains("7").doesNotContain("{{");
    }
    assertThat(byEmail.text()).isNotEqualTo(byAdmin.text());
  }

  @Test
  void aLockNoticeTemplateWithACodeIsRefused() {
    assertThatThrownBy(() -> EmailTemplates.withoutCode("xx.locked.txt", "code: {{code}}"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the lock notice has no code");
  }
}
