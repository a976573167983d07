package io.github.cognitoemailotp.local;

import io.github.cognitoemailotp.client.CodePrompt;
import io.github.cognitoemailotp.client.srp.CognitoSrp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;

/**
 * One sign-in driven step by step through Cognito's API, as an app drives it: {@code InitiateAuth}
 * with {@code CUSTOM_AUTH} and SRP, the password proof, then one {@code RespondToAuthChallenge} per
 * code or resend request (the example client's {@code ClientMetadata} {@code resend=true}), each
 * with the session the step before handed out. A test sees every step's challenge and session, and
 * chooses when to take the next step.
 */
final class StepwiseSignIn {

  private final LocalStack stack;
  private final String email;
  private final String username;
  private RespondToAuthChallengeResponse challenge;

  private StepwiseSignIn(
      LocalStack stack, String email, String username, RespondToAuthChallengeResponse challenge) {
    this.stack = stack;
    this.email = email;
    this.username = username;
    this.challenge = challenge;
  }

  /** Signs in with {@link LocalStack#PASSWORD} up to the first code challenge. */
  static StepwiseSignIn start(LocalStack stack, String email) {
    CognitoSrp srp = new CognitoSrp();
    InitiateAuthResponse started =
        stack.anonymous.initiateAuth(
            request ->
                request
                    .authFlow(AuthFlowType.CUSTOM_AUTH)
                    .clientId(stack.cognito.clientId())
                    .authParameters(
                        Map.of("USERNAME", email, "SRP_A", srp.srpA(), "CHALLENGE_NAME", "SRP_A")));
    Map<String, String> parameters = started.challengeParameters();
    String timestamp = CognitoSrp.timestamp(Instant.now());
    Map<String, String> proof = new HashMap<>();
    proof.put("USERNAME", parameters.get("USERNAME"));
    proof.put("PASSWORD_CLAIM_SECRET_BLOCK", parameters.get("SECRET_BLOCK"));
    proof.put("TIMESTAMP", timestamp);
    proof.put(
        "PASSWORD_CLAIM_SIGNATURE",
        srp.passwordClaimSignature(
            stack.cognito.userPoolId().split("_")[1],
            parameters.get("USER_ID_FOR_SRP"),
            LocalStack.PASSWORD,
            parameters.get("SALT"),
            parameters.get("SRP_B"),
            parameters.get("SECRET_BLOCK"),
            timestamp));
    RespondToAuthChallengeResponse codeChallenge =
        stack.anonymous.respondToAuthChallenge(
            request ->
                request
                    .clientId(stack.cognito.clientId())
                    .challengeName(ChallengeNameType.PASSWORD_VERIFIER)
                    .session(started.session())
                    .challengeResponses(proof));
    return new StepwiseSignIn(stack, email, parameters.get("USERNAME"), codeChallenge);
  }

  String email() {
    return email;
  }

  /** The challenge in force: its public parameters and the session to answer it with. */
  RespondToAuthChallengeResponse challenge() {
    return challenge;
  }

  /** The public parameter {@code name} of the challenge in force, empty when it has none. */
  String parameter(String name) {
    return challenge.challengeParameters().getOrDefault(name, "");
  }

  /** When the code in force expires, from its {@code codeExpiresAt}. */
  Instant codeExpiresAt() {
    return Instant.parse(parameter("codeExpiresAt"));
  }

  /** Asks for a new code; returns the next challenge. */
  RespondToAuthChallengeResponse resend() {
    return respond(CodePrompt.RESEND, true);
  }

  /** Answers {@code code}; returns the next challenge, or the tokens. */
  RespondToAuthChallengeResponse answer(String code) {
    return respond(code, false);
  }

  /** The tokens of the last step, or null while a challenge is in force. */
  AuthenticationResultType tokens() {
    return challenge.authenticationResult();
  }

  /**
   * Answers {@code code} with {@code session} instead of the session in force (an earlier one, to
   * see it refused); on success its answer is the challenge in force.
   */
  RespondToAuthChallengeResponse answerIn(String session, String code) {
    return respond(session, code, false);
  }

  private RespondToAuthChallengeResponse respond(String answer, boolean resend) {
    return respond(challenge.session(), answer, resend);
  }

  private RespondToAuthChallengeResponse respond(String session, String answer, boolean resend) {
    challenge =
        stack.anonymous.respondToAuthChallenge(
            request -> {
              request
                  .clientId(stack.cognito.clientId())
                  .challengeName(ChallengeNameType.CUSTOM_CHALLENGE)
                  .session(session)
                  .challengeResponses(Map.of("USERNAME", username, "ANSWER", answer));
              if (resend) {
                request.clientMetadata(Map.of("resend", "true"));
              }
            });
    return challenge;
  }
}
