package io.github.cognitoemailotp.layer.gate;

import io.github.cognitoemailotp.layer.metrics.Metric;

/**
 * Why the token gate refused an issuance, in a word: the {@code Refusal} dimension of {@link
 * Metric#TOKENS_REFUSED}, and the message the app receives. A closed set, so the metric stays
 * low-cardinality.
 */
public enum TokenRefusal {
  /** An authentication issuance without a live second-factor pass of this user for this client. */
  NO_PASS("NoPass", TokenRefusal.SIGN_IN_AGAIN),
  /**
   * Tokens right after NEW_PASSWORD_REQUIRED: Cognito issues them without asking Define again, so
   * without the code. The app signs in again with the new password, which asks for the code.
   */
  NEW_PASSWORD("NewPassword", TokenRefusal.PASSWORD_CHANGED),
  /** A source this project never lets through (hosted UI, device, client credentials, unknown). */
  SOURCE("Source", TokenRefusal.SIGN_IN_AGAIN),
  /** The event could not be read. */
  MALFORMED("Malformed", TokenRefusal.SIGN_IN_AGAIN),
  /** The pass store did not answer in time, or something unexpected went wrong. */
  UNAVAILABLE("Unavailable", TokenRefusal.SIGN_IN_AGAIN);

  /** The message of most refusals: the emailed code was not part of this issuance. */
  public static final String SIGN_IN_AGAIN = "Sign-in needs the emailed code. Sign in again.";

  /** The message after a password change: the new password, then the code. */
  public static final String PASSWORD_CHANGED =
      "Password changed. Sign in again with the new password to get your sign-in code.";

  private final String dimensionValue;
  private final String message;

  TokenRefusal(String dimensionValue, String message) {
    this.dimensionValue = dimensionValue;
    this.message = message;
  }

  /** The word the metric's {@code Refusal} dimension holds. */
  public String dimensionValue() {
    return dimensionValue;
  }

  /**
   * What the app receives, inside Cognito's {@code UserLambdaValidationException}
   * "PreTokenGeneration failed with error <i>message</i>.": short, for a person, with no detail of
   * the cause.
   */
  public String message() {
    return message;
  }
}
