package io.github.cognitoemailotp.local.cognito;

import static io.github.cognitoemailotp.local.cognito.Requests.JSON;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cognitoemailotp.local.template.ClientSettings;
import java.time.Instant;
import java.util.List;

/**
 * One app client of the pool: the stack's own (from template.yaml) or one made with {@code
 * CreateUserPoolClient}, such as a legacy client of a pool that existed before the stack.
 *
 * @param clientId its id
 * @param clientName its name
 * @param settings its flows, user-existence errors, session validity and attribute rules
 * @param oauth its hosted-UI (OAuth 2.0) settings
 * @param created when it was made
 */
record AppClient(
    String clientId, String clientName, ClientSettings settings, OAuth oauth, Instant created) {

  /**
   * The client's OAuth 2.0 settings (Cognito's hosted UI or managed login).
   *
   * @param enabled AllowedOAuthFlowsUserPoolClient
   * @param flows AllowedOAuthFlows ({@code code}, {@code implicit}, {@code client_credentials})
   * @param scopes AllowedOAuthScopes
   * @param callbackUrls CallbackURLs
   * @param identityProviders SupportedIdentityProviders ({@code COGNITO}, ...)
   */
  record OAuth(
      boolean enabled,
      List<String> flows,
      List<String> scopes,
      List<String> callbackUrls,
      List<String> identityProviders) {

    static final OAuth NONE = new OAuth(false, List.of(), List.of(), List.of(), List.of());

    OAuth {
      flows = List.copyOf(flows);
      scopes = List.copyOf(scopes);
      callbackUrls = List.copyOf(callbackUrls);
      identityProviders = List.copyOf(identityProviders);
    }
  }

  /** The {@code UserPoolClient} member of DescribeUserPoolClient, as Cognito writes it. */
  ObjectNode describe(String userPoolId) {
    ObjectNode node = JSON.createObjectNode();
    node.put("UserPoolId", userPoolId);
    node.put("ClientName", clientName);
    node.put("ClientId", clientId);
    node.put("CreationDate", created.getEpochSecond());
    node.put("LastModifiedDate", created.getEpochSecond());
    strings(node.putArray("ExplicitAuthFlows"), List.copyOf(settings.explicitAuthFlows()));
    node.put(
        "PreventUserExistenceErrors", settings.preventUserExistenceErrors() ? "ENABLED" : "LEGACY");
    node.put("AuthSessionValidity", settings.authSessionValidityMinutes());
    if (!settings.readAttributes().isEmpty()) {
      strings(
          node.putArray("ReadAttributes"), settings.readAttributes().stream().sorted().toList());
    }
    if (!settings.writeAttributes().isEmpty()) {
      strings(
          node.putArray("WriteAttributes"), settings.writeAttributes().stream().sorted().toList());
    }
    node.put("RefreshTokenValidity", settings.refreshTokenValidity().toDays());
    node.putObject("TokenValidityUnits").put("RefreshToken", "days");
    node.put("AllowedOAuthFlowsUserPoolClient", oauth.enabled());
    if (!oauth.flows().isEmpty()) {
      strings(node.putArray("AllowedOAuthFlows"), oauth.flows());
    }
    if (!oauth.scopes().isEmpty()) {
      strings(node.putArray("AllowedOAuthScopes"), oauth.scopes());
    }
    if (!oauth.callbackUrls().isEmpty()) {
      strings(node.putArray("CallbackURLs"), oauth.callbackUrls());
    }
    if (!oauth.identityProviders().isEmpty()) {
      strings(node.putArray("SupportedIdentityProviders"), oauth.identityProviders());
    }
    return node;
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }
}
