package io.github.cognitoemailotp.layer;

import io.github.cognitoemailotp.layer.metrics.Metric;

/**
 * Why Define failed a sign-in, in a word: the {@code Reason} dimension of {@link
 * Metric#SIGN_INS_FAILED}. A closed set, so the metric stays low-cardinality; the decision line's
 * {@code reason} field says the rest.
 */
public enum SignInFailure {
  /** The event could not be read. */
  MALFORMED("Malformed"),
  /** Something unexpected went wrong while deciding. */
  UNEXPECTED("Unexpected"),
  /**
   * The session is not one this sign-in writes: no password step first, a challenge it never asks
   * for, or a custom-challenge history this project did not write.
   */
  INVALID_SESSION("InvalidSession"),
  /** The password step failed. */
  WRONG_PASSWORD("WrongPassword"),
  /** Cognito says the user does not exist. */
  USER_NOT_FOUND("UserNotFound"),
  /**
   * The user's {@code cognito:user_status} is one this sign-in does not expect (anything but
   * CONFIRMED and FORCE_CHANGE_PASSWORD).
   */
  USER_STATUS("UserStatus"),
  /** The user has no address a code may go to (none, or unverified when that is required). */
  NO_USABLE_EMAIL("NoUsableEmail"),
  /** The wrong answers reached MAX_ATTEMPTS. */
  WRONG_CODES("WrongCodes"),
  /** A limit other than the attempts was passed (more resends than MAX_RESENDS allows, ...). */
  LIMIT("Limit"),
  /** The sign-in went on longer than it may. */
  EXPIRED("Expired");

  private final String dimensionValue;

  SignInFailure(String dimensionValue) {
    this.dimensionValue = dimensionValue;
  }

  /** The word the metric's {@code Reason} dimension holds. */
  public String dimensionValue() {
    return dimensionValue;
  }
}
