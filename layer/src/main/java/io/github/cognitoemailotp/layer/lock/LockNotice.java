package io.github.cognitoemailotp.layer.lock;

import io.github.cognitoemailotp.layer.EmailMask;

/**
 * The email a user gets once, when their lock starts: sign-in codes are paused after repeated wrong
 * codes, what it means if it was not them, and how to get back in. It holds no code.
 *
 * @param recipient the user's address
 * @param wrongCodes the wrong codes in a row that started the lock
 * @param recoveryByEmail whether the way back is the user's own password reset ({@link
 *     LockSettings#recoveryByEmail()}) or their administrator
 * @param locale the user's {@code locale} attribute, empty when unset
 */
public record LockNotice(String recipient, int wrongCodes, boolean recoveryByEmail, String locale) {

  /** Never shows the whole address. */
  @Override
  public String toString() {
    return "LockNotice[recipient=" + EmailMask.mask(recipient) + ", locale=" + locale + "]";
  }
}
