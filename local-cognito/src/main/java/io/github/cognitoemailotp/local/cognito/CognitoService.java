package io.github.cognitoemailotp.local.cognito;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cognitoemailotp.local.lambda.Trigger;
import io.github.cognitoemailotp.local.lambda.TriggerFailedException;
import io.github.cognitoemailotp.local.lambda.TriggerInvoker;
import io.github.cognitoemailotp.local.template.StackTemplate;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operations of the Cognito Identity Provider API that this project's sign-in uses, with
 * Cognito's behaviour: the custom-auth state machine calling the three triggers, the server half of
 * SRP, user-existence hiding, single-use expiring sessions, and Cognito's errors.
 */
public final class CognitoService {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss 'UTC' yyyy", Locale.US)
          .withZone(ZoneOffset.UTC);

  private final StackTemplate stack;
  private final TriggerInvoker triggers;
  private final Clock clock;
  private final String region;
  private final String userPoolId;
  private final String clientId;
  private final Tokens tokens;
  private final Map<String, User> usersByName = new ConcurrentHashMap<>();
  private final Map<String, String> namesByEmail = new ConcurrentHashMap<>();
  private final Map<String, SignInSession> sessions = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final byte[] fakeSaltKey = new byte[32];

  public CognitoService(
      StackTemplate stack,
      TriggerInvoker triggers,
      Clock clock,
      String region,
      String userPoolId,
      String clientId,
      String issuer) {
    this.stack = stack;
    this.triggers = triggers;
    this.clock = clock;
    this.region = region;
    this.userPoolId = userPoolId;
    this.clientId = clientId;
    this.tokens = new Tokens(issuer, clock);
    random.nextBytes(fakeSaltKey);
  }

  public String jwks() {
    return tokens.jwks();
  }

  /** Runs one operation; throws {@link CognitoException} as Cognito would answer. */
  public ObjectNode call(String operation, JsonNode request) {
    return switch (operation) {
      case "AdminCreateUser" -> adminCreateUser(request);
      case "AdminSetUserPassword" -> adminSetUserPassword(request);
      case "AdminGetUser" -> adminGetUser(request);
      case "AdminUpdateUserAttributes" -> adminUpdateUserAttributes(request);
      case "AdminDeleteUser" -> adminDeleteUser(request);
      case "InitiateAuth" -> initiateAuth(request);
      case "RespondToAuthChallenge" -> respondToAuthChallenge(request);
      default ->
          throw new CognitoException(
              "UnknownOperationException", "local-cognito does not implement " + operation);
    };
  }

  // ---- admin operations ----

  private void checkPool(JsonNode request) {
    String pool = request.path("UserPoolId").asText("");
    if (!pool.equals(userPoolId)) {
      throw new CognitoException(
          "ResourceNotFoundException", "User pool " + pool + " does not exist.");
    }
  }

  private ObjectNode adminCreateUser(JsonNode request) {
    checkPool(request);
    String username = required(request, "Username");
    boolean emailIsUsername = stack.pool().usernameAttributes().contains("email");
    Map<String, String> attributes = attributes(request.path("UserAttributes"));
    User user;
    synchronized (this) {
      if (emailIsUsername) {
        if (!username.contains("@")) {
          throw CognitoException.invalidParameter("Username should be an email.");
        }
        if (namesByEmail.containsKey(username.toLowerCase(Locale.ROOT))) {
          throw new CognitoException(
              "UsernameExistsException", "An account with the given email already exists.");
        }
        attributes.put("email", username);
      } else if (usersByName.containsKey(username)) {
        throw new CognitoException("UsernameExistsException", "User account already exists");
      }
      String sub = UUID.randomUUID().toString();
      user = new User(emailIsUsername ? sub : username, clock.instant());
      user.attributes.put("sub", sub);
      user.attributes.putAll(attributes);
      user.attributes.putIfAbsent("email_verified", "false");
      usersByName.put(user.username, user);
      if (!user.email().isEmpty()) {
        namesByEmail.put(user.email().toLowerCase(Locale.ROOT), user.username);
      }
    }
    String temporary = request.path("TemporaryPassword").asText("");
    setPassword(user, temporary.isEmpty() ? "Tmp-" + UUID.randomUUID() + "a1A" : temporary, false);
    ObjectNode response = JSON.createObjectNode();
    response.set("User", describe(user, "Attributes"));
    return response;
  }

