package io.github.cognitoemailotp.layer;

/** An event that cannot be trusted as Cognito's; the message says which field and why. */
public final class MalformedEventException extends Exception {
  public MalformedEventException(String message) {
    super(message);
  }
}
