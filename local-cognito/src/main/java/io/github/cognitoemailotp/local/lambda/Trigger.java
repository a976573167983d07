package io.github.cognitoemailotp.local.lambda;

/** The custom-authentication triggers, by the name the template's Cognito events use. */
public enum Trigger {
  DEFINE_AUTH_CHALLENGE("DefineAuthChallenge", "DefineAuthChallenge_Authentication"),
  CREATE_AUTH_CHALLENGE("CreateAuthChallenge", "CreateAuthChallenge_Authentication"),
  VERIFY_AUTH_CHALLENGE(
      "VerifyAuthChallengeResponse", "VerifyAuthChallengeResponse_Authentication");

  private final String templateName;
  private final String triggerSource;

  Trigger(String templateName, String triggerSource) {
    this.templateName = templateName;
    this.triggerSource = triggerSource;
  }

  /** The {@code Trigger} of a SAM {@code Cognito} event. */
  public String templateName() {
    return templateName;
  }

  /** The event's {@code triggerSource}. */
  public String triggerSource() {
    return triggerSource;
  }

  /** How Cognito names the trigger in its error messages. */
  public String displayName() {
    return templateName.replace("Response", "");
  }
}
