package io.github.cognitoemailotp.layer;

/**
 * The Cognito triggers of this project, with the trigger source Cognito sends each: the three
 * custom-authentication triggers; the token gate (Pre Token Generation), whose events carry one of
 * several sources that all start with {@code TokenGeneration_}; and the Post Confirmation trigger
 * that unlocks a user after a password reset, whose sources start with {@code PostConfirmation_}.
 */
public enum Trigger {
  DEFINE_AUTH_CHALLENGE("DefineAuthChallenge_Authentication"),
  CREATE_AUTH_CHALLENGE("CreateAuthChallenge_Authentication"),
  VERIFY_AUTH_CHALLENGE("VerifyAuthChallengeResponse_Authentication"),
  TOKEN_GATE("TokenGeneration_"),
  POST_CONFIRMATION("PostConfirmation_");

  private final String triggerSource;

  Trigger(String triggerSource) {
    this.triggerSource = triggerSource;
  }

  /**
   * The {@code triggerSource} field of this trigger's events; for {@link #TOKEN_GATE} and {@link
   * #POST_CONFIRMATION}, the prefix of every source of that trigger.
   */
  public String triggerSource() {
    return triggerSource;
  }

  /** Whether an event with {@code source} is one of this trigger's. */
  public boolean accepts(String source) {
    return this == TOKEN_GATE || this == POST_CONFIRMATION
        ? source.startsWith(triggerSource)
        : triggerSource.equals(source);
  }
}
