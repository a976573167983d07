package io.github.cognitoemailotp.local.cognito;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cognitoemailotp.local.lambda.TriggerInvoker;
import io.github.cognitoemailotp.local.template.StackTemplate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The operations of the Cognito Identity Provider API that this project's sign-in uses, with
 * Cognito's behaviour, each concern in its own class: the users ({@link UserDirectory}), the
 * password step of SRP ({@link PasswordStep}), calling the triggers ({@link TriggerCalls}) and the
 * sign-in state machine ({@link CustomAuthFlow}, and {@link PasswordOnlyFlow} for clients that
 * allow USER_SRP_AUTH), what users do on their own ({@link SelfService}), the app clients ({@link
 * AppClients}) and the pool's description ({@link PoolDescription}). This class routes each
 * operation to its owner.
 *
 * <p>A pool the template creates starts with the stack's client and LambdaConfig. A pool that
 * existed before the stack (ExistingUserPoolArn) starts as Cognito makes one with its defaults: no
 * app client and no triggers, until {@link #attachStack} adds what the stack adds.
 */
public final class CognitoService {

  private final Clock clock;
  private final String userPoolId;
  private final Tokens tokens;
  private final UserDirectory users;
  private final AppClients clients;
  private final PoolDescription pool;
  private final PasswordOnlyFlow passwordOnly;
  private final CustomAuthFlow signIn;
  private final SelfService selfService;
  private final CognitoMail mail;
  private final ChallengesAfterPassword afterPassword;
  private final PasswordRecovery recovery;

  /** A pool the template creates, with the stack's client ({@code clientId}) and LambdaConfig. */
  public CognitoService(
      StackTemplate stack,
      TriggerInvoker triggers,
      Clock clock,
      String region,
      String userPoolId,
      String clientId,
      String issuer) {
    this(
        stack,
        triggers,
        clock,
        region,
        userPoolId,
        clientId,
        issuer,
        "arn:aws:cognito-idp:" + region + ":" + LOCAL_ACCOUNT + ":userpool/" + userPoolId);
    attachStack(stack, clientId, "local-client", lambdaConfig(stack, region, LOCAL_ACCOUNT));
  }

  /** The account of a local pool that the template creates. */
  public static final String LOCAL_ACCOUNT = "000000000000";

  /** The stack name the local functions' names start with, as SAM names functions. */
  public static final String STACK_NAME = "local";

  /**
   * The LambdaConfig that names the stack's functions: trigger name to the ARN of the function's
   * {@code live} alias, {@code arn:aws:lambda:<region>:<account>:function:local-<LogicalId>:live}.
   */
  public static Map<String, String> lambdaConfig(
      StackTemplate stack, String region, String account) {
    Map<String, String> config = new java.util.TreeMap<>();
    for (var function : stack.functions()) {
      config.put(
          function.cognitoTrigger(),
          "arn:aws:lambda:"
              + region
              + ":"
              + account
              + ":function:"
              + STACK_NAME
              + "-"
              + function.logicalId()
              + ":live");
    }
    return java.util.Collections.unmodifiableMap(config);
  }

  /**
   * A pool with no app client and no LambdaConfig yet, as one made elsewhere; {@link #attachStack}
   * adds the stack's.
   *
   * @param userPoolArn the pool's ARN: the template's new pool, or ExistingUserPoolArn
   */
  public CognitoService(
      StackTemplate stack,
      TriggerInvoker triggers,
      Clock clock,
      String region,
      String userPoolId,
      String clientId,
      String issuer,
      String userPoolArn) {
    this.clock = clock;
    this.userPoolId = userPoolId;
    this.tokens = new Tokens(issuer, clock, stack.client());
    String poolName = userPoolId.substring(userPoolId.indexOf('_') + 1);
    this.mail = new CognitoMail(clock);
    this.users = new UserDirectory(stack.pool(), clock, poolName, mail);
    this.selfService = new SelfService(stack.pool(), stack.client(), clientId, users, tokens, mail);
    this.clients = new AppClients(userPoolId, stack.pool().requiredAttributes(), clock);
    this.pool =
        new PoolDescription(
            userPoolId,
            userPoolArn,
            stack.existingUserPoolArn().isEmpty() ? "local-users" : "existing-users",
            stack.pool(),
            selfSignUpAllowed(stack),
            clock.instant());
    PasswordStep password = new PasswordStep(poolName);
    TriggerCalls triggerCalls = new TriggerCalls(triggers, region, userPoolId);
    TokenIssuer tokenIssuer = new TokenIssuer(tokens, triggerCalls, pool, users);
    this.afterPassword =
        new ChallengesAfterPassword(clients, users, pool, tokenIssuer, tokens, clock);
    this.recovery = new PasswordRecovery(clients, users, pool, triggerCalls, mail);
    this.passwordOnly =
        new PasswordOnlyFlow(clients, users, password, tokenIssuer, afterPassword, clock);
    this.signIn =
        new CustomAuthFlow(
            clients,
            pool,
            passwordOnly,
            users,
            password,
            triggerCalls,
            tokenIssuer,
            afterPassword,
            clock);
  }

  /**
   * Adds what the stack adds to the pool: its app client (from the template, with this id) and the
   * pool's LambdaConfig naming the stack's functions (trigger name to function ARN).
   */
  public void attachStack(
      StackTemplate stack, String clientId, String clientName, Map<String, String> lambdaConfig) {
    clients.add(
        new AppClient(clientId, clientName, stack.client(), AppClient.OAuth.NONE, clock.instant()));
    pool.setLambdaConfig(lambdaConfig, clock.instant());
  }

  /** Whether SignUp is open (for an existing pool, Cognito's default: it is). */
  private static boolean selfSignUpAllowed(StackTemplate stack) {
    return !stack.pool().allowAdminCreateUserOnly();
  }

  public String jwks() {
    return tokens.jwks();
  }

  /**
   * The messages Cognito itself would have emailed to this address (sign-up confirmation and
   * attribute verification codes), oldest first.
   */
  public List<CognitoMessage> messagesTo(String address) {
    return mail.to(address);
  }

  /** Runs one operation; throws {@link CognitoException} as Cognito would answer. */
  public ObjectNode call(String operation, JsonNode request) {
    return switch (operation) {
      case "AdminCreateUser" -> users.adminCreateUser(checkPool(request));
      case "AdminSetUserPassword" -> users.adminSetUserPassword(checkPool(request));
      case "AdminGetUser" -> users.adminGetUser(checkPool(request));
      case "AdminUpdateUserAttributes" -> users.adminUpdateUserAttributes(checkPool(request));
      case "AdminDeleteUser" -> users.adminDeleteUser(checkPool(request));
      case "AdminDisableUser" -> users.adminDisableUser(checkPool(request));
      case "AdminEnableUser" -> users.adminEnableUser(checkPool(request));
      case "AdminResetUserPassword" -> recovery.adminResetUserPassword(checkPool(request));
      case "AdminSetUserMFAPreference" -> users.adminSetUserMfaPreference(checkPool(request));
      case "ListUsers" -> users.listUsers(checkPool(request));
      case "SetUserPoolMfaConfig" -> pool.setUserPoolMfaConfig(checkPool(request), clock.instant());
      case "GetUserPoolMfaConfig" -> {
        checkPool(request);
        yield pool.getUserPoolMfaConfig();
      }
      case "InitiateAuth" -> signIn.initiateAuth(request);
      case "RespondToAuthChallenge" ->
          passwordOnly.owns(request)
              ? passwordOnly.respondToAuthChallenge(request)
              : afterPassword.owns(request)
                  ? afterPassword.respondToAuthChallenge(request)
                  : signIn.respondToAuthChallenge(request);
      case "AssociateSoftwareToken" -> afterPassword.associateSoftwareToken(request);
      case "VerifySoftwareToken" -> afterPassword.verifySoftwareToken(request);
      case "ForgotPassword" -> recovery.forgotPassword(request);
      case "ConfirmForgotPassword" -> recovery.confirmForgotPassword(request);
      case "SignUp" -> selfService.signUp(request);
      case "ConfirmSignUp" -> selfService.confirmSignUp(request);
      case "GetUser" -> selfService.getUser(request);
      case "UpdateUserAttributes" -> selfService.updateUserAttributes(request);
      case "VerifyUserAttribute" -> selfService.verifyUserAttribute(request);
      case "CreateUserPoolClient" -> clients.createUserPoolClient(checkPool(request));
      case "ListUserPoolClients" -> clients.listUserPoolClients(checkPool(request));
      case "DescribeUserPoolClient" -> clients.describeUserPoolClient(checkPool(request));
      case "DescribeUserPool" -> describeUserPool(request);
      case "RevokeToken" -> new TokenRevocation(clients, tokens).revokeToken(request);
      default ->
          throw new CognitoException(
              "UnknownOperationException", "local-cognito does not implement " + operation);
    };
  }

  private ObjectNode describeUserPool(JsonNode request) {
    checkPool(request);
    return pool.describeUserPool(users.count());
  }

  /** The request, when it names this pool; else Cognito's ResourceNotFoundException. */
  private JsonNode checkPool(JsonNode request) {
    String pool = request.path("UserPoolId").asText("");
    if (!pool.equals(userPoolId)) {
      throw new CognitoException(
          "ResourceNotFoundException", "User pool " + pool + " does not exist.");
    }
    return request;
  }

  /** The instant sessions are checked against, for tests that move time. */
  Instant now() {
    return clock.instant();
  }
}
