package io.github.cognitoemailotp.layer;

import static io.github.cognitoemailotp.layer.IssueReason.FIRST;
import static io.github.cognitoemailotp.layer.IssueReason.RENEWED;
import static io.github.cognitoemailotp.layer.IssueReason.RESEND;
import static io.github.cognitoemailotp.layer.IssueReason.RESEND_REFUSED;
import static io.github.cognitoemailotp.layer.IssueReason.RETRY;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthFlowTest {

  private static final FlowSettings DEFAULTS = new FlowSettings(3, 2, false);

  /** A minute after the code in {@link History#metadata} was sent. */
  static final java.time.Instant NOW = java.time.Instant.ofEpochSecond(1_795_752_060L);

  private static NextStep next(History history) {
    return next(history, DEFAULTS);
  }

  private static NextStep next(History history, FlowSettings settings) {
    return AuthFlow.decide(history.parsed(Trigger.DEFINE_AUTH_CHALLENGE), settings, NOW).next();
  }

  @Test
  void successfulSrpAAsksForThePassword() {
    assertThat(next(new History().srpA(true))).isEqualTo(NextStep.PASSWORD_VERIFIER);
  }

  @Test
  void unknownUserIsAskedForThePasswordLikeAnyOther() {
    assertThat(next(new History().srpA(true).userNotFound())).isEqualTo(NextStep.PASSWORD_VERIFIER);
  }

  @Test
  void correctPasswordLeadsToTheCodeChallenge() {
    assertThat(next(History.afterPassword())).isEqualTo(NextStep.CUSTOM_CHALLENGE);
  }

  @Test
  void emptySessionFails() {
    assertThat(next(new History())).isEqualTo(NextStep.FAIL_AUTHENTICATION);
  }

  @Test
  void failedSrpAFails() {
    assertThat(next(new History().srpA(false))).isEqualTo(NextStep.FAIL_AUTHENTICATION);
  }

  @Test
  void wrongPasswordFails() {
    assertThat(next(new History().srpA(true).passwordVerifier(false)))
        .isEqualTo(NextStep.FAIL_AUTHENTICATION);
  }

  @Test
  void unknownUserFailsAfterThePasswordStep() {
    assertThat(next(History.afterPassword().userNotFound()))
        .isEqualTo(NextStep.FAIL_AUTHENTICATION);
  }

  @Test
  void sessionStartingWithACustomChallengeFails() {
    assertThat(next(new History().answer(FIRST, true))).isEqualTo(NextStep.FAIL_AUTHENTICATION);
  }

  @Test
  void passwordStepAloneNeverIssuesTokens() {
    assertThat(next(new History().srpA(true).passwordVerifier(true).passwordVerifier(true)))
        .isEqualTo(NextStep.FAIL_AUTHENTICATION);
  }

  @Test
  void unrecognizedChallengeNameFails() {
    assertThat(next(History.afterPassword().entry("SMS_MFA", true, "")))
        .isEqualTo(NextStep.FAIL_AUTHENTICATION);
  }

  @Test
  void correctCodeIssuesTokens() {
    assertThat(next(History.afterPassword().answer(FIRST, true))).isEqualTo(NextStep.ISSUE_TOKENS);
  }

  @Test
  void wrongAnswerWithAttemptsLeftAsksAgain() {
    assertThat(next(History.afterPassword().answer(FIRST, false)))
        .isEqualTo(NextStep.CUSTOM_CHALLENGE);
  }

  @Test
  void wrongThenCorrectIssuesTokens() {
    assertThat(next(History.afterPassword().answer(FIRST, false).answer(RETRY, true)))
        .isEqualTo(NextStep.ISSUE_TOKENS);
  }

  @Test
  void maxAttemptsWrongAnswersFail() {
    History history =
        History.afterPassword().answer(FIRST, false).answer(RETRY, false).answer(RETRY, false);
    assertThat(next(history)).isEqualTo(NextStep.FAIL_AUTHENTICATION);
  }

  @Test
  void lastAllowedAttemptMayBeCorrect() {
    History history =
        History.afterPassword().answer(FIRST, false).answer(RENEWED, false).answer(RETRY, true);
    assertThat(next(history)).isEqualTo(NextStep.ISSUE_TOKENS);
  }

  @Test
  void correctAnswerAfterTheAttemptsAreUsedUpFails() {
    History history =
        History.afterPassword()
            .answer(FIRST, false)
            .answer(RETRY, false)
            .answer(RETRY, false)
            .answer(RETRY, true);
    assertThat(next(history)).isEqualTo(NextStep.FAIL_AUTHENTICATION);
  }

  @Test
  void resendRequestIsNotAWrongAttempt() {
    History history =
        History.afterPassword()
            .answer(FIRST, false)
            .answer(RETRY, false)
            .answer(RETRY, false)
            .resendRequested();
    assertThat(next(history)).isEqualTo(NextStep.CUSTOM_CHALLENGE);
  }

  @Test
  void earlierResendsAreNotCountedAsWrongAnswers() {
    History history =
        History.afterPassword()
            .answer(FIRST, false)
            .answer(RESEND, false)
            .answer(RESEND_REFUSED, false)
            .answer(RETRY, false)
            .answer(RETRY, true);
    assertThat(next(history)).isEqualTo(NextStep.ISSUE_TOKENS);
  }

  @Test
  void moreResendsThanAllowedFail() {
    History history =
        History.afterPassword()
            .answer(FIRST, false)
            .answer(RESEND, false)
            .answer(RESEND, false)
            .answer(RESEND, true);
    assertThat(next(history)).isEqualTo(NextStep.FAIL_AUTHENTICATION);
  }

  @Test
  void foreignMetadataFailsClosed() {
    History history = History.afterPassword().entry("CUSTOM_CHALLENGE", true, "CODE-123456");
    assertThat(next(history)).isEqualTo(NextStep.FAIL_AUTHENTICATION);
  }

  @Test
  void missingMetadataFailsClosed() {
    History history =
        History.afterPassword()
            .entry("CUSTOM_CHALLENGE", true, io.github.cognitoemailotp.layer.internal.Json.NULL);
    assertThat(next(history)).isEqualTo(NextStep.FAIL_AUTHENTICATION);
  }

  @Test
  void secondFirstChallengeFailsClosed() {
    History history = History.afterPassword().answer(FIRST, false).answer(FIRST, true);
    assertThat(next(history)).isEqualTo(NextStep.FAIL_AUTHENTICATION);
  }

  @Test
  void correctAnswerThatDidNotEndTheSignInFailsClosed() {
    History history = History.afterPassword().answer(FIRST, true).answer(RETRY, true);
    assertThat(next(history)).isEqualTo(NextStep.FAIL_AUTHENTICATION);
  }

  @Test
  void nullChallengeResultCountsAsFailed() {
    History history =
        History.afterPassword()
            .entry(
                "CUSTOM_CHALLENGE",
                io.github.cognitoemailotp.layer.internal.Json.NULL,
                History.metadata(FIRST, "482913"));
    assertThat(next(history)).isEqualTo(NextStep.CUSTOM_CHALLENGE);
  }

  @Test
  void userWithoutEmailFailsBeforeAnyCode() {
    assertThat(next(History.afterPassword().attribute("email", null)))
        .isEqualTo(NextStep.FAIL_AUTHENTICATION);
  }

  @Test
  void unverifiedEmailIsAcceptedByDefault() {
    assertThat(next(History.afterPassword().attribute("email_verified", "false")))
        .isEqualTo(NextStep.CUSTOM_CHALLENGE);
  }

  @Test
  void unverifiedEmailFailsWhenVerificationIsRequired() {
    FlowSettings strict = new FlowSettings(3, 2, true);
    assertThat(next(History.afterPassword().attribute("email_verified", "false"), strict))
        .isEqualTo(NextStep.FAIL_AUTHENTICATION);
    assertThat(next(History.afterPassword().attribute("email_verified", null), strict))
        .isEqualTo(NextStep.FAIL_AUTHENTICATION);
    assertThat(next(History.afterPassword(), strict)).isEqualTo(NextStep.CUSTOM_CHALLENGE);
  }

  @Test
  void oneAttemptAllowsNoWrongAnswer() {
    FlowSettings oneAttempt = new FlowSettings(1, 2, false);
    assertThat(next(History.afterPassword().answer(FIRST, false), oneAttempt))
        .isEqualTo(NextStep.FAIL_AUTHENTICATION);
    assertThat(next(History.afterPassword().answer(FIRST, true), oneAttempt))
        .isEqualTo(NextStep.ISSUE_TOKENS);
  }

  @Test
  void decisionReasonNeverHoldsTheCode() {
    History history = History.afterPassword().answer(FIRST, false).answer(RETRY, false);
    DefineDecision decision =
        AuthFlow.decide(history.parsed(Trigger.DEFINE_AUTH_CHALLENGE), DEFAULTS, NOW);
    assertThat(decision.reason()).doesNotContain("482913").contains("1 attempts left");
  }

  static NextStep at(History history, FlowSettings settings, java.time.Instant now) {
    return AuthFlow.decide(history.parsed(Trigger.DEFINE_AUTH_CHALLENGE), settings, now).next();
  }

  static final java.time.Instant SENT = java.time.Instant.ofEpochSecond(1_795_752_000L);

  @Test
  void aSignInGoesOnUntilMaxSignInMinutesAfterItsFirstCodeAndNoLonger() {
    History wrongOnce = History.afterPassword().answer(FIRST, false);
    java.time.Instant end = SENT.plus(DEFAULTS.maxSignIn());
    assertThat(DEFAULTS.maxSignIn()).isEqualTo(java.time.Duration.ofMinutes(15));
    assertThat(at(wrongOnce, DEFAULTS, end)).isEqualTo(NextStep.CUSTOM_CHALLENGE);
    assertThat(at(wrongOnce, DEFAULTS, end.plusMillis(1))).isEqualTo(NextStep.FAIL_AUTHENTICATION);
    assertThat(at(History.afterPassword().answer(FIRST, true), DEFAULTS, end.plusSeconds(1)))
        .as("even a correct answer, once the sign-in is over")
        .isEqualTo(NextStep.FAIL_AUTHENTICATION);
    assertThat(at(History.afterPassword().answer(FIRST, true), DEFAULTS, end))
        .isEqualTo(NextStep.ISSUE_TOKENS);
  }

  @Test
  void renewalsByResendsDoNotExtendTheSignIn() {
    FlowSettings threeMinutes = new FlowSettings(3, 0, false, java.time.Duration.ofMinutes(3));
    History renewed =
        History.afterPassword()
            .answer(FIRST, false)
            .answer(IssueReason.RESEND_RENEWED, false)
            .answer(IssueReason.RESEND_RENEWED, false)
            .resendRequested();
    assertThat(at(renewed, threeMinutes, SENT.plusSeconds(180)))
        .isEqualTo(NextStep.CUSTOM_CHALLENGE);
    DefineDecision decision =
        AuthFlow.decide(
            renewed.parsed(Trigger.DEFINE_AUTH_CHALLENGE), threeMinutes, SENT.plusSeconds(181));
    assertThat(decision.next()).isEqualTo(NextStep.FAIL_AUTHENTICATION);
    assertThat(decision.reason())
        .isEqualTo(
            "the sign-in began 181 s ago, longer than MAX_SIGN_IN_MINUTES (3) allows; start a new"
                + " sign-in");
  }

  @Test
  void beforeTheFirstCodeTheSignInHasNoAgeYet() {
    assertThat(at(History.afterPassword(), DEFAULTS, SENT.plus(java.time.Duration.ofDays(400))))
        .isEqualTo(NextStep.CUSTOM_CHALLENGE);
    assertThat(SignInLifetime.firstCodeSentAt(java.util.List.of())).isEmpty();
  }

  @Test
  void defineHandlerEndsTheSignInOnItsClock() {
    History wrongOnce = History.afterPassword().answer(FIRST, false);
    FlowSettings threeMinutes = new FlowSettings(3, 2, false, java.time.Duration.ofMinutes(3));
    io.github.cognitoemailotp.testkit.CapturingLogger logger =
        new io.github.cognitoemailotp.testkit.CapturingLogger();
    byte[] answer =
        new DefineAuthChallenge(
                threeMinutes,
                java.time.Clock.fixed(SENT.plusSeconds(200), java.time.ZoneOffset.UTC))
            .handle(wrongOnce.event(Trigger.DEFINE_AUTH_CHALLENGE), logger);
    assertThat(new String(answer, java.nio.charset.StandardCharsets.UTF_8))
        .contains("\"failAuthentication\":true");
    assertThat(logger.text()).contains("MAX_SIGN_IN_MINUTES (3)");
  }
}
