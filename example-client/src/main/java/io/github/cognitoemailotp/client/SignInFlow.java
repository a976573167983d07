package io.github.cognitoemailotp.client;

import io.github.cognitoemailotp.client.srp.CognitoSrp;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserLambdaValidationException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

/**
 * One sign-in: {@code InitiateAuth} with {@code CUSTOM_AUTH} and SRP, the password proof, then the
 * emailed code until Cognito issues tokens or ends the sign-in.
 */
public final class SignInFlow {

  private enum Stage {
    PASSWORD,
    CODE
  }

  private final CognitoIdentityProviderClient cognito;
  private final String userPoolId;
  private final String clientId;
  private final Optional<String> clientSecret;
  private final Consumer<String> say;
  private final Clock clock;

  /**
   * @param cognito the Cognito client (anonymous credentials suffice)
   * @param userPoolId the pool, such as {@code us-east-1_AbCdEf123}
   * @param clientId the app client
   * @param clientSecret the app client's secret, when it has one
   * @param say where progress messages go
   */
  public SignInFlow(
      CognitoIdentityProviderClient cognito,
      String userPoolId,
      String clientId,
      Optional<String> clientSecret,
      Consumer<String> say) {
    this(cognito, userPoolId, clientId, clientSecret, say, Clock.systemUTC());
  }

  SignInFlow(
      CognitoIdentityProviderClient cognito,
      String userPoolId,
      String clientId,
      Optional<String> clientSecret,
      Consumer<String> say,
      Clock clock) {
    this.cognito = cognito;
    this.userPoolId = userPoolId;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.say = say;
    this.clock = clock;
  }

  /**
   * Signs in.
   *
   * @return the tokens
   * @throws SignInException when the sign-in ends without tokens, with the reason and exit code
   */
  public AuthenticationResultType signIn(String username, String password, CodePrompt codes)
      throws SignInException {
    CognitoSrp srp = new CognitoSrp();
    Map<String, String> parameters = new HashMap<>();
    parameters.put("USERNAME", username);
    parameters.put("SRP_A", srp.srpA());
    parameters.put("CHALLENGE_NAME", "SRP_A");
    clientSecret.ifPresent(
        secret -> parameters.put("SECRET_HASH", CognitoSrp.secretHash(username, clientId, secret)));
    InitiateAuthResponse started =
        call(
            Stage.PASSWORD,
            () ->
                cognito.initiateAuth(
                    request ->
                        request
                            .authFlow(AuthFlowType.CUSTOM_AUTH)
                            .clientId(clientId)
                            .authParameters(parameters)));
    if (started.challengeName() != ChallengeNameType.PASSWORD_VERIFIER) {
      throw new SignInException(
          ExitCode.FAILURE,
          "Cognito asked for "
              + started.challengeNameAsString()
              + " instead of the password; is the app client this project's?");
    }
    RespondToAuthChallengeRequest proof = passwordProof(srp, started, password);
    RespondToAuthChallengeResponse response =
        call(Stage.PASSWORD, () -> cognito.respondToAuthChallenge(proof));
    Stage stage = Stage.CODE;
    while (response.authenticationResult() == null) {
      if (response.challengeName() != ChallengeNameType.CUSTOM_CHALLENGE) {
        throw new SignInException(
            ExitCode.FAILURE,
            "Cognito asked for "
                + response.challengeNameAsString()
                + ", which this client does not answer.");
      }
      CodeChallenge challenge = CodeChallenge.of(response.challengeParameters());
      describe(challenge);
      String code = codes.nextCode(challenge);
      if (code == null || code.isBlank()) {
        throw new SignInException(
            ExitCode.CODE_REJECTED, "No code was entered; the sign-in stopped.");
      }
      String canonicalUser = response.challengeParameters().getOrDefault("USERNAME", username);
      RespondToAuthChallengeResponse previous = response;
      boolean resend = code.strip().equalsIgnoreCase(CodePrompt.RESEND);
      response =
          call(
              stage,
              () ->
                  cognito.respondToAuthChallenge(
                      answer(previous, canonicalUser, code.strip(), resend)));
      if (response.authenticationResult() == null && !resend) {
        say.accept("That code was not right.");
      }
    }
    return response.authenticationResult();
  }

  private void describe(CodeChallenge challenge) {
    if (!challenge.resendMessage().isEmpty()) {
      say.accept(challenge.resendMessage());
    } else if (challenge.codeSent()) {
      say.accept(
          "A "
              + challenge.codeLength()
              + "-digit code was emailed to "
              + challenge.maskedEmail()
              + ".");
    }
    say.accept(
        "Attempts left: "
            + challenge.attemptsLeft()
            + ". New codes you may still ask for: "
            + challenge.resendsLeft()
            + (challenge.codeExpiresAt().isEmpty()
                ? ""
                : ". The code expires at " + challenge.codeExpiresAt())
            + ".");
  }

