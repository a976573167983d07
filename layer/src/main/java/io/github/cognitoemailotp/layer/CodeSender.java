package io.github.cognitoemailotp.layer;

/** Delivers a code by email. The Create function implements it with SES v2. */
@FunctionalInterface
public interface CodeSender {

  /**
   * Sends the email or throws.
   *
   * @throws CodeNotSentException when the email cannot be sent: its kind decides what the user is
   *     told, its message (what to fix, recipient masked) goes to the log
   */
  void send(CodeEmail email);
}
