package io.github.cognitoemailotp.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnswerCheckTest {

  private static final Map<String, String> CHALLENGE =
      Map.of("code", "482913", "expiresAt", "1795752300");
  private static final Instant BEFORE_EXPIRY = Instant.ofEpochSecond(1_795_752_299L);

  @Test
  void rightCodeIsCorrect() {
    assertThat(AnswerCheck.isCorrect("482913", CHALLENGE, false, BEFORE_EXPIRY)).isTrue();
  }

  @Test
  void surroundingWhitespaceIsIgnored() {
    assertThat(AnswerCheck.isCorrect(" \t482913\r\n", CHALLENGE, false, BEFORE_EXPIRY)).isTrue();
  }

  @Test
  void wrongCodeIsWrong() {
    assertThat(AnswerCheck.isCorrect("482914", CHALLENGE, false, BEFORE_EXPIRY)).isFalse();
    assertThat(AnswerCheck.isCorrect("48291", CHALLENGE, false, BEFORE_EXPIRY)).isFalse();
    assertThat(AnswerCheck.isCorrect("4829130", CHALLENGE, false, BEFORE_EXPIRY)).isFalse();
    assertThat(AnswerCheck.isCorrect("48 2913", CHALLENGE, false, BEFORE_EXPIRY)).isFalse();
  }

  @Test
  void expiredCodeIsWrongEvenWhenItMatches() {
    assertThat(
            AnswerCheck.isCorrect(
                "482913", CHALLENGE, false, Instant.ofEpochSecond(1_795_752_300L)))
        .isFalse();
  }

  @Test
  void resendRequestIsNeverCorrect() {
    assertThat(AnswerCheck.isCorrect("482913", CHALLENGE, true, BEFORE_EXPIRY)).isFalse();
  }

  @Test
  void missingAnswerOrParametersAreWrong() {
    assertThat(AnswerCheck.isCorrect("", CHALLENGE, false, BEFORE_EXPIRY)).isFalse();
    assertThat(AnswerCheck.isCorrect("482913", Map.of(), false, BEFORE_EXPIRY)).isFalse();
    assertThat(AnswerCheck.isCorrect("482913", Map.of("code", "482913"), false, BEFORE_EXPIRY))
        .isFalse();
    assertThat(
            AnswerCheck.isCorrect(
                "482913", Map.of("code", "482913", "expiresAt", "soon"), false, BEFORE_EXPIRY))
        .isFalse();
    assertThat(
            AnswerCheck.isCorrect(
                "", Map.of("code", "", "expiresAt", "1795752300"), false, BEFORE_EXPIRY))
        .isFalse();
  }
}
