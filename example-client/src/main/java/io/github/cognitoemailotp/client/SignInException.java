package io.github.cognitoemailotp.client;

/** A sign-in that ended without tokens: the exit code and a sentence a person understands. */
public final class SignInException extends Exception {

  private final ExitCode exitCode;

  public SignInException(ExitCode exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public SignInException(ExitCode exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public ExitCode exitCode() {
    return exitCode;
  }
}
