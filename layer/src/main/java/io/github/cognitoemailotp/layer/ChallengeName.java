package io.github.cognitoemailotp.layer;

/**
 * The challenge names that can appear in a sign-in of this project. Anything else Cognito may
 * report (SMS_MFA, DEVICE_SRP_AUTH, ...) is {@link #UNRECOGNIZED}, which fails authentication.
 */
public enum ChallengeName {
  SRP_A,
  PASSWORD_VERIFIER,
  CUSTOM_CHALLENGE,
  UNRECOGNIZED;

  static ChallengeName of(String name) {
    return switch (name) {
      case "SRP_A" -> SRP_A;
      case "PASSWORD_VERIFIER" -> PASSWORD_VERIFIER;
      case "CUSTOM_CHALLENGE" -> CUSTOM_CHALLENGE;
      default -> UNRECOGNIZED;
    };
  }
}
