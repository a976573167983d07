package io.github.cognitoemailotp.create;

/**
 * Why SES did not accept an email. The message is SES's own (or the network failure's class); it
 * never holds the email's bodies, and {@link SesCodeSender} masks the recipient before it is shown.
 */
final class SesException extends RuntimeException {

  /** What went wrong, which decides what the person reading the error should fix. */
  enum Kind {
    /** SES answered with an error: {@link #errorCode()} says which. */
    REFUSED,
    /** No answer from SES within the time allowed, or the connection failed. */
    UNREACHABLE,
    /** The default credentials chain found no credentials to sign with. */
    NO_CREDENTIALS
  }

  private final Kind kind;
  private final int status;
  private final String errorCode;
  private final String errorMessage;

  private SesException(Kind kind, int status, String errorCode, String errorMessage) {
    super(kind + " " + status + " " + errorCode + ": " + errorMessage, null, false, false);
    this.kind = kind;
    this.status = status;
    this.errorCode = errorCode;
    this.errorMessage = errorMessage;
  }

  /** SES answered {@code status} with error {@code errorCode} (for example MessageRejected). */
  static SesException refused(int status, String errorCode, String errorMessage) {
    return new SesException(Kind.REFUSED, status, errorCode, errorMessage);
  }

  /** SES did not answer; {@code reason} names the failure (an exception class, never its text). */
  static SesException unreachable(String reason) {
    return new SesException(Kind.UNREACHABLE, 0, "", reason);
  }

  /** There were no credentials to sign the request with; {@code reason} says what the chain saw. */
  static SesException noCredentials(String reason) {
    return new SesException(Kind.NO_CREDENTIALS, 0, "", reason);
  }

  Kind kind() {
    return kind;
  }

  /** The HTTP status SES answered with; 0 when it did not answer. */
  int status() {
    return status;
  }

  /** SES's error code without its namespace, for example {@code MessageRejected}; may be empty. */
  String errorCode() {
    return errorCode;
  }

  /** SES's error message, or the failure's name; may be empty. */
  String errorMessage() {
    return errorMessage;
  }
}
