package io.github.cognitoemailotp.layer;

import java.time.Duration;

/**
 * An email carrying a code, handed to a {@link CodeSender}.
 *
 * @param recipient the user's address
 * @param code the digits
 * @param validFor how long the code is accepted
 * @param locale the user's {@code locale} attribute, empty when unset
 */
public record CodeEmail(String recipient, String code, Duration validFor, String locale) {

  /** Never shows the code or the whole address. */
  @Override
  public String toString() {
    return "CodeEmail[recipient=" + EmailMask.mask(recipient) + ", locale=" + locale + "]";
  }
}
