package io.github.cognitoemailotp.local.cognito;

/**
 * A message Cognito itself sends (not the triggers): a sign-up confirmation or attribute
 * verification code. local-cognito keeps it in memory instead of emailing it.
 *
 * @param to the address
 * @param purpose the operation that takes the code: {@code ConfirmSignUp}, {@code
 *     VerifyUserAttribute} or {@code ForgotPassword} (ConfirmForgotPassword's code, also sent by
 *     AdminResetUserPassword)
 * @param code the code
 */
public record CognitoMessage(String to, String purpose, String code) {}
