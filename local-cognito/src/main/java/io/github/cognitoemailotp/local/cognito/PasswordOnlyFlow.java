package io.github.cognitoemailotp.local.cognito;

import static io.github.cognitoemailotp.local.cognito.Requests.JSON;
import static io.github.cognitoemailotp.local.cognito.Requests.required;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cognito's {@code USER_SRP_AUTH} flow, for app clients that allow it: the password through SRP and
 * then tokens. No custom-auth trigger takes part (Cognito calls Define, Create and Verify only in
 * {@code CUSTOM_AUTH}), so the password alone signs in: this is what the pool audit reports on a
 * legacy client. The session token of the PASSWORD_VERIFIER challenge is single use and expires
 * after the client's AuthSessionValidity.
 */
final class PasswordOnlyFlow {

  /** One PASSWORD_VERIFIER challenge waiting for its answer. */
  private record Pending(String clientId, User user, SrpExchange srp, Instant expiresAt) {}

  private final AppClients clients;
  private final UserDirectory users;
  private final PasswordStep password;
  private final TokenIssuer issuer;
  private final ChallengesAfterPassword afterPassword;
  private final Clock clock;
  private final Map<String, Pending> sessions = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  PasswordOnlyFlow(
      AppClients clients,
      UserDirectory users,
      PasswordStep password,
      TokenIssuer issuer,
      ChallengesAfterPassword afterPassword,
      Clock clock) {
    this.clients = clients;
    this.users = users;
    this.password = password;
    this.issuer = issuer;
    this.afterPassword = afterPassword;
    this.clock = clock;
  }

  /**
   * InitiateAuth with USER_SRP_AUTH on a client that allows it: the PASSWORD_VERIFIER challenge.
   */
  ObjectNode initiateAuth(AppClient client, JsonNode parameters) {
    String username = parameters.path("USERNAME").asText("");
    if (username.isEmpty()) {
      throw CognitoException.invalidParameter("Missing required parameter USERNAME");
    }
    String srpA = parameters.path("SRP_A").asText("");
    if (srpA.isEmpty()) {
      throw CognitoException.invalidParameter("Missing required parameter SRP_A");
    }
    BigInteger bigA = PasswordStep.checkedClientValue(srpA);
    User user = users.find(username);
    if (user == null && !client.settings().preventUserExistenceErrors()) {
      throw new CognitoException("UserNotFoundException", "User does not exist.");
    }
    UserDirectory.checkCanSignIn(user);
    SrpExchange srp = password.begin(bigA, user, username);
    byte[] token = new byte[96];
    random.nextBytes(token);
    String id = Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    sessions.put(
        id,
        new Pending(
            client.clientId(),
            user,
            srp,
            clock
                .instant()
                .plus(Duration.ofMinutes(client.settings().authSessionValidityMinutes()))));
    ObjectNode response = JSON.createObjectNode();
    response.put("ChallengeName", "PASSWORD_VERIFIER");
    response.put("Session", id);
    response.set(
        "ChallengeParameters",
        JSON.valueToTree(
            PasswordStep.challengeParameters(srp, user == null ? username : user.username)));
    return response;
  }

  /** Whether this RespondToAuthChallenge continues a USER_SRP_AUTH sign-in. */
  boolean owns(JsonNode request) {
    return sessions.containsKey(request.path("Session").asText(""));
  }

  /** The answer to PASSWORD_VERIFIER: tokens when it proves the password, else Cognito's error. */
  ObjectNode respondToAuthChallenge(JsonNode request) {
    AppClient client = clients.of(request);
    Pending pending = sessions.remove(required(request, "Session"));
    if (pending == null || !pending.clientId().equals(client.clientId())) {
      throw CognitoException.notAuthorized(
          "Invalid session for the user, session can only be used once.");
    }
    if (clock.instant().isAfter(pending.expiresAt())) {
      throw CognitoException.notAuthorized("Invalid session for the user, session is expired.");
    }
    String challenge = required(request, "ChallengeName");
    if (!challenge.equals("PASSWORD_VERIFIER")) {
      throw CognitoException.invalidParameter(
          "The challenge is PASSWORD_VERIFIER, not " + challenge);
    }
    if (!password.proven(pending.srp(), pending.user(), request.path("ChallengeResponses"))) {
      throw CognitoException.incorrectPassword();
    }
    return afterPassword
        .afterPassword(client, pending.user())
        .orElseGet(
            () ->
                issuer.signIn(
                    pending.user(),
                    client.clientId(),
                    TokenIssuer.AUTHENTICATION,
                    Requests.stringMap(request.path("ClientMetadata"))));
  }
}
