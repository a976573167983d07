package io.github.cognitoemailotp.layer;

import io.github.cognitoemailotp.layer.budget.CodeTally;
import io.github.cognitoemailotp.layer.device.DeviceSession;
import io.github.cognitoemailotp.layer.gate.TokenSource;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Define Auth Challenge's decision table. The only paths to tokens are: SRP_A succeeded, then
 * PASSWORD_VERIFIER succeeded, then either one or more custom-challenge answers, the last one
 * correct, with fewer than {@code maxAttempts} wrong ones before it, within {@code
 * MAX_SIGN_IN_MINUTES} of the first code; or a trusted device's correct proof as the first custom
 * challenge ({@link DeviceSession}). Everything else fails authentication.
 */
public final class AuthFlow {

  private AuthFlow() {}

  /**
   * Decides the next step.
   *
   * @param event the Define (or Create) event
   * @param settings the sign-in's limits
   * @param now the current time, for the end of the sign-in
   */
  public static DefineDecision decide(TriggerEvent event, FlowSettings settings, Instant now) {
    List<SessionEntry> session = event.session();
    if (session.isEmpty()) {
      return DefineDecision.fail(
          SignInFailure.INVALID_SESSION,
          "the session is empty: CUSTOM_AUTH was started without the password (SRP_A) step");
    }
    for (SessionEntry entry : session) {
      if (entry.challengeName() == ChallengeName.UNRECOGNIZED) {
        return DefineDecision.fail(
            SignInFailure.INVALID_SESSION,
            "the session holds a challenge this sign-in never asks for");
      }
    }
    SessionEntry first = session.getFirst();
    if (first.challengeName() != ChallengeName.SRP_A || !first.challengeResult()) {
      return DefineDecision.fail(
          SignInFailure.INVALID_SESSION, "the sign-in did not start with a successful SRP_A step");
    }
    if (session.size() == 1) {
      // Asked whether or not the user exists (userNotFound): failing here would tell an attacker
      // which accounts exist. Cognito fails the password step of a missing user like a wrong one.
      return new DefineDecision(
          NextStep.PASSWORD_VERIFIER, "SRP_A done, password next", CodeTally.NONE);
    }
    SessionEntry second = session.get(1);
    if (second.challengeName() != ChallengeName.PASSWORD_VERIFIER) {
      return DefineDecision.fail(
          SignInFailure.INVALID_SESSION, "the second step was not PASSWORD_VERIFIER");
    }
    if (!second.challengeResult()) {
      return DefineDecision.fail(SignInFailure.WRONG_PASSWORD, "the password was wrong");
    }
    if (event.userNotFound()) {
      return DefineDecision.fail(SignInFailure.USER_NOT_FOUND, "the user does not exist");
    }
    String statusProblem = statusProblem(event);
    if (!statusProblem.isEmpty()) {
      return DefineDecision.fail(SignInFailure.USER_STATUS, statusProblem);
    }
    DeviceSession devices;
    CodeTally tally;
    try {
      devices = DeviceSession.of(session.subList(2, session.size()));
      tally = CodeTally.of(devices.codeChallenges(), event.resendRequested());
    } catch (CodeTally.InconsistentHistoryException | DeviceSession.InconsistentException e) {
      return DefineDecision.fail(
          SignInFailure.INVALID_SESSION, "the session history is inconsistent: " + e.getMessage());
    }
    if (devices.proven()) {
      // Create issued the device challenge only for a live device of this user, and Verify
      // answered correct only for its signature of that challenge's nonce, after the password.
      return new DefineDecision(
          NextStep.ISSUE_TOKENS, "the trusted device signed its challenge", tally);
    }
    if (tally.resendsGranted() > settings.maxResends()) {
      return DefineDecision.fail(
          SignInFailure.LIMIT, "the session holds more resends than MAX_RESENDS allows");
    }
    Optional<Instant> firstCodeSentAt = SignInLifetime.firstCodeSentAt(devices.codeChallenges());
    if (firstCodeSentAt.isPresent()
        && SignInLifetime.endedAt(firstCodeSentAt.get(), settings.maxSignIn(), now)) {
      return DefineDecision.fail(
          SignInFailure.EXPIRED,
          SignInLifetime.endedReason(firstCodeSentAt.get(), settings.maxSignIn(), now));
    }
    if (tally.lastAnswerCorrect()) {
      return tally.wrongAnswers() < settings.maxAttempts()
          ? new DefineDecision(NextStep.ISSUE_TOKENS, "the code was correct", tally)
          : DefineDecision.fail(
              SignInFailure.WRONG_CODES, "a correct code came after the attempts were used up");
    }
    if (tally.wrongAnswers() >= settings.maxAttempts()) {
      return DefineDecision.fail(
          SignInFailure.WRONG_CODES,
          "wrong code " + tally.wrongAnswers() + " times, the most MAX_ATTEMPTS allows");
    }
    String emailProblem = emailProblem(event, settings);
    if (!emailProblem.isEmpty()) {
      return DefineDecision.fail(SignInFailure.NO_USABLE_EMAIL, emailProblem);
    }
    String reason;
    if (tally.codeInForce().isEmpty() && devices.device().isPresent()) {
      reason = "the device proof failed or was declined, code challenge next";
    } else if (tally.codeInForce().isEmpty()) {
      reason = "password correct, code challenge next";
    } else if (event.resendRequested()) {
      reason = "a new code was asked for";
    } else {
      reason = "wrong code, " + (settings.maxAttempts() - tally.wrongAnswers()) + " attempts left";
    }
    return new DefineDecision(NextStep.CUSTOM_CHALLENGE, reason, tally);
  }

