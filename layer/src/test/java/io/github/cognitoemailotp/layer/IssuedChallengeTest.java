package io.github.cognitoemailotp.layer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cognitoemailotp.layer.budget.CodeTally;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Create's decision: which code, whether to email it, and what the client is told. */
class IssuedChallengeTest {

  static final Instant SENT = Instant.ofEpochSecond(1_795_752_000L);
  static final CreateSettings SETTINGS =
      new CreateSettings(
          new FlowSettings(3, 2, false),
          "no-reply@example.com",
          6,
          Duration.ofSeconds(300),
          Duration.ofSeconds(30),
          "");
  static final CodeGenerator NEXT = length -> "135790";
  static final CodeState FIRST =
      new CodeState(IssueReason.FIRST, "482913", SENT, SENT.plusSeconds(300));

  static CodeTally tally(int wrong, int resends) {
    return new CodeTally(wrong, resends, false, Optional.of(FIRST));
  }

  static IssuedChallenge decide(CodeTally tally, boolean resend, Instant now) {
    return IssuedChallenge.decide(tally, resend, SETTINGS, now, NEXT, "jane.doe@example.com");
  }

  @Test
  void firstChallengeGetsANewCodeValidForTheTtlFromTheWholeSecond() {
    IssuedChallenge challenge = decide(CodeTally.NONE, false, SENT.plusMillis(700));
    assertThat(challenge.state())
        .isEqualTo(new CodeState(IssueReason.FIRST, "135790", SENT, SENT.plusSeconds(300)));
    assertThat(challenge.attemptsLeft()).isEqualTo(3);
    assertThat(challenge.resendsLeft()).isEqualTo(2);
    assertThat(challenge.resend()).isEmpty();
  }

  @Test
  void publicParametersSayWhereHowLongAndWhatIsLeft() {
    assertThat(decide(tally(1, 1), false, SENT.plusSeconds(10)).publicParameters())
        .containsExactly(
            Map.entry("maskedEmail", "j***@e***.com"),
            Map.entry("codeLength", "6"),
            Map.entry("codeExpiresAt", "2026-11-27T04:05:00Z"),
            Map.entry("attemptsLeft", "2"),
            Map.entry("resendsLeft", "1"),
            Map.entry("codeSent", "false"));
  }

  @Test
  void privateParametersHoldTheCodeAndItsExpiry() {
    assertThat(decide(tally(1, 0), false, SENT.plusSeconds(10)).privateParameters())
        .isEqualTo(Map.of("code", "482913", "expiresAt", "1795752300"));
  }

  @Test
  void wrongAnswerKeepsTheValidCode() {
    IssuedChallenge challenge = decide(tally(1, 0), false, SENT.plusSeconds(299));
    assertThat(challenge.state()).isEqualTo(FIRST.reissuedFor(IssueReason.RETRY));
    assertThat(challenge.state().reason()).isEqualTo(IssueReason.RETRY);
    assertThat(challenge.attemptsLeft()).isEqualTo(2);
  }

  @Test
  void codeIsRenewedOnceItExpires() {
    IssuedChallenge challenge = decide(tally(2, 0), false, SENT.plusSeconds(300));
    assertThat(challenge.state())
        .isEqualTo(
            new CodeState(
                IssueReason.RENEWED, "135790", SENT.plusSeconds(300), SENT.plusSeconds(600)));
    assertThat(challenge.attemptsLeft()).isEqualTo(1);
  }

  @Test
  void resendIsGrantedOnceTheCooldownHasPassed() {
    IssuedChallenge challenge = decide(tally(0, 1), true, SENT.plusSeconds(30));
    assertThat(challenge.state().reason()).isEqualTo(IssueReason.RESEND);
    assertThat(challenge.state().code()).isEqualTo("135790");
    assertThat(challenge.resend()).contains(new ResendAnswer.Sent());
    assertThat(challenge.resendsLeft()).isZero();
    assertThat(challenge.publicParameters())
        .containsEntry("resend", "SENT")
        .containsEntry("resendMessage", "A new code was sent to j***@e***.com.")
        .containsEntry("codeSent", "true");
  }

  @Test
  void resendWithinTheCooldownIsRefusedWithTheWait() {
    IssuedChallenge challenge = decide(tally(0, 0), true, SENT.plusMillis(29_001));
    assertThat(challenge.state()).isEqualTo(FIRST.reissuedFor(IssueReason.RESEND_REFUSED));
    assertThat(challenge.resend()).contains(new ResendAnswer.RefusedCooldown(1));
    assertThat(challenge.resendsLeft()).isEqualTo(2);
    assertThat(challenge.publicParameters())
        .containsEntry("resend", "REFUSED_COOLDOWN")
        .containsEntry(
            "resendMessage",
            "No new code was sent: wait 1 seconds before asking again. Use the code already sent.");
  }

  @Test
  void resendBeyondTheLimitIsRefused() {
    IssuedChallenge challenge = decide(tally(0, 2), true, SENT.plusSeconds(100));
    assertThat(challenge.state()).isEqualTo(FIRST.reissuedFor(IssueReason.RESEND_REFUSED));
    assertThat(challenge.resend()).contains(new ResendAnswer.RefusedLimit());
    assertThat(challenge.resendsLeft()).isZero();
    assertThat(challenge.publicParameters().get("resendMessage"))
        .isEqualTo(
            "No new code was sent: this sign-in has used all its resends. Use the code already sent.");
  }

  @Test
  void resendAfterExpiryRenewsTheCodeWhateverTheLimitWithoutCountingIt() {
    IssuedChallenge challenge = decide(tally(0, 2), true, SENT.plusSeconds(300));
    assertThat(challenge.state())
        .isEqualTo(
            new CodeState(
                IssueReason.RESEND_RENEWED,
                "135790",
                SENT.plusSeconds(300),
                SENT.plusSeconds(600)));
    assertThat(challenge.resend()).contains(new ResendAnswer.Sent());
    assertThat(challenge.resendsLeft()).isZero();
  }

  @Test
  void onlyNewCodesAreEmailed() {
    assertThat(IssueReason.FIRST.emailsNewCode()).isTrue();
    assertThat(IssueReason.RENEWED.emailsNewCode()).isTrue();
    assertThat(IssueReason.RESEND.emailsNewCode()).isTrue();
    assertThat(IssueReason.RESEND_RENEWED.emailsNewCode()).isTrue();
    assertThat(IssueReason.RETRY.emailsNewCode()).isFalse();
    assertThat(IssueReason.RESEND_REFUSED.emailsNewCode()).isFalse();
  }
}
