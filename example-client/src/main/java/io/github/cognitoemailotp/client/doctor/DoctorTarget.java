package io.github.cognitoemailotp.client.doctor;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a deployment is made of, as the doctor checks it: from the stack ({@link StackReader}) or
 * from options.
 *
 * @param userPoolId the user pool
 * @param clientId the app client that should allow only the custom flow
 * @param emailSender the address codes are sent from (the stack's {@code EmailSender}), if known
 * @param tables the stack's DynamoDB tables, by logical id (or the name given) to table name
 * @param expectedTriggers LambdaConfig key to the ARN the stack wired there, when known (empty:
 *     only their presence is checked)
 */
public record DoctorTarget(
    String userPoolId,
    String clientId,
    Optional<String> emailSender,
    Map<String, String> tables,
    Map<String, String> expectedTriggers) {

  /**
   * The triggers every deployment needs: the custom-auth three, and the token gate (Pre Token
   * Generation), without which Cognito issues tokens without the code on some paths
   * (docs/design.md, "Token gate").
   */
  static final List<String> REQUIRED_TRIGGERS =
      List.of(
          "DefineAuthChallenge",
          "CreateAuthChallenge",
          "VerifyAuthChallengeResponse",
          "PreTokenGeneration");

  public DoctorTarget {
    tables = Map.copyOf(tables);
    expectedTriggers = Map.copyOf(expectedTriggers);
  }
}
