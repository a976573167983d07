package io.github.cognitoemailotp.create;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The email says how long its code is valid in words that read right for any TTL. */
class EmailTemplatesTest {

  private final EmailTemplates templates = EmailTemplates.load();

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
  void everyPartOfEveryLanguageIsFilledIn() {
    for (String language : EmailTemplates.LANGUAGES) {
      EmailTemplates.RenderedEmail email =
          templates.render(language, "482913", Duration.ofMinutes(5));
      assertThat(email.subject() + email.text() + email.html()).doesNotContain("{{");
      assertThat(email.text()).contains("482913");
    }
  }
}
