package io.github.cognitoemailotp.local.lambda;

/** The pool's Lambda triggers this stack can wire, by the name the pool's LambdaConfig uses. */
public enum Trigger {
  DEFINE_AUTH_CHALLENGE("DefineAuthChallenge", "DefineAuthChallenge_Authentication"),
  CREATE_AUTH_CHALLENGE("CreateAuthChallenge", "CreateAuthChallenge_Authentication"),
  VERIFY_AUTH_CHALLENGE(
      "VerifyAuthChallengeResponse", "VerifyAuthChallengeResponse_Authentication"),
  /** Its trigger source names the issuance: {@code TokenGeneration_Authentication}, ... */
  PRE_TOKEN_GENERATION("PreTokenGeneration", "TokenGeneration_Authentication"),
  /** Its trigger source names the confirmation: {@code PostConfirmation_ConfirmSignUp}, ... */
  POST_CONFIRMATION("PostConfirmation", "PostConfirmation_ConfirmSignUp");

  private final String templateName;
  private final String triggerSource;

  Trigger(String templateName, String triggerSource) {
    this.templateName = templateName;
    this.triggerSource = triggerSource;
  }

  /** The key of the pool's {@code LambdaConfig} (and of a SAM {@code Cognito} event). */
  public String templateName() {
    return templateName;
  }

  /** The event's {@code triggerSource} for the custom-auth triggers; the usual one for others. */
  public String triggerSource() {
    return triggerSource;
  }

  /** How Cognito names the trigger in its error messages. */
  public String displayName() {
    return templateName.replace("Response", "");
  }
}
