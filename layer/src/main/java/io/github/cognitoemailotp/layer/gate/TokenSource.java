package io.github.cognitoemailotp.layer.gate;

/**
 * Why Cognito is about to issue tokens: the {@code triggerSource} of a Pre Token Generation event
 * (Cognito developer guide, "Pre token generation Lambda trigger").
 */
public enum TokenSource {
  /** The end of a sign-in: for this pool's clients, Define answered ISSUE_TOKENS. */
  AUTHENTICATION("TokenGeneration_Authentication"),
  /** Right after NEW_PASSWORD_REQUIRED (an invited user's temporary password was replaced). */
  NEW_PASSWORD_CHALLENGE("TokenGeneration_NewPasswordChallenge"),
  /** A refresh token was redeemed: it was issued by a sign-in the gate already let through. */
  REFRESH_TOKENS("TokenGeneration_RefreshTokens"),
  /** A sign-in through the managed login pages (hosted UI), which never run the custom flow. */
  HOSTED_AUTH("TokenGeneration_HostedAuth"),
  /** A remembered device's sign-in. */
  AUTHENTICATE_DEVICE("TokenGeneration_AuthenticateDevice"),
  /** Machine-to-machine tokens (V3 events only); no user. */
  CLIENT_CREDENTIALS("TokenGeneration_ClientCredentials"),
  /** Any other source, present or future: refused. */
  UNRECOGNIZED("");

  private final String triggerSource;

  TokenSource(String triggerSource) {
    this.triggerSource = triggerSource;
  }

  /** The {@code triggerSource} Cognito sends; empty for {@link #UNRECOGNIZED}. */
  public String triggerSource() {
    return triggerSource;
  }

  /** The source named {@code triggerSource}, or {@link #UNRECOGNIZED}. */
  public static TokenSource of(String triggerSource) {
    for (TokenSource source : values()) {
      if (source != UNRECOGNIZED && source.triggerSource.equals(triggerSource)) {
        return source;
      }
    }
    return UNRECOGNIZED;
  }
}
