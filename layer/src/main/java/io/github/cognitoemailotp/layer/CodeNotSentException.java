package io.github.cognitoemailotp.layer;

/**
 * A {@link CodeSender} could not send the code email. Its message is the operator's detail (what
 * failed and what to fix, with the recipient masked), which goes to the function's log only; the
 * app is told {@link SendFailure#userMessage()}. It never carries the code.
 */
public final class CodeNotSentException extends RuntimeException {

  private final SendFailure failure;

  /**
   * @param failure the kind of failure, which decides what the user is told
   * @param operatorDetail what failed and what to fix, for the log; no code, recipient masked
   */
  public CodeNotSentException(SendFailure failure, String operatorDetail) {
    super(operatorDetail);
    this.failure = failure;
  }

  public SendFailure failure() {
    return failure;
  }
}
