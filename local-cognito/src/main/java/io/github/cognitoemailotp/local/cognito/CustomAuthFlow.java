package io.github.cognitoemailotp.local.cognito;

import static io.github.cognitoemailotp.local.cognito.Requests.JSON;
import static io.github.cognitoemailotp.local.cognito.Requests.required;
import static io.github.cognitoemailotp.local.cognito.Requests.stringMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cognito's sign-in state machine for the pool's app clients: {@code InitiateAuth} and {@code
 * RespondToAuthChallenge}, each on the client its ClientId names and with that client's flows
 * ({@code USER_SRP_AUTH} goes to {@link PasswordOnlyFlow}). After each step it asks Define what
 * comes next and acts on it: the password challenge, a custom challenge made by Create and answered
 * through Verify, tokens, or a failure. Session tokens are single use and expire after the client's
 * AuthSessionValidity.
 */
final class CustomAuthFlow {

  private final AppClients clients;
  private final PoolDescription pool;
  private final PasswordOnlyFlow passwordOnly;
  private final UserDirectory users;
  private final PasswordStep password;
  private final TriggerCalls triggers;
  private final TokenIssuer issuer;
  private final ChallengesAfterPassword afterPassword;
  private final Clock clock;
  private final Map<String, SignInSession> sessions = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  CustomAuthFlow(
      AppClients clients,
      PoolDescription pool,
      PasswordOnlyFlow passwordOnly,
      UserDirectory users,
      PasswordStep password,
      TriggerCalls triggers,
      TokenIssuer issuer,
      ChallengesAfterPassword afterPassword,
      Clock clock) {
    this.clients = clients;
    this.pool = pool;
    this.passwordOnly = passwordOnly;
    this.users = users;
    this.password = password;
    this.triggers = triggers;
    this.issuer = issuer;
    this.afterPassword = afterPassword;
    this.clock = clock;
  }

  ObjectNode initiateAuth(JsonNode request) {
    AppClient client = clients.of(request);
    String flow = required(request, "AuthFlow");
    if (!client.settings().allows(flow)) {
      throw CognitoException.invalidParameter(flow + " flow not enabled for this client");
    }
    JsonNode parameters = request.path("AuthParameters");
    Map<String, String> clientMetadata = stringMap(request.path("ClientMetadata"));
    return switch (flow) {
      // Cognito hands InitiateAuth's ClientMetadata to Pre sign-up, Pre authentication and User
      // migration only, never to Define or Create (InitiateAuth API reference).
      case "CUSTOM_AUTH" -> startCustomAuth(client, parameters);
      case "USER_SRP_AUTH" -> passwordOnly.initiateAuth(client, parameters);
      case "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN" ->
          issuer.refresh(
              parameters.path("REFRESH_TOKEN").asText(null), client.clientId(), clientMetadata);
      default ->
          throw CognitoException.invalidParameter(
              "local-cognito does not run the " + flow + " flow");
    };
  }

  ObjectNode respondToAuthChallenge(JsonNode request) {
    AppClient client = clients.of(request);
    String token = required(request, "Session");
    SignInSession session = sessions.remove(token);
    if (session == null || !session.clientId().equals(client.clientId())) {
      throw CognitoException.notAuthorized(
          "Invalid session for the user, session can only be used once.");
    }
    if (clock.instant().isAfter(session.expiresAt())) {
      throw CognitoException.notAuthorized("Invalid session for the user, session is expired.");
    }
    String challenge = required(request, "ChallengeName");
    if (!challenge.equals(session.expectedChallenge())) {
      throw CognitoException.invalidParameter(
          "The challenge is " + session.expectedChallenge() + ", not " + challenge);
    }
    JsonNode responses = request.path("ChallengeResponses");
    Map<String, String> clientMetadata = stringMap(request.path("ClientMetadata"));
    SignInSession answered;
    if (challenge.equals("PASSWORD_VERIFIER")) {
      boolean proven =
          session.srp().isPresent()
              && password.proven(session.srp().get(), session.user(), responses);
      if (proven) {
        // Cognito's own challenges after the password (a temporary password, MFA) come before,
        // and instead of, Define.
        Optional<ObjectNode> inserted = afterPassword.afterPassword(client, session.user());
        if (inserted.isPresent()) {
          return inserted.get();
        }
      }
      answered = session.after(new SignInSession.Step("PASSWORD_VERIFIER", proven, null));
    } else {
      String answer = responses.path("ANSWER").asText("");
      if (answer.isEmpty()) {
        throw CognitoException.invalidParameter("Missing required parameter ANSWER");
      }
      boolean correct = triggers.verify(session, answer, clientMetadata);
      answered =
          session.after(
              new SignInSession.Step("CUSTOM_CHALLENGE", correct, session.challengeMetadata()));
    }
    return next(answered, clientMetadata);
  }

