package io.github.cognitoemailotp.local.cognito;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Every issuance of tokens goes through here, as in Cognito: the Pre Token Generation trigger
 * first, when the pool's LambdaConfig has one, with the trigger source that names the path ({@code
 * TokenGeneration_Authentication}, {@code _NewPasswordChallenge}, {@code _RefreshTokens}); a
 * trigger that throws means no tokens and UserLambdaValidationException "PreTokenGeneration failed
 * with error ...".
 */
final class TokenIssuer {

  static final String AUTHENTICATION = "TokenGeneration_Authentication";
  static final String NEW_PASSWORD_CHALLENGE = "TokenGeneration_NewPasswordChallenge";
  static final String REFRESH_TOKENS = "TokenGeneration_RefreshTokens";

  private final Tokens tokens;
  private final TriggerCalls triggers;
  private final PoolDescription pool;
  private final UserDirectory users;

  TokenIssuer(Tokens tokens, TriggerCalls triggers, PoolDescription pool, UserDirectory users) {
    this.tokens = tokens;
    this.triggers = triggers;
    this.pool = pool;
    this.users = users;
  }

  /** Tokens at the end of a sign-in, as InitiateAuth or RespondToAuthChallenge answers them. */
  ObjectNode signIn(
      User user, String clientId, String triggerSource, Map<String, String> clientMetadata) {
    synchronized (user) {
      if (!user.enabled) {
        throw CognitoException.notAuthorized("User is disabled.");
      }
    }
    preTokenGeneration(user, clientId, triggerSource, clientMetadata);
    return CustomAuthFlow.authenticationResult(tokens.afterSignIn(user, clientId));
  }

  /** REFRESH_TOKEN_AUTH: new ID and access tokens for a valid refresh token. */
  ObjectNode refresh(String refreshToken, String clientId, Map<String, String> clientMetadata) {
    return CustomAuthFlow.authenticationResult(
        tokens.refresh(
            refreshToken,
            clientId,
            users::byUsername,
            user -> preTokenGeneration(user, clientId, REFRESH_TOKENS, clientMetadata)));
  }

  private void preTokenGeneration(
      User user, String clientId, String triggerSource, Map<String, String> clientMetadata) {
    if (pool.lambdaConfig().containsKey("PreTokenGeneration")) {
      triggers.preTokenGeneration(user, clientId, triggerSource, clientMetadata);
    }
  }
}