  private ObjectNode adminSetUserPassword(JsonNode request) {
    checkPool(request);
    User user = existingUser(required(request, "Username"));
    String password = required(request, "Password");
    String problem = stack.pool().passwordProblem(password);
    if (!problem.isEmpty()) {
      throw new CognitoException(
          "InvalidPasswordException", "Password did not conform with policy: " + problem);
    }
    setPassword(user, password, request.path("Permanent").asBoolean(false));
    return JSON.createObjectNode();
  }

  private ObjectNode adminGetUser(JsonNode request) {
    checkPool(request);
    return describe(existingUser(required(request, "Username")), "UserAttributes");
  }

  private ObjectNode adminUpdateUserAttributes(JsonNode request) {
    checkPool(request);
    User user = existingUser(required(request, "Username"));
    synchronized (this) {
      String oldEmail = user.email().toLowerCase(Locale.ROOT);
      user.attributes.putAll(attributes(request.path("UserAttributes")));
      user.modified = clock.instant();
      namesByEmail.remove(oldEmail);
      if (!user.email().isEmpty()) {
        namesByEmail.put(user.email().toLowerCase(Locale.ROOT), user.username);
      }
    }
    return JSON.createObjectNode();
  }

  private ObjectNode adminDeleteUser(JsonNode request) {
    checkPool(request);
    User user = existingUser(required(request, "Username"));
    synchronized (this) {
      usersByName.remove(user.username);
      namesByEmail.remove(user.email().toLowerCase(Locale.ROOT));
    }
    return JSON.createObjectNode();
  }

  private void setPassword(User user, String password, boolean permanent) {
    synchronized (user) {
      user.salt = ServerSrp.newSalt();
      user.verifier = ServerSrp.verifier(user.salt, poolName(), user.username, password);
      user.status = permanent ? "CONFIRMED" : "FORCE_CHANGE_PASSWORD";
      user.modified = clock.instant();
    }
  }

  private User findUser(String name) {
    User user = usersByName.get(name);
    if (user == null) {
      String byEmail = namesByEmail.get(name.toLowerCase(Locale.ROOT));
      user = byEmail == null ? null : usersByName.get(byEmail);
    }
    return user;
  }

  private User existingUser(String name) {
    User user = findUser(name);
    if (user == null) {
      throw new CognitoException("UserNotFoundException", "User does not exist.");
    }
    return user;
  }

  private ObjectNode describe(User user, String attributesField) {
    ObjectNode node = JSON.createObjectNode();
    node.put("Username", user.username);
    ArrayNode attributes = node.putArray(attributesField);
    user.attributes.forEach(
        (name, value) -> attributes.addObject().put("Name", name).put("Value", value));
    node.put("UserCreateDate", user.created.getEpochSecond());
    node.put("UserLastModifiedDate", user.modified.getEpochSecond());
    node.put("Enabled", true);
    node.put("UserStatus", user.status);
    return node;
  }

  private static Map<String, String> attributes(JsonNode list) {
    Map<String, String> attributes = new LinkedHashMap<>();
    for (JsonNode attribute : list) {
      attributes.put(attribute.path("Name").asText(), attribute.path("Value").asText(""));
    }
    return attributes;
  }

  // ---- sign-in ----

  private void checkClient(JsonNode request) {
    String client = required(request, "ClientId");
    if (!client.equals(clientId)) {
      throw new CognitoException(
          "ResourceNotFoundException", "User pool client " + client + " does not exist.");
    }
  }

  private ObjectNode initiateAuth(JsonNode request) {
    checkClient(request);
    String flow = required(request, "AuthFlow");
    if (!stack.client().allows(flow)) {
      throw CognitoException.invalidParameter(flow + " flow not enabled for this client");
    }
    JsonNode parameters = request.path("AuthParameters");
    Map<String, String> clientMetadata = stringMap(request.path("ClientMetadata"));
    return switch (flow) {
      case "CUSTOM_AUTH" -> startCustomAuth(parameters, clientMetadata);
      case "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN" -> {
        Tokens.Issued issued =
            tokens.refresh(
                parameters.path("REFRESH_TOKEN").asText(null), clientId, usersByName::get);
        yield authenticationResult(issued);
      }
      default ->
          throw CognitoException.invalidParameter(
              "local-cognito does not run the " + flow + " flow");
    };
  }

