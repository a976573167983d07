package io.github.cognitoemailotp.local.cognito;

import static io.github.cognitoemailotp.local.cognito.Requests.required;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Cognito's {@code RevokeToken}: an app's sign-out revokes its refresh token, and with it the ID
 * and access tokens issued with it ({@code origin_jti}); a refresh with it then fails with
 * NotAuthorizedException "Refresh Token has been revoked". Unsigned, as Cognito's is. The client id
 * must be the one the token was issued to; a token that is not one this pool issued to that client
 * is refused (UnauthorizedException), the stricter of the answers reported
 * (local-cognito/README.md).
 */
final class TokenRevocation {

  private final AppClients clients;
  private final Tokens tokens;

  TokenRevocation(AppClients clients, Tokens tokens) {
    this.clients = clients;
    this.tokens = tokens;
  }

  ObjectNode revokeToken(JsonNode request) {
    AppClient client = clients.of(request);
    String token = required(request, "Token");
    if (!tokens.revoke(token, client.clientId())) {
      throw new CognitoException("UnauthorizedException", "Invalid token");
    }
    return Requests.JSON.createObjectNode();
  }
}