  private RespondToAuthChallengeRequest passwordProof(
      CognitoSrp srp, InitiateAuthResponse challenge, String password) throws SignInException {
    Map<String, String> parameters = challenge.challengeParameters();
    String userIdForSrp = parameters.get("USER_ID_FOR_SRP");
    String canonicalUser = parameters.getOrDefault("USERNAME", userIdForSrp);
    String timestamp = CognitoSrp.timestamp(clock.instant());
    String signature;
    try {
      signature =
          srp.passwordClaimSignature(
              userPoolId.substring(userPoolId.indexOf('_') + 1),
              userIdForSrp,
              password,
              parameters.get("SALT"),
              parameters.get("SRP_B"),
              parameters.get("SECRET_BLOCK"),
              timestamp);
    } catch (RuntimeException e) {
      throw new SignInException(
          ExitCode.FAILURE,
          "Cognito's PASSWORD_VERIFIER challenge could not be answered: " + e.getMessage());
    }
    Map<String, String> responses = new HashMap<>();
    responses.put("USERNAME", canonicalUser);
    responses.put("PASSWORD_CLAIM_SECRET_BLOCK", parameters.get("SECRET_BLOCK"));
    responses.put("TIMESTAMP", timestamp);
    responses.put("PASSWORD_CLAIM_SIGNATURE", signature);
    clientSecret.ifPresent(
        secret ->
            responses.put("SECRET_HASH", CognitoSrp.secretHash(canonicalUser, clientId, secret)));
    return RespondToAuthChallengeRequest.builder()
        .clientId(clientId)
        .challengeName(ChallengeNameType.PASSWORD_VERIFIER)
        .session(challenge.session())
        .challengeResponses(responses)
        .build();
  }

  private RespondToAuthChallengeRequest answer(
      RespondToAuthChallengeResponse challenge, String canonicalUser, String code, boolean resend) {
    Map<String, String> responses = new HashMap<>();
    responses.put("USERNAME", canonicalUser);
    responses.put("ANSWER", code);
    clientSecret.ifPresent(
        secret ->
            responses.put("SECRET_HASH", CognitoSrp.secretHash(canonicalUser, clientId, secret)));
    RespondToAuthChallengeRequest.Builder request =
        RespondToAuthChallengeRequest.builder()
            .clientId(clientId)
            .challengeName(ChallengeNameType.CUSTOM_CHALLENGE)
            .session(challenge.session())
            .challengeResponses(responses);
    if (resend) {
      request.clientMetadata(Map.of("resend", "true"));
    }
    return request.build();
  }

  @FunctionalInterface
  private interface CognitoCall<T> {
    T run();
  }

  private <T> T call(Stage stage, CognitoCall<T> call) throws SignInException {
    try {
      return call.run();
    } catch (UserLambdaValidationException e) {
      throw new SignInException(
          ExitCode.TRIGGER_FAILED, "A sign-in trigger failed: " + message(e), e);
    } catch (NotAuthorizedException e) {
      String message = message(e);
      if (message.toLowerCase(java.util.Locale.ROOT).contains("expired")) {
        throw new SignInException(
            ExitCode.SESSION_EXPIRED,
            "The sign-in took too long and its session expired; start again.",
            e);
      }
      if (stage == Stage.PASSWORD) {
        throw new SignInException(ExitCode.WRONG_PASSWORD, "Incorrect username or password.", e);
      }
      throw new SignInException(
          ExitCode.CODE_REJECTED,
          "The code was not accepted and the sign-in ended (too many wrong codes, or the code expired). Start again.",
          e);
    } catch (UserNotFoundException e) {
      throw new SignInException(ExitCode.WRONG_PASSWORD, "Incorrect username or password.", e);
    } catch (CognitoIdentityProviderException e) {
      throw new SignInException(
          ExitCode.FAILURE,
          "Cognito refused the request ("
              + (e.awsErrorDetails() == null
                  ? e.getClass().getSimpleName()
                  : e.awsErrorDetails().errorCode())
              + "): "
              + message(e),
          e);
    } catch (SdkClientException e) {
      throw new SignInException(
          ExitCode.UNREACHABLE, "Cognito could not be reached: " + e.getMessage(), e);
    }
  }

  private static String message(CognitoIdentityProviderException e) {
    return e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
        ? String.valueOf(e.getMessage())
        : e.awsErrorDetails().errorMessage();
  }
}