  private ObjectNode startCustomAuth(JsonNode parameters, Map<String, String> clientMetadata) {
    String username = parameters.path("USERNAME").asText("");
    if (username.isEmpty()) {
      throw CognitoException.invalidParameter("Missing required parameter USERNAME");
    }
    User user = findUser(username);
    if (user == null && !stack.client().preventUserExistenceErrors()) {
      throw new CognitoException("UserNotFoundException", "User does not exist.");
    }
    SignInSession session = new SignInSession(clientId, username, user);
    String srpA = parameters.path("SRP_A").asText("");
    if (!srpA.isEmpty()) {
      if (!"SRP_A".equals(parameters.path("CHALLENGE_NAME").asText(""))) {
        throw CognitoException.invalidParameter("CHALLENGE_NAME must be SRP_A when SRP_A is given");
      }
      BigInteger bigA = new BigInteger(srpA, 16);
      if (bigA.mod(ServerSrp.N).signum() == 0) {
        throw CognitoException.invalidParameter("SRP_A is invalid");
      }
      session.bigA = bigA;
      session.history.add(new SignInSession.Step("SRP_A", true, null));
    }
    return next(session, clientMetadata);
  }

  private ObjectNode respondToAuthChallenge(JsonNode request) {
    checkClient(request);
    String token = required(request, "Session");
    SignInSession session = sessions.remove(token);
    if (session == null) {
      throw CognitoException.notAuthorized(
          "Invalid session for the user, session can only be used once.");
    }
    if (clock.instant().isAfter(session.expiresAt)) {
      throw CognitoException.notAuthorized("Invalid session for the user, session is expired.");
    }
    String challenge = required(request, "ChallengeName");
    if (!challenge.equals(session.expectedChallenge)) {
      throw CognitoException.invalidParameter(
          "The challenge is " + session.expectedChallenge + ", not " + challenge);
    }
    JsonNode responses = request.path("ChallengeResponses");
    Map<String, String> clientMetadata = stringMap(request.path("ClientMetadata"));
    if (challenge.equals("PASSWORD_VERIFIER")) {
      session.history.add(
          new SignInSession.Step("PASSWORD_VERIFIER", passwordProven(session, responses), null));
    } else {
      String answer = responses.path("ANSWER").asText("");
      if (answer.isEmpty()) {
        throw CognitoException.invalidParameter("Missing required parameter ANSWER");
      }
      ObjectNode verifyRequest = requestBase(session, clientMetadata);
      verifyRequest.set(
          "privateChallengeParameters", JSON.valueToTree(session.privateChallengeParameters));
      verifyRequest.put("challengeAnswer", answer);
      JsonNode verified =
          invoke(
              Trigger.VERIFY_AUTH_CHALLENGE,
              session,
              verifyRequest,
              JSON.createObjectNode().putNull("answerCorrect"));
      session.history.add(
          new SignInSession.Step(
              "CUSTOM_CHALLENGE",
              verified.path("answerCorrect").asBoolean(false),
              session.challengeMetadata));
    }
    return next(session, clientMetadata);
  }

