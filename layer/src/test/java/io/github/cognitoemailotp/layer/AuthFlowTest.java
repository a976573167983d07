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

  private static NextStep next(History history) {
    return next(history, DEFAULTS);
  }

  private static NextStep next(History history, FlowSettings settings) {
    return AuthFlow.decide(history.parsed(Trigger.DEFINE_AUTH_CHALLENGE), settings).next();
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
        AuthFlow.decide(history.parsed(Trigger.DEFINE_AUTH_CHALLENGE), DEFAULTS);
    assertThat(decision.reason()).doesNotContain("482913").contains("1 attempts left");
  }
}
