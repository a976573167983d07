package io.github.cognitoemailotp.local;

import io.github.cognitoemailotp.client.srp.CognitoSrp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;

/**
 * InitiateAuth with SRP ({@code CUSTOM_AUTH} or {@code USER_SRP_AUTH}) and the answer to
 * PASSWORD_VERIFIER, through the AWS SDK; what comes after the password is the test's to see.
 */
final class SrpPasswordProof {

  private SrpPasswordProof() {}

  static RespondToAuthChallengeResponse answer(
      CognitoIdentityProviderClient cognito,
      String userPoolId,
      String clientId,
      AuthFlowType flow,
      String username,
      String password) {
    CognitoSrp srp = new CognitoSrp();
    Map<String, String> parameters = new HashMap<>();
    parameters.put("USERNAME", username);
    parameters.put("SRP_A", srp.srpA());
    if (flow == AuthFlowType.CUSTOM_AUTH) {
      parameters.put("CHALLENGE_NAME", "SRP_A");
    }
    InitiateAuthResponse started =
        cognito.initiateAuth(
            request -> request.authFlow(flow).clientId(clientId).authParameters(parameters));
    Map<String, String> challenge = started.challengeParameters();
    String timestamp = CognitoSrp.timestamp(Instant.now());
    Map<String, String> proof = new HashMap<>();
    proof.put("USERNAME", challenge.get("USERNAME"));
    proof.put("PASSWORD_CLAIM_SECRET_BLOCK", challenge.get("SECRET_BLOCK"));
    proof.put("TIMESTAMP", timestamp);
    proof.put(
        "PASSWORD_CLAIM_SIGNATURE",
        srp.passwordClaimSignature(
            userPoolId.split("_")[1],
            challenge.get("USER_ID_FOR_SRP"),
            password,
            challenge.get("SALT"),
            challenge.get("SRP_B"),
            challenge.get("SECRET_BLOCK"),
            timestamp));
    return cognito.respondToAuthChallenge(
        request ->
            request
                .clientId(clientId)
                .challengeName(ChallengeNameType.PASSWORD_VERIFIER)
                .session(started.session())
                .challengeResponses(proof));
  }
}