  private boolean passwordProven(SignInSession session, JsonNode responses) {
    String timestamp = responses.path("TIMESTAMP").asText("");
    try {
      TIMESTAMP.parse(timestamp);
    } catch (DateTimeParseException e) {
      throw CognitoException.invalidParameter(
          "TIMESTAMP is not in the format EEE MMM d HH:mm:ss UTC yyyy");
    }
    if (session.user == null || session.verifier == null) {
      return false;
    }
    byte[] secretBlock;
    byte[] signature;
    try {
      secretBlock =
          Base64.getDecoder().decode(responses.path("PASSWORD_CLAIM_SECRET_BLOCK").asText(""));
      signature = Base64.getDecoder().decode(responses.path("PASSWORD_CLAIM_SIGNATURE").asText(""));
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (!java.security.MessageDigest.isEqual(secretBlock, session.secretBlock)) {
      return false;
    }
    return ServerSrp.signatureMatches(
        session.bigA,
        session.bigB,
        session.b,
        session.verifier,
        poolName(),
        session.user.username,
        secretBlock,
        timestamp,
        signature);
  }

  /** Asks Define what comes next and acts on it, as Cognito does after each step. */
  private ObjectNode next(SignInSession session, Map<String, String> clientMetadata) {
    ObjectNode defineRequest = requestBase(session, clientMetadata);
    defineRequest.put("userNotFound", session.user == null);
    ObjectNode emptyResponse = JSON.createObjectNode();
    emptyResponse.putNull("challengeName");
    emptyResponse.putNull("issueTokens");
    emptyResponse.putNull("failAuthentication");
    JsonNode decision =
        invoke(Trigger.DEFINE_AUTH_CHALLENGE, session, defineRequest, emptyResponse);
    if (decision.path("failAuthentication").asBoolean(false)) {
      throw CognitoException.incorrectPassword();
    }
    if (decision.path("issueTokens").asBoolean(false)) {
      if (session.user == null || !lastStepsSucceeded(session)) {
        throw CognitoException.incorrectPassword();
      }
      if ("FORCE_CHANGE_PASSWORD".equals(session.user.status)) {
        throw CognitoException.notAuthorized(
            "The user must set a permanent password (local-cognito does not run NEW_PASSWORD_REQUIRED):"
                + " use admin-set-user-password --permanent");
      }
      return authenticationResult(tokens.afterSignIn(session.user, clientId));
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

  private static boolean lastStepsSucceeded(SignInSession session) {
    return !session.history.isEmpty() && session.history.getLast().challengeResult();
  }

  private ObjectNode passwordChallenge(SignInSession session) {
    if (session.bigA == null) {
      throw CognitoException.invalidParameter("PASSWORD_VERIFIER needs SRP_A in InitiateAuth");
    }
    if (session.user != null) {
      synchronized (session.user) {
        session.salt = session.user.salt;
        session.verifier = session.user.verifier;
      }
    } else {
      // A user that does not exist gets a salt that is stable per name and a verifier of nothing,
      // so its challenge looks like any other and its password step simply fails.
      session.salt =
          new BigInteger(
              1,
              java.util.Arrays.copyOf(
                  ServerSrp.hmac(fakeSaltKey, session.username.getBytes(StandardCharsets.UTF_8)),
                  16));
      session.verifier = ServerSrp.G.modPow(ServerSrp.newPrivateValue(), ServerSrp.N);
    }
    session.b = ServerSrp.newPrivateValue();
    session.bigB = ServerSrp.publicValue(session.verifier, session.b);
    session.secretBlock = new byte[64];
    random.nextBytes(session.secretBlock);
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("SALT", session.salt.toString(16));
    parameters.put("SRP_B", session.bigB.toString(16));
    parameters.put("SECRET_BLOCK", Base64.getEncoder().encodeToString(session.secretBlock));
    parameters.put("USER_ID_FOR_SRP", session.userName());
    parameters.put("USERNAME", session.userName());
    return challengeResponse(session, "PASSWORD_VERIFIER", parameters);
  }

  private ObjectNode customChallenge(SignInSession session, Map<String, String> clientMetadata) {
    ObjectNode createRequest = requestBase(session, clientMetadata);
    createRequest.put("challengeName", "CUSTOM_CHALLENGE");
    createRequest.put("userNotFound", session.user == null);
    ObjectNode emptyResponse = JSON.createObjectNode();
    emptyResponse.putNull("publicChallengeParameters");
    emptyResponse.putNull("privateChallengeParameters");
    emptyResponse.putNull("challengeMetadata");
    JsonNode created = invoke(Trigger.CREATE_AUTH_CHALLENGE, session, createRequest, emptyResponse);
    session.privateChallengeParameters = stringMap(created.path("privateChallengeParameters"));
    session.challengeMetadata =
        created.path("challengeMetadata").isTextual()
            ? created.path("challengeMetadata").asText()
            : null;
    Map<String, String> parameters =
        new LinkedHashMap<>(stringMap(created.path("publicChallengeParameters")));
    parameters.put("USERNAME", session.userName());
    return challengeResponse(session, "CUSTOM_CHALLENGE", parameters);
  }

  private ObjectNode challengeResponse(
      SignInSession session, String challenge, Map<String, String> parameters) {
    byte[] token = new byte[96];
    random.nextBytes(token);
    String id = Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    session.expectedChallenge = challenge;
    session.expiresAt =
        clock.instant().plus(Duration.ofMinutes(stack.client().authSessionValidityMinutes()));
    sessions.put(id, session);
    ObjectNode response = JSON.createObjectNode();
    response.put("ChallengeName", challenge);
    response.put("Session", id);
    response.set("ChallengeParameters", JSON.valueToTree(parameters));
    return response;
  }

  private static ObjectNode authenticationResult(Tokens.Issued issued) {
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

  /** The common part of a trigger event's {@code request}. */
  private ObjectNode requestBase(SignInSession session, Map<String, String> clientMetadata) {
    ObjectNode request = JSON.createObjectNode();
    ObjectNode attributes = request.putObject("userAttributes");
    if (session.user != null) {
      synchronized (session.user) {
        session.user.attributes.forEach(attributes::put);
        attributes.put("cognito:user_status", session.user.status);
      }
    }
    ArrayNode history = request.putArray("session");
    for (SignInSession.Step step : session.history) {
      ObjectNode entry = history.addObject();
      entry.put("challengeName", step.challengeName());
      entry.put("challengeResult", step.challengeResult());
      if (step.challengeMetadata() == null) {
        entry.putNull("challengeMetadata");
      } else {
        entry.put("challengeMetadata", step.challengeMetadata());
      }
    }
    if (!clientMetadata.isEmpty()) {
      request.set("clientMetadata", JSON.valueToTree(clientMetadata));
    }
    return request;
  }

  private JsonNode invoke(
      Trigger trigger, SignInSession session, ObjectNode request, ObjectNode emptyResponse) {
    ObjectNode event = JSON.createObjectNode();
    event.put("version", "1");
    event.put("triggerSource", trigger.triggerSource());
    event.put("region", region);
    event.put("userPoolId", userPoolId);
    event.put("userName", session.userName());
    ObjectNode caller = event.putObject("callerContext");
    caller.put("awsSdkVersion", "aws-sdk-unknown-unknown");
    caller.put("clientId", session.clientId);
    if (trigger != Trigger.DEFINE_AUTH_CHALLENGE && !request.has("userNotFound")) {
      request.put("userNotFound", session.user == null);
    }
    event.set("request", request);
    event.set("response", emptyResponse);
    byte[] output;
    try {
      output = triggers.invoke(trigger, JSON.writeValueAsBytes(event));
    } catch (TriggerFailedException e) {
      throw new CognitoException(
          "UserLambdaValidationException",
          trigger.displayName() + " failed with error " + e.getMessage() + ".");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    try {
      JsonNode response = JSON.readTree(output).path("response");
      if (!response.isObject()) {
        throw new CognitoException(
            "InvalidLambdaResponseException", "Invalid lambda response: no response object");
      }
      return response;
    } catch (IOException e) {
      throw new CognitoException("InvalidLambdaResponseException", "Unrecognizable lambda output");
    }
  }

  private String poolName() {
    return userPoolId.substring(userPoolId.indexOf('_') + 1);
  }

  private static String required(JsonNode request, String field) {
    String value = request.path(field).asText("");
    if (value.isEmpty()) {
      throw CognitoException.invalidParameter(
          "1 validation error detected: Value at '"
              + lowerFirst(field)
              + "' failed to satisfy constraint: Member must not be null");
    }
    return value;
  }

  private static String lowerFirst(String text) {
    return Character.toLowerCase(text.charAt(0)) + text.substring(1);
  }

  private static Map<String, String> stringMap(JsonNode node) {
    Map<String, String> map = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!field.getValue().isNull()) {
        map.put(field.getKey(), field.getValue().asText());
      }
    }
    return map;
  }

  /** The instant sessions are checked against, for tests that move time. */
  Instant now() {
    return clock.instant();
  }
}
