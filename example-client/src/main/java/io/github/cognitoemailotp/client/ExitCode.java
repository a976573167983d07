package io.github.cognitoemailotp.client;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The example client's exit codes; each failure has its own, so scripts can tell them apart. This
 * enum is their one source: the {@code --help} list is built from it ({@link #helpList()}), and a
 * test checks the example client's README table against it.
 */
public enum ExitCode {
  SUCCESS(
      0,
      "signed in, and the ID token verified; audit: nothing found; doctor: nothing to fix; user:"
          + " shown, and changed as asked"),
  FAILURE(1, "any other failure (the message says what)"),
  USAGE(2, "bad command-line arguments"),
  WRONG_PASSWORD(
      3,
      "incorrect username or password (Cognito says the same for both, so nobody learns which"
          + " accounts exist)"),
  CODE_REJECTED(4, "the code was not accepted: too many wrong codes, or none entered"),
  SESSION_EXPIRED(5, "the sign-in session expired; start again"),
  TRIGGER_FAILED(
      6, "a Lambda trigger failed; its message is shown (for example: the code could not be sent)"),
  UNREACHABLE(7, "Cognito or the JWKS endpoint could not be reached"),
  TOKEN_INVALID(
      8,
      "the ID or access token did not verify (signature, issuer, token_use, expiry, or not issued"
          + " to this app client: aud, client_id)"),
  FINDINGS(
      9,
      "audit: the pool has something that lets a sign-in skip the code (each finding listed);"
          + " doctor: something needs fixing (each finding listed)"),
  NEW_PASSWORD_NOT_SET(
      10,
      "Cognito asked for a new password (an invited user's first sign-in) and none was set: the"
          + " two entries differed three times, none was entered, or the pool refused it"),
  UNSUPPORTED_CHALLENGE(
      11,
      "Cognito asked for a step this client does not answer, such as the pool's own MFA"
          + " (SOFTWARE_TOKEN_MFA, SMS_MFA, SELECT_MFA_TYPE, MFA_SETUP)"),
  TOKENS_WITHOUT_CODE(
      12,
      "the pool issued tokens without the emailed code (it has no token gate): the tokens were"
          + " not used; fix the pool"),
  USER_NOT_FOUND(
      13,
      "user: the pool has no user of that name (AdminGetUser said UserNotFoundException), or"
          + " the user has no trusted device of the id given to --remove-device");

  private final int code;
  private final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  public int code() {
    return code;
  }

  public String meaning() {
    return meaning;
  }

  /** The exit codes for picocli's usage help, in order: code to meaning. */
  public static Map<String, String> helpList() {
    Map<String, String> list = new LinkedHashMap<>();
    for (ExitCode exitCode : values()) {
      list.put(Integer.toString(exitCode.code), exitCode.meaning);
    }
    return list;
  }
}
