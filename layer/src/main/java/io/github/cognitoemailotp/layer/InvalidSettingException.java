package io.github.cognitoemailotp.layer;

/** A function's environment variable has a value it cannot run with; the message names both. */
public final class InvalidSettingException extends RuntimeException {
  public InvalidSettingException(String message) {
    super(message);
  }
}
