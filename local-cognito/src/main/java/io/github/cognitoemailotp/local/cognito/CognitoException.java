package io.github.cognitoemailotp.local.cognito;

/**
 * An error answered the way Cognito answers it: HTTP 400 with {@code __type} and {@code message}.
 */
public final class CognitoException extends RuntimeException {

  private final String type;

  public CognitoException(String type, String message) {
    super(message);
    this.type = type;
  }

  public String type() {
    return type;
  }

  static CognitoException invalidParameter(String message) {
    return new CognitoException("InvalidParameterException", message);
  }

  static CognitoException notAuthorized(String message) {
    return new CognitoException("NotAuthorizedException", message);
  }

  static CognitoException incorrectPassword() {
    return notAuthorized("Incorrect username or password.");
  }
}
