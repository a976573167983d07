package io.github.cognitoemailotp.layer;

import io.github.cognitoemailotp.layer.budget.BudgetSpend;
import io.github.cognitoemailotp.layer.budget.CodeTally;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The custom challenge Create hands to Cognito.
 *
 * @param state the code in force and why it was issued
 * @param resend the answer to a resend request, empty when there was none
 * @param attemptsLeft answers the user still has
 * @param resendsLeft new codes the user may still ask for
 * @param maskedEmail where the code went
 */
public record IssuedChallenge(
    CodeState state,
    Optional<ResendAnswer> resend,
    int attemptsLeft,
    int resendsLeft,
    String maskedEmail) {

  /** Private parameter holding the code, for Verify. */
  public static final String CODE = "code";

  /** Private parameter holding the code's expiry in epoch seconds, for Verify. */
  public static final String EXPIRES_AT = "expiresAt";

  /**
   * What the client sees: where the code went, its length and expiry, and what the user has left.
   * Never the code. This is the one place the public parameters are built.
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
      parameters.put("resend", resend.get().outcome());
      parameters.put("resendMessage", resend.get().message(maskedEmail));
    }
    return parameters;
  }

  /** What Verify needs: the code and when it expires. */
  public Map<String, String> privateParameters() {
    return Map.of(
        CODE, state.code(), EXPIRES_AT, Long.toString(state.expiresAt().getEpochSecond()));
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
    Optional<CodeState> previous = tally.codeInForce();
    Optional<ResendAnswer> resend = Optional.empty();
    CodeState next;
    if (previous.isEmpty()) {
      next = newCode(IssueReason.FIRST, settings, now, codes);
    } else if (resendRequested) {
      resend = Optional.of(answerResend(previous.get(), tally, settings, now));
      next =
          switch (resend.get()) {
            case ResendAnswer.Sent sent ->
                newCode(
                    previous.get().expiredAt(now) ? IssueReason.RESEND_RENEWED : IssueReason.RESEND,
                    settings,
                    now,
                    codes);
            case ResendAnswer.RefusedLimit limit ->
                previous.get().reissuedFor(IssueReason.RESEND_REFUSED);
            case ResendAnswer.RefusedCooldown cooldown ->
                previous.get().reissuedFor(IssueReason.RESEND_REFUSED);
            case ResendAnswer.RefusedBudget budget ->
                throw new IllegalStateException("decide() does not see the budget");
          };
    } else if (previous.get().expiredAt(now)) {
      next = newCode(IssueReason.RENEWED, settings, now, codes);
    } else {
      next = previous.get().reissuedFor(IssueReason.RETRY);
    }
    // A renewal after expiry is not counted as a resend (RESEND_RENEWED); a granted one is.
    int resendsGranted = tally.resendsGranted() + (next.reason() == IssueReason.RESEND ? 1 : 0);
    return new IssuedChallenge(
        next,
        resend,
        settings.flow().maxAttempts() - tally.wrongAnswers(),
        Math.max(0, settings.flow().maxResends() - resendsGranted),
        EmailMask.mask(email));
  }

  /**
   * This challenge, which granted a resend, refused instead because the user's code-email budget is
   * spent: the code in force stays, no email goes out, and the resend is not counted.
   *
   * @param codeInForce the code of the challenge before this one
   * @param refusal the budget's answer
   * @param now the current time
   */
  public IssuedChallenge refusedByBudget(CodeState codeInForce, BudgetSpend refusal, Instant now) {
    if (state.reason() != IssueReason.RESEND) {
      throw new IllegalStateException("only a granted resend is refused by the budget");
    }
    return new IssuedChallenge(
        codeInForce.reissuedFor(IssueReason.RESEND_REFUSED),
        Optional.of(
            new ResendAnswer.RefusedBudget(
                Math.max(0, Duration.between(now, refusal.allowedAgainAt()).toSeconds()))),
        attemptsLeft,
        resendsLeft + 1,
        maskedEmail);
  }

  /**
   * A resend after the code expired is always granted (the user could not sign in otherwise); else
   * it is refused once the sign-in's resends are used up, or within the cooldown of the last email.
   */
  private static ResendAnswer answerResend(
      CodeState code, CodeTally tally, CreateSettings settings, Instant now) {
    if (code.expiredAt(now)) {
      return new ResendAnswer.Sent();
    }
    if (tally.resendsGranted() >= settings.flow().maxResends()) {
      return new ResendAnswer.RefusedLimit();
    }
    Instant allowedFrom = code.sentAt().plus(settings.resendCooldown());
    if (now.isBefore(allowedFrom)) {
      return new ResendAnswer.RefusedCooldown(
          (Duration.between(now, allowedFrom).toMillis() + 999) / 1000);
    }
    return new ResendAnswer.Sent();
  }

  /** A new code, its times in whole seconds as the metadata keeps them. */
  private static CodeState newCode(
      IssueReason reason, CreateSettings settings, Instant now, CodeGenerator codes) {
    Instant sentAt = now.truncatedTo(ChronoUnit.SECONDS);
    return new CodeState(
        reason, codes.next(settings.codeLength()), sentAt, sentAt.plus(settings.codeTtl()));
  }
}