  private ObjectNode startCustomAuth(AppClient client, JsonNode parameters) {
    if (!pool.lambdaConfig().containsKey("DefineAuthChallenge")) {
      throw CognitoException.invalidParameter(
          "Custom auth lambda trigger is not configured for the user pool.");
    }
    String username = parameters.path("USERNAME").asText("");
    if (username.isEmpty()) {
      throw CognitoException.invalidParameter("Missing required parameter USERNAME");
    }
    User user = users.find(username);
    if (user == null && !client.settings().preventUserExistenceErrors()) {
      throw new CognitoException("UserNotFoundException", "User does not exist.");
    }
    // Before any trigger and whatever the password, as Cognito answers these users.
    UserDirectory.checkCanSignIn(user);
    Optional<BigInteger> srpA = password.clientValue(parameters);
    return next(SignInSession.start(client.clientId(), username, user, srpA), Map.of());
  }

  /** Asks Define what comes next and acts on it, as Cognito does after each step. */
  private ObjectNode next(SignInSession session, Map<String, String> clientMetadata) {
    JsonNode decision = triggers.define(session, clientMetadata);
    if (decision.path("failAuthentication").asBoolean(false)) {
      throw CognitoException.incorrectPassword();
    }
    if (decision.path("issueTokens").asBoolean(false)) {
      // Cognito does what Define says and checks no history of its own; it can only refuse where
      // it has nobody to issue tokens to. So a Define that issues tokens too early gets them here
      // too, and the end-to-end tests can catch it.
      if (session.user() == null) {
        throw CognitoException.incorrectPassword();
      }
      if ("UNCONFIRMED".equals(session.user().status)) {
        throw new CognitoException("UserNotConfirmedException", "User is not confirmed.");
      }
      return issuer.signIn(
          session.user(), session.clientId(), TokenIssuer.AUTHENTICATION, clientMetadata);
    }
    String challenge = decision.path("challengeName").asText("");
    return switch (challenge) {
      case "PASSWORD_VERIFIER" -> passwordChallenge(session);
      case "CUSTOM_CHALLENGE" -> customChallenge(session, clientMetadata);
      default ->
          throw new CognitoException(
              "InvalidLambdaResponseException",
              "DefineAuthChallenge returned neither tokens, a failure, nor a known challenge: '"
                  + challenge
                  + "'");
    };
  }

  private ObjectNode passwordChallenge(SignInSession session) {
    if (session.srpA().isEmpty()) {
      throw CognitoException.invalidParameter("PASSWORD_VERIFIER needs SRP_A in InitiateAuth");
    }
    SrpExchange srp = password.begin(session.srpA().get(), session.user(), session.typedName());
    return challengeResponse(
        session.withSrp(srp),
        "PASSWORD_VERIFIER",
        PasswordStep.challengeParameters(srp, session.userName()));
  }

  private ObjectNode customChallenge(SignInSession session, Map<String, String> clientMetadata) {
    JsonNode created = triggers.create(session, clientMetadata);
    SignInSession withChallenge =
        session.withCustomChallenge(
            stringMap(created.path("privateChallengeParameters")),
            created.path("challengeMetadata").isTextual()
                ? created.path("challengeMetadata").asText()
                : null);
    Map<String, String> parameters =
        new LinkedHashMap<>(stringMap(created.path("publicChallengeParameters")));
    parameters.put("USERNAME", session.userName());
    return challengeResponse(withChallenge, "CUSTOM_CHALLENGE", parameters);
  }

  private ObjectNode challengeResponse(
      SignInSession session, String challenge, Map<String, String> parameters) {
    byte[] token = new byte[96];
    random.nextBytes(token);
    String id = Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    sessions.put(
        id,
        session.awaiting(
            challenge,
            clock
                .instant()
                .plus(
                    Duration.ofMinutes(
                        clients
                            .find(session.clientId())
                            .settings()
                            .authSessionValidityMinutes()))));
    ObjectNode response = JSON.createObjectNode();
    response.put("ChallengeName", challenge);
    response.put("Session", id);
    response.set("ChallengeParameters", JSON.valueToTree(parameters));
    return response;
  }

  static ObjectNode authenticationResult(Tokens.Issued issued) {
    ObjectNode response = JSON.createObjectNode();
    ObjectNode result = response.putObject("AuthenticationResult");
    result.put("IdToken", issued.idToken());
    result.put("AccessToken", issued.accessToken());
    if (issued.refreshToken() != null) {
      result.put("RefreshToken", issued.refreshToken());
    }
    result.put("ExpiresIn", issued.expiresIn());
    result.put("TokenType", "Bearer");
    response.set("ChallengeParameters", JSON.createObjectNode());
    return response;
  }
}
