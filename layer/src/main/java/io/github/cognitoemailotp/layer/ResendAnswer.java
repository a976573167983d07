package io.github.cognitoemailotp.layer;

import io.github.cognitoemailotp.layer.budget.CodeEmailLimits;

/**
 * The answer to a client's request for a new code. Its {@link #outcome()} is the public challenge
 * parameter {@code resend}; a refusal by cooldown carries how long to wait.
 */
public sealed interface ResendAnswer {

  /** A new code was emailed. */
  record Sent() implements ResendAnswer {}

  /** Refused: the sign-in has used all its resends; the code already sent stays. */
  record RefusedLimit() implements ResendAnswer {}

  /**
   * Refused: the last email was sent too recently; the code already sent stays.
   *
   * @param waitSeconds whole seconds until a resend may be granted
   */
  record RefusedCooldown(long waitSeconds) implements ResendAnswer {}

  /**
   * Refused: the user's code-email budget ({@link CodeEmailLimits}) is spent; the code already sent
   * stays.
   *
   * @param waitSeconds seconds until the budget allows an email again
   */
  record RefusedBudget(long waitSeconds) implements ResendAnswer {}

  /**
   * The value of the public parameter {@code resend}: SENT, REFUSED_LIMIT, REFUSED_COOLDOWN or
   * REFUSED_BUDGET.
   */
  default String outcome() {
    return switch (this) {
      case Sent sent -> "SENT";
      case RefusedLimit limit -> "REFUSED_LIMIT";
      case RefusedCooldown cooldown -> "REFUSED_COOLDOWN";
      case RefusedBudget budget -> "REFUSED_BUDGET";
    };
  }

  /** What the app can show the user, the public parameter {@code resendMessage}. */
  default String message(String maskedEmail) {
    return switch (this) {
      case Sent sent -> "A new code was sent to " + maskedEmail + ".";
      case RefusedLimit limit ->
          "No new code was sent: this sign-in has used all its resends. Use the code already sent.";
      case RefusedCooldown cooldown ->
          "No new code was sent: wait "
              + cooldown.waitSeconds()
              + " seconds before asking again. Use the code already sent.";
      case RefusedBudget budget ->
          "No new code was sent: too many codes were sent to this account. Try again in "
              + Math.max(1, (budget.waitSeconds() + 59) / 60)
              + " minutes, or use the code already sent.";
    };
  }
}
