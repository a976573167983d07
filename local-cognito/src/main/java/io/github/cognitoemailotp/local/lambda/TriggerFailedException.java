package io.github.cognitoemailotp.local.lambda;

/** A trigger erred or timed out; the message is what Cognito tells the caller. */
public final class TriggerFailedException extends Exception {
  public TriggerFailedException(String message) {
    super(message);
  }
}
