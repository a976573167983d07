package io.github.cognitoemailotp.local.cognito;

import static io.github.cognitoemailotp.local.cognito.Requests.JSON;
import static io.github.cognitoemailotp.local.cognito.Requests.required;
import static io.github.cognitoemailotp.local.cognito.Requests.stringMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What Cognito asks after a correct PASSWORD_VERIFIER, in the custom flow and in USER_SRP_AUTH
 * alike, before and instead of any custom-auth trigger: {@code NEW_PASSWORD_REQUIRED} for a user
 * with a temporary password (FORCE_CHANGE_PASSWORD), {@code SOFTWARE_TOKEN_MFA} for a user with
 * TOTP on a pool with MFA ON or OPTIONAL, {@code MFA_SETUP} for a user without MFA on a pool with
 * MFA ON. Once answered, tokens follow at once, without asking Define again: the worst case the
 * public record reports (amazon-cognito-identity-js #341 for the new password,
 * aws-amplify/amplify-js #3876 for MFA). AssociateSoftwareToken and VerifySoftwareToken, with an
 * access token or with the MFA_SETUP session, live here too.
 */
final class ChallengesAfterPassword {

  /**
   * One challenge waiting for its answer.
   *
   * @param setupSecret the TOTP secret handed out during MFA_SETUP, or null
   * @param setupVerified whether VerifySoftwareToken proved that secret during MFA_SETUP
   */
  private record Pending(
      String clientId,
      User user,
      String challenge,
      Instant expiresAt,
      String setupSecret,
      boolean setupVerified) {}

  private final AppClients clients;
  private final UserDirectory users;
  private final PoolDescription pool;
  private final TokenIssuer issuer;
  private final Tokens tokens;
  private final Clock clock;
  private final Map<String, Pending> sessions = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  ChallengesAfterPassword(
      AppClients clients,
      UserDirectory users,
      PoolDescription pool,
      TokenIssuer issuer,
      Tokens tokens,
      Clock clock) {
    this.clients = clients;
    this.users = users;
    this.pool = pool;
    this.issuer = issuer;
    this.tokens = tokens;
    this.clock = clock;
  }

  /**
   * The challenge Cognito inserts after this user's correct password, or empty when the flow goes
   * on as usual (Define in the custom flow, tokens in USER_SRP_AUTH).
   */
  Optional<ObjectNode> afterPassword(AppClient client, User user) {
    String status;
    synchronized (user) {
      status = user.status;
    }
    if (status.equals("FORCE_CHANGE_PASSWORD")) {
      Map<String, String> attributes = new LinkedHashMap<>();
      synchronized (user) {
        user.attributes.forEach(
            (name, value) -> {
              if (!name.equals("sub")) {
                attributes.put(name, value);
              }
            });
      }
      Map<String, String> parameters = new LinkedHashMap<>();
      parameters.put("USER_ID_FOR_SRP", user.username);
      parameters.put("requiredAttributes", "[]");
      try {
        parameters.put("userAttributes", JSON.writeValueAsString(attributes));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
      return Optional.of(challenge(client.clientId(), user, "NEW_PASSWORD_REQUIRED", parameters));
    }
    return mfaStep(client.clientId(), user);
  }

  private Optional<ObjectNode> mfaStep(String clientId, User user) {
    String configuration = pool.mfaConfiguration();
    if (configuration.equals("OFF") || !pool.softwareTokenMfa()) {
      return Optional.empty();
    }
    boolean hasTotp;
    boolean totpOn;
    synchronized (user) {
      hasTotp = user.totpSecret != null;
      totpOn = hasTotp && (configuration.equals("ON") || user.totpEnabled);
    }
    if (totpOn) {
      return Optional.of(
          challenge(
              clientId,
              user,
              "SOFTWARE_TOKEN_MFA",
              Map.of("USER_ID_FOR_SRP", user.username, "FRIENDLY_DEVICE_NAME", "TOTP")));
    }
    if (configuration.equals("ON")) {
      return Optional.of(
          challenge(
              clientId,
              user,
              "MFA_SETUP",
              Map.of(
                  "USER_ID_FOR_SRP", user.username, "MFAS_CAN_SETUP", "[\"SOFTWARE_TOKEN_MFA\"]")));
    }
    return Optional.empty();
  }

  /** Whether this RespondToAuthChallenge answers one of these challenges. */
  boolean owns(JsonNode request) {
    return sessions.containsKey(request.path("Session").asText(""));
  }

  ObjectNode respondToAuthChallenge(JsonNode request) {
    AppClient client = clients.of(request);
    Pending pending = take(required(request, "Session"), client.clientId());
    String challenge = required(request, "ChallengeName");
    if (!challenge.equals(pending.challenge())) {
      throw CognitoException.invalidParameter(
          "The challenge is " + pending.challenge() + ", not " + challenge);
    }
    JsonNode responses = request.path("ChallengeResponses");
    Map<String, String> clientMetadata = stringMap(request.path("ClientMetadata"));
    User user = pending.user();
    return switch (challenge) {
      case "NEW_PASSWORD_REQUIRED" -> {
        String newPassword = responses.path("NEW_PASSWORD").asText("");
        if (newPassword.isEmpty()) {
          throw CognitoException.invalidParameter("Missing required parameter NEW_PASSWORD");
        }
        // The password is set before anything else runs: a Pre Token Generation trigger that
        // throws afterwards leaves the new password in place (see the README: unsure).
        users.setPermanentPassword(user, newPassword);
        Optional<ObjectNode> mfa = mfaStep(client.clientId(), user);
        yield mfa.isPresent()
            ? mfa.get()
            : issuer.signIn(
                user, client.clientId(), TokenIssuer.NEW_PASSWORD_CHALLENGE, clientMetadata);
      }
      case "SOFTWARE_TOKEN_MFA" -> {
        String secret;
        synchronized (user) {
          secret = user.totpSecret;
        }
        if (secret == null
            || !Totp.accepts(
                secret, responses.path("SOFTWARE_TOKEN_MFA_CODE").asText(""), clock.instant())) {
          throw new CognitoException("CodeMismatchException", "Invalid code received for user");
        }
        yield issuer.signIn(user, client.clientId(), TokenIssuer.AUTHENTICATION, clientMetadata);
      }
      case "MFA_SETUP" -> {
        if (!pending.setupVerified()) {
          throw CognitoException.invalidParameter(
              "The software token has not been verified: call AssociateSoftwareToken and"
                  + " VerifySoftwareToken with this session first");
        }
        yield issuer.signIn(user, client.clientId(), TokenIssuer.AUTHENTICATION, clientMetadata);
      }
      default -> throw new IllegalStateException(challenge);
    };
  }

  /**
   * AssociateSoftwareToken: a new TOTP secret for the user of an access token, or for the user of
   * an MFA_SETUP session (then with a new session).
   */
  ObjectNode associateSoftwareToken(JsonNode request) {
    String secret = Totp.newSecret();
    ObjectNode response = JSON.createObjectNode();
    response.put("SecretCode", secret);
    String accessToken = request.path("AccessToken").asText("");
    if (!accessToken.isEmpty()) {
      User user = userOf(accessToken);
      synchronized (user) {
        user.pendingTotpSecret = secret;
      }
      return response;
    }
    Pending pending = setupSession(request);
    response.put(
        "Session",
        store(
            new Pending(
                pending.clientId(),
                pending.user(),
                "MFA_SETUP",
                pending.expiresAt(),
                secret,
                false)));
    return response;
  }

  /**
   * VerifySoftwareToken: the user proves the secret with a code from the app. With an access token,
   * the secret becomes the user's (AdminSetUserMFAPreference then turns it on); in an MFA_SETUP
   * session it is also turned on and preferred, and the session may answer MFA_SETUP.
   */
  ObjectNode verifySoftwareToken(JsonNode request) {
    String code = required(request, "UserCode");
    String accessToken = request.path("AccessToken").asText("");
    ObjectNode response = JSON.createObjectNode();
    if (!accessToken.isEmpty()) {
      User user = userOf(accessToken);
      synchronized (user) {
        if (user.pendingTotpSecret == null) {
          throw CognitoException.invalidParameter("User has not associated a software token");
        }
        checkSetupCode(user.pendingTotpSecret, code);
        user.totpSecret = user.pendingTotpSecret;
        user.pendingTotpSecret = null;
        user.modified = clock.instant();
      }
      response.put("Status", "SUCCESS");
      return response;
    }
    Pending pending = setupSession(request);
    if (pending.setupSecret() == null) {
      throw CognitoException.invalidParameter(
          "Call AssociateSoftwareToken with this session first");
    }
    checkSetupCode(pending.setupSecret(), code);
    User user = pending.user();
    synchronized (user) {
      user.totpSecret = pending.setupSecret();
      user.totpEnabled = true;
      user.totpPreferred = true;
      user.modified = clock.instant();
    }
    response.put("Status", "SUCCESS");
    response.put(
        "Session",
        store(
            new Pending(
                pending.clientId(),
                user,
                "MFA_SETUP",
                pending.expiresAt(),
                pending.setupSecret(),
                true)));
    return response;
  }

  private void checkSetupCode(String secret, String code) {
    if (!Totp.accepts(secret, code, clock.instant())) {
      throw new CognitoException(
          "EnableSoftwareTokenMFAException", "Code mismatch and fail enable Software Token MFA");
    }
  }

  private Pending setupSession(JsonNode request) {
    String token = request.path("Session").asText("");
    if (token.isEmpty()) {
      throw CognitoException.invalidParameter("Either AccessToken or Session must be given");
    }
    Pending pending = sessions.get(token);
    if (pending == null || !pending.challenge().equals("MFA_SETUP")) {
      throw CognitoException.notAuthorized("Invalid session for the user.");
    }
    return take(token, pending.clientId());
  }

  private User userOf(String accessToken) {
    User user = users.byUsername(tokens.usernameOf(accessToken));
    if (user == null) {
      throw CognitoException.notAuthorized("Access Token has been revoked");
    }
    return user;
  }

  private Pending take(String token, String clientId) {
    Pending pending = sessions.remove(token);
    if (pending == null || !pending.clientId().equals(clientId)) {
      throw CognitoException.notAuthorized(
          "Invalid session for the user, session can only be used once.");
    }
    if (clock.instant().isAfter(pending.expiresAt())) {
      throw CognitoException.notAuthorized("Invalid session for the user, session is expired.");
    }
    return pending;
  }

  private ObjectNode challenge(
      String clientId, User user, String challenge, Map<String, String> parameters) {
    Instant expiresAt =
        clock
            .instant()
            .plus(
                Duration.ofMinutes(clients.find(clientId).settings().authSessionValidityMinutes()));
    String id = store(new Pending(clientId, user, challenge, expiresAt, null, false));
    ObjectNode response = JSON.createObjectNode();
    response.put("ChallengeName", challenge);
    response.put("Session", id);
    response.set("ChallengeParameters", JSON.valueToTree(parameters));
    return response;
  }

  private String store(Pending pending) {
    byte[] token = new byte[96];
    random.nextBytes(token);
    String id = Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    sessions.put(id, pending);
    return id;
  }
}
