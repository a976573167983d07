package io.github.cognitoemailotp.layer;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The custom challenge Create hands to Cognito.
 *
 * @param state the code in force and why it was issued
 * @param resend the answer to a resend request, empty when there was none
 * @param secondsUntilResend with {@link ResendOutcome#REFUSED_COOLDOWN}, how long to wait
 * @param attemptsLeft answers the user still has
 * @param resendsLeft new codes the user may still ask for
 * @param maskedEmail where the code went
 */
public record IssuedChallenge(
    CodeState state,
    Optional<ResendOutcome> resend,
    long secondsUntilResend,
    int attemptsLeft,
    int resendsLeft,
    String maskedEmail) {

  /** Private parameter holding the code, for Verify. */
  public static final String CODE = "code";

  /** Private parameter holding the code's expiry in epoch seconds, for Verify. */
  public static final String EXPIRES_AT = "expiresAt";

  /**
   * What the client sees: where the code went, its length and expiry, and what the user has left.
   * Never the code.
   */
  public Map<String, String> publicParameters() {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("maskedEmail", maskedEmail);
    parameters.put("codeLength", Integer.toString(state.code().length()));
    parameters.put("codeExpiresAt", state.expiresAt().toString());
    parameters.put("attemptsLeft", Integer.toString(attemptsLeft));
    parameters.put("resendsLeft", Integer.toString(resendsLeft));
    parameters.put("codeSent", Boolean.toString(state.reason().emailsNewCode()));
    if (resend.isPresent()) {
      parameters.put("resend", resend.get().name());
      parameters.put("resendMessage", resendMessage(resend.get()));
    }
    return parameters;
  }

  /** What Verify needs: the code and when it expires. */
  public Map<String, String> privateParameters() {
    return Map.of(
        CODE, state.code(), EXPIRES_AT, Long.toString(state.expiresAt().getEpochSecond()));
  }

  private String resendMessage(ResendOutcome outcome) {
    return switch (outcome) {
      case SENT -> "A new code was sent to " + maskedEmail + ".";
      case REFUSED_LIMIT ->
          "No new code was sent: this sign-in has used all its resends. Use the code already sent.";
      case REFUSED_COOLDOWN ->
          "No new code was sent: wait "
              + secondsUntilResend
              + " seconds before asking again. Use the code already sent.";
    };
  }

  /**
   * Decides the challenge: a first code, the same code again after a wrong answer, a new code when
   * the old one expired, or the answer to a resend request (granted, or refused by count or
   * cooldown).
   *
   * @param tally the custom challenges so far
   * @param resendRequested whether the client asked for a new code
   * @param settings the limits and code policy
   * @param now the current time
   * @param codes where new codes come from
   * @param email the user's address
   */
  public static IssuedChallenge decide(
      CodeTally tally,
      boolean resendRequested,
      CreateSettings settings,
      Instant now,
      CodeGenerator codes,
      String email) {
    FlowSettings flow = settings.flow();
    int attemptsLeft = flow.maxAttempts() - tally.wrongAnswers();
    int resendsLeft = flow.maxResends() - tally.resendsGranted();
    String maskedEmail = EmailMask.mask(email);
    Optional<CodeState> previous = tally.codeInForce();
    if (previous.isEmpty()) {
      return new IssuedChallenge(
          newCode(IssueReason.FIRST, settings, now, codes),
          Optional.empty(),
          0,
          attemptsLeft,
          resendsLeft,
          maskedEmail);
    }
    CodeState code = previous.get();
    if (resendRequested) {
      if (code.expiredAt(now)) {
        return new IssuedChallenge(
            newCode(IssueReason.RESEND_RENEWED, settings, now, codes),
            Optional.of(ResendOutcome.SENT),
            0,
            attemptsLeft,
            resendsLeft,
            maskedEmail);
      }
      if (resendsLeft <= 0) {
        return new IssuedChallenge(
            code.reissuedFor(IssueReason.RESEND_REFUSED),
            Optional.of(ResendOutcome.REFUSED_LIMIT),
            0,
            attemptsLeft,
            0,
            maskedEmail);
      }
      Instant allowedFrom = code.sentAt().plus(settings.resendCooldown());
      if (now.isBefore(allowedFrom)) {
        long wait = (Duration.between(now, allowedFrom).toMillis() + 999) / 1000;
        return new IssuedChallenge(
            code.reissuedFor(IssueReason.RESEND_REFUSED),
            Optional.of(ResendOutcome.REFUSED_COOLDOWN),
            wait,
            attemptsLeft,
            resendsLeft,
            maskedEmail);
      }
      return new IssuedChallenge(
          newCode(IssueReason.RESEND, settings, now, codes),
          Optional.of(ResendOutcome.SENT),
          0,
          attemptsLeft,
          resendsLeft - 1,
          maskedEmail);
    }
    CodeState next =
        code.expiredAt(now)
            ? newCode(IssueReason.RENEWED, settings, now, codes)
            : code.reissuedFor(IssueReason.RETRY);
    return new IssuedChallenge(next, Optional.empty(), 0, attemptsLeft, resendsLeft, maskedEmail);
  }

  /** A new code, its times in whole seconds as the metadata keeps them. */
  private static CodeState newCode(
      IssueReason reason, CreateSettings settings, Instant now, CodeGenerator codes) {
    Instant sentAt = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    return new CodeState(
        reason, codes.next(settings.codeLength()), sentAt, sentAt.plus(settings.codeTtl()));
  }
}
