package io.github.cognitoemailotp.layer;

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

  /** The value of the public parameter {@code resend}: SENT, REFUSED_LIMIT or REFUSED_COOLDOWN. */
  default String outcome() {
    return switch (this) {
      case Sent sent -> "SENT";
      case RefusedLimit limit -> "REFUSED_LIMIT";
      case RefusedCooldown cooldown -> "REFUSED_COOLDOWN";
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
    };
  }
}
