package io.github.cognitoemailotp.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Define and the user's {@code cognito:user_status}. */
class UserStatusTest {

  static final FlowSettings DEFAULTS = new FlowSettings(3, 2, false);
  static final Instant NOW = Instant.ofEpochSecond(1_795_752_060L);

  static DefineDecision decide(History history) {
    return AuthFlow.decide(history.parsed(Trigger.DEFINE_AUTH_CHALLENGE), DEFAULTS, NOW);
  }

  @ParameterizedTest
  @ValueSource(strings = {"CONFIRMED", "FORCE_CHANGE_PASSWORD"})
  void anExpectedStatusGetsThePasswordStepThenTheCode(String status) {
    assertThat(decide(new History().srpA(true).attribute(AuthFlow.USER_STATUS, status)).next())
        .isEqualTo(NextStep.PASSWORD_VERIFIER);
    assertThat(decide(History.afterPassword().attribute(AuthFlow.USER_STATUS, status)).next())
        .isEqualTo(NextStep.CUSTOM_CHALLENGE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "UNCONFIRMED",
        "RESET_REQUIRED",
        "EXTERNAL_PROVIDER",
        "ARCHIVED",
        "COMPROMISED",
        "UNKNOWN",
        "confirmed",
        "",
        "SOMETHING_NEW"
      })
  void anyOtherStatusFailsAfterThePasswordNamingIt(String status) {
    DefineDecision decision =
        decide(History.afterPassword().attribute(AuthFlow.USER_STATUS, status));
    assertThat(decision.next()).isEqualTo(NextStep.FAIL_AUTHENTICATION);
    assertThat(decision.failure()).contains(SignInFailure.USER_STATUS);
    assertThat(decision.reason()).contains("the user's status is " + status + ",");
  }

  @Test
  void anUnexpectedStatusStillGetsThePasswordStepSoItTellsNothingWithoutThePassword() {
    assertThat(
            decide(new History().srpA(true).attribute(AuthFlow.USER_STATUS, "UNCONFIRMED")).next())
        .isEqualTo(NextStep.PASSWORD_VERIFIER);
    assertThat(
            decide(
                    new History()
                        .srpA(true)
                        .passwordVerifier(false)
                        .attribute(AuthFlow.USER_STATUS, "ARCHIVED"))
                .failure())
        .contains(SignInFailure.WRONG_PASSWORD);
  }

  @Test
  void anAbsentStatusProceedsAsConfirmed() {
    assertThat(decide(History.afterPassword().attribute(AuthFlow.USER_STATUS, null)).next())
        .isEqualTo(NextStep.CUSTOM_CHALLENGE);
  }

  @Test
  void aCorrectCodeOfAnUnexpectedStatusIssuesNoTokens() {
    assertThat(
            decide(
                    History.afterPassword()
                        .answer(IssueReason.FIRST, true)
                        .attribute(AuthFlow.USER_STATUS, "RESET_REQUIRED"))
                .next())
        .isEqualTo(NextStep.FAIL_AUTHENTICATION);
  }

  @Test
  void aLongOrUnprintableStatusIsShortenedAndMaskedInTheReason() {
    String reason =
        decide(History.afterPassword().attribute(AuthFlow.USER_STATUS, "X\n" + "Y".repeat(100)))
            .reason();
    assertThat(reason).contains("X?" + "Y".repeat(30) + "...").doesNotContain("\n");
  }
}