  /** The attribute in which Cognito tells the triggers the user's status. */
  public static final String USER_STATUS = "cognito:user_status";

  /**
   * Why the user's status stops the sign-in, or empty when it does not. Asked only after a correct
   * password, so a status never tells someone without the password that the account exists.
   *
   * <ul>
   *   <li>{@code CONFIRMED}: the usual sign-in.
   *   <li>{@code FORCE_CHANGE_PASSWORD} (an invited user with a temporary password): the password
   *       step and then the code as usual. Real Cognito inserts NEW_PASSWORD_REQUIRED after the
   *       password by itself and then issues tokens without asking Define; the token gate refuses
   *       those ({@link TokenSource#NEW_PASSWORD_CHALLENGE}) and the app signs in again with the
   *       new password, which asks for the code.
   *   <li>Absent: proceeds as CONFIRMED. Events for a user who does not exist ({@code
   *       userNotFound}) carry no attributes, and Define must answer them as it answers a real
   *       user, or its answers would tell which accounts exist; and an absent status never yields
   *       tokens by itself: the code is still asked, and the token gate refuses any issuance
   *       without a pass of a correct code.
   *   <li>Any other value ({@code UNCONFIRMED}, {@code RESET_REQUIRED}, {@code EXTERNAL_PROVIDER},
   *       {@code ARCHIVED}, {@code COMPROMISED}, {@code UNKNOWN}, anything new): fails, naming it.
   *       Cognito refuses most of these before any trigger runs; one that reaches Define anyway is
   *       a path this project has not reasoned about.
   * </ul>
   */
  public static String statusProblem(TriggerEvent event) {
    String status = event.userAttributes().get(USER_STATUS);
    if (status == null || "CONFIRMED".equals(status) || "FORCE_CHANGE_PASSWORD".equals(status)) {
      return "";
    }
    String shown = status.length() > 32 ? status.substring(0, 32) + "..." : status;
    return "the user's status is "
        + shown.replaceAll("[^\\x20-\\x7E]", "?")
        + ", not CONFIRMED or FORCE_CHANGE_PASSWORD";
  }

  /**
   * Why the user cannot receive a code, or empty when they can: no email attribute, or an
   * unverified one when {@code REQUIRE_VERIFIED_EMAIL} is on.
   */
  public static String emailProblem(TriggerEvent event, FlowSettings settings) {
    if (event.email().isEmpty()) {
      return "the user has no email attribute, so no code can be sent";
    }
    if (settings.requireVerifiedEmail()
        && !"true".equals(event.userAttributes().getOrDefault("email_verified", ""))) {
      return "the user's email is not verified and REQUIRE_VERIFIED_EMAIL is true";
    }
    return "";
  }
}
