package io.github.cognitoemailotp.layer;

/** Delivers a code by email. The Create function implements it with SES v2. */
@FunctionalInterface
public interface CodeSender {

  /**
   * Sends the email or throws.
   *
   * @throws TriggerFailureException with a message that says what to fix when the email cannot be
   *     sent
   */
  void send(CodeEmail email);
}
