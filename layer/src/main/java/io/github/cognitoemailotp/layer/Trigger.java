package io.github.cognitoemailotp.layer;

/** The three Cognito custom-authentication triggers, with the trigger source Cognito sends each. */
public enum Trigger {
  DEFINE_AUTH_CHALLENGE("DefineAuthChallenge_Authentication"),
  CREATE_AUTH_CHALLENGE("CreateAuthChallenge_Authentication"),
  VERIFY_AUTH_CHALLENGE("VerifyAuthChallengeResponse_Authentication");

  private final String triggerSource;

  Trigger(String triggerSource) {
    this.triggerSource = triggerSource;
  }

  /** The {@code triggerSource} field of this trigger's events. */
  public String triggerSource() {
    return triggerSource;
  }
}
