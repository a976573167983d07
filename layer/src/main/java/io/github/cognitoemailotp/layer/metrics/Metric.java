package io.github.cognitoemailotp.layer.metrics;

import io.github.cognitoemailotp.layer.SignInFailure;
import io.github.cognitoemailotp.layer.gate.TokenRefusal;

/**
 * The CloudWatch metrics the triggers emit, each a Count written into their decision line as
 * Embedded Metric Format (docs/operations.md says what each means and which alarm watches it). Each
 * metric has one home, the trigger that knows it:
 *
 * <ul>
 *   <li>Create: {@link #CODES_SENT}, {@link #RESENDS_GRANTED}, {@link #RESENDS_REFUSED}, {@link
 *       #SES_FAILURES}, {@link #CODE_EMAILS_REFUSED};
 *   <li>Verify: {@link #WRONG_CODES} (Verify judges the answer; Define does not count it again),
 *       {@link #USERS_LOCKED};
 *   <li>the Post Confirmation trigger and the operator's {@code example-client user --unlock}:
 *       {@link #USERS_UNLOCKED};
 *   <li>Define: {@link #SIGN_INS_SUCCEEDED}, {@link #SIGN_INS_FAILED};
 *   <li>the token gate: {@link #TOKENS_ALLOWED}, {@link #TOKENS_REFUSED}.
 * </ul>
 *
 * <p>A metric with a dimension is published twice: with its dimension (for the dashboard's
 * breakdown) and without (for the alarms, which watch the total). A dimension's value is a short
 * word from a closed set, never a user, an address or another per-user value; see {@link
 * MetricCounts#count(Metric, String)}.
 */
public enum Metric {
  /** A code email went out: first, renewed or resent. */
  CODES_SENT("CodesSent", ""),
  /** A client asked for a new code and got one emailed. */
  RESENDS_GRANTED("ResendsGranted", ""),
  /** A client asked for a new code and was refused (resend limit, cooldown or budget). */
  RESENDS_REFUSED("ResendsRefused", ""),
  /** An answer was compared with the code and was wrong; a resend request is not one. */
  WRONG_CODES("WrongCodes", ""),
  /** Define issued tokens. */
  SIGN_INS_SUCCEEDED("SignInsSucceeded", ""),
  /** Define failed the sign-in; the {@code Reason} is a {@link SignInFailure}. */
  SIGN_INS_FAILED("SignInsFailed", "Reason"),
  /** SES did not take a code email; the {@code ErrorClass} says what kind of failure. */
  SES_FAILURES("SesFailures", "ErrorClass"),
  /** A user's code-email budget refused an email; the {@code Budget} names which budget. */
  CODE_EMAILS_REFUSED("CodeEmailsRefused", "Budget"),
  /** The token gate let Cognito issue tokens (a pass consumed, a refresh, an ungated client). */
  TOKENS_ALLOWED("TokensAllowed", ""),
  /** The token gate refused an issuance; the {@code Refusal} is a {@link TokenRefusal}. */
  TOKENS_REFUSED("TokensRefused", "Refusal"),
  /** A user's wrong codes in a row reached MAX_CONSECUTIVE_WRONG_CODES: their lock started. */
  USERS_LOCKED("UsersLocked", ""),
  /** A locked user's lock was lifted (a password reset, or an operator). */
  USERS_UNLOCKED("UsersUnlocked", ""),
  /** A device proved itself after a correct code and is trusted from now on. */
  DEVICE_REGISTRATIONS("DeviceRegistrations", ""),
  /** A trusted device's proof stood in for the emailed code. */
  DEVICE_SIGN_INS("DeviceSignIns", ""),
  /** A device proof was refused: a wrong or late signature, or a device no longer trusted. */
  DEVICE_PROOFS_REFUSED("DeviceProofsRefused", ""),
  /** A trusted device was forgotten at the app's request (forgetDevice). */
  DEVICES_FORGOTTEN("DevicesForgotten", "");

  private final String metricName;
  private final String dimension;

  Metric(String metricName, String dimension) {
    this.metricName = metricName;
    this.dimension = dimension;
  }

  /** The CloudWatch metric name. */
  public String metricName() {
    return metricName;
  }

  /** The name of this metric's one dimension, empty when it has none. */
  public String dimension() {
    return dimension;
  }

  public boolean hasDimension() {
    return !dimension.isEmpty();
  }
}
