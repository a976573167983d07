package io.github.cognitoemailotp.layer;

/**
 * A trigger cannot go on. Thrown out of the handler on purpose: Cognito then fails the API call
 * with {@code UserLambdaValidationException} and this message, so it must say what happened and
 * what to fix, and never carry a code.
 */
public final class TriggerFailureException extends RuntimeException {
  public TriggerFailureException(String message) {
    super(message);
  }

  public TriggerFailureException(String message, Throwable cause) {
    super(message, cause);
  }
}
