package io.github.cognitoemailotp.local.cognito;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cognitoemailotp.local.lambda.TriggerInvoker;
import io.github.cognitoemailotp.local.template.StackTemplate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The operations of the Cognito Identity Provider API that this project's sign-in uses, with
 * Cognito's behaviour, each concern in its own class: the users ({@link UserDirectory}), the
 * password step of SRP ({@link PasswordStep}), calling the triggers ({@link TriggerCalls}) and the
 * sign-in state machine ({@link CustomAuthFlow}), and what users do on their own ({@link
 * SelfService}). This class routes each operation to its owner.
 */
public final class CognitoService {

  private final Clock clock;
  private final String userPoolId;
  private final Tokens tokens;
  private final UserDirectory users;
  private final CustomAuthFlow signIn;
  private final SelfService selfService;
  private final CognitoMail mail;

  public CognitoService(
      StackTemplate stack,
      TriggerInvoker triggers,
      Clock clock,
      String region,
      String userPoolId,
      String clientId,
      String issuer) {
    this.clock = clock;
    this.userPoolId = userPoolId;
    this.tokens = new Tokens(issuer, clock, stack.client());
    String poolName = userPoolId.substring(userPoolId.indexOf('_') + 1);
    this.mail = new CognitoMail(clock);
    this.users = new UserDirectory(stack.pool(), clock, poolName, mail);
    this.selfService = new SelfService(stack.pool(), stack.client(), clientId, users, tokens, mail);
    this.signIn =
        new CustomAuthFlow(
            stack.client(),
            clientId,
            users,
            new PasswordStep(poolName),
            new TriggerCalls(triggers, region, userPoolId),
            tokens,
            clock);
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
      case "InitiateAuth" -> signIn.initiateAuth(request);
      case "RespondToAuthChallenge" -> signIn.respondToAuthChallenge(request);
      case "SignUp" -> selfService.signUp(request);
      case "ConfirmSignUp" -> selfService.confirmSignUp(request);
      case "GetUser" -> selfService.getUser(request);
      case "UpdateUserAttributes" -> selfService.updateUserAttributes(request);
      case "VerifyUserAttribute" -> selfService.verifyUserAttribute(request);
      default ->
          throw new CognitoException(
              "UnknownOperationException", "local-cognito does not implement " + operation);
    };
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
