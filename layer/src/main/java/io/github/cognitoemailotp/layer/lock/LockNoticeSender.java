package io.github.cognitoemailotp.layer.lock;

import io.github.cognitoemailotp.layer.CodeNotSentException;

/** Delivers a {@link LockNotice}. Verify implements it with SES v2, as Create sends codes. */
@FunctionalInterface
public interface LockNoticeSender {

  /**
   * Sends the email or throws.
   *
   * @throws CodeNotSentException when it cannot be sent; its message (what to fix, recipient
   *     masked) goes to the log
   */
  void send(LockNotice notice);
}
