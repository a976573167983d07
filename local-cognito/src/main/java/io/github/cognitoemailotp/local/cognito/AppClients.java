package io.github.cognitoemailotp.local.cognito;

import static io.github.cognitoemailotp.local.cognito.Requests.JSON;
import static io.github.cognitoemailotp.local.cognito.Requests.required;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cognitoemailotp.local.template.ClientSettings;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The pool's app clients and the operations on them: {@code CreateUserPoolClient}, {@code
 * ListUserPoolClients} and {@code DescribeUserPoolClient}, with Cognito's defaults for what a
 * request leaves out and its validation of the flows.
 */
final class AppClients {

  /** The flows Cognito accepts in ExplicitAuthFlows. */
  static final Set<String> FLOWS =
      Set.of(
          "ALLOW_ADMIN_USER_PASSWORD_AUTH",
          "ALLOW_CUSTOM_AUTH",
          "ALLOW_USER_PASSWORD_AUTH",
          "ALLOW_USER_SRP_AUTH",
          "ALLOW_REFRESH_TOKEN_AUTH",
          "ALLOW_USER_AUTH",
          "ADMIN_NO_SRP_AUTH",
          "CUSTOM_AUTH_FLOW_ONLY",
          "USER_PASSWORD_AUTH");

  /** What Cognito allows when CreateUserPoolClient names no ExplicitAuthFlows. */
  static final List<String> DEFAULT_FLOWS =
      List.of("ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH");

  private static final Set<String> OAUTH_FLOWS = Set.of("code", "implicit", "client_credentials");
  private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

  private final String userPoolId;
  private final Set<String> requiredAttributes;
  private final Clock clock;
  private final Map<String, AppClient> clients = new ConcurrentSkipListMap<>();
  private final SecureRandom random = new SecureRandom();

  /**
   * @param requiredAttributes the pool schema's required attributes, which Cognito makes every
   *     client that names WriteAttributes list
   */
  AppClients(String userPoolId, Set<String> requiredAttributes, Clock clock) {
    this.userPoolId = userPoolId;
    this.requiredAttributes = Set.copyOf(requiredAttributes);
    this.clock = clock;
  }

  /**
   * Adds a client made outside the API (the stack's own, from the template), refused as Cognito
   * refuses one whose WriteAttributes leave out a required attribute.
   */
  void add(AppClient client) {
    Set<String> write = client.settings().writeAttributes();
    if (!write.isEmpty() && !write.containsAll(requiredAttributes)) {
      throw CognitoException.invalidParameter(
          "Invalid write attributes specified while creating a client");
    }
    clients.put(client.clientId(), client);
  }

  /** The client with this id, else Cognito's ResourceNotFoundException. */
  AppClient find(String clientId) {
    AppClient client = clients.get(clientId);
    if (client == null) {
      throw new CognitoException(
          "ResourceNotFoundException", "User pool client " + clientId + " does not exist.");
    }
    return client;
  }

  /** The client a sign-in request names in ClientId. */
  AppClient of(JsonNode request) {
    return find(required(request, "ClientId"));
  }

  ObjectNode createUserPoolClient(JsonNode request) {
    String name = required(request, "ClientName");
    Set<String> flows = new LinkedHashSet<>();
    request.path("ExplicitAuthFlows").forEach(flow -> flows.add(flow.asText()));
    for (String flow : flows) {
      if (!FLOWS.contains(flow)) {
        throw CognitoException.invalidParameter(
            "1 validation error detected: Value '["
                + String.join(", ", flows)
                + "]' at 'explicitAuthFlows' failed to satisfy constraint: Member must satisfy"
                + " constraint: [Member must satisfy enum value set: "
                + FLOWS
                + "]");
      }
    }
    if (flows.isEmpty()) {
      flows.addAll(DEFAULT_FLOWS);
    }
    if (request.path("GenerateSecret").asBoolean(false)) {
      throw CognitoException.invalidParameter(
          "local-cognito does not check SECRET_HASH; make the client without GenerateSecret");
    }
    String existenceErrors = request.path("PreventUserExistenceErrors").asText("LEGACY");
    if (!existenceErrors.equals("LEGACY") && !existenceErrors.equals("ENABLED")) {
      throw CognitoException.invalidParameter(
          "PreventUserExistenceErrors must be LEGACY or ENABLED, not " + existenceErrors);
    }
    int sessionMinutes = request.path("AuthSessionValidity").asInt(3);
    if (sessionMinutes < 3 || sessionMinutes > 15) {
      throw CognitoException.invalidParameter("AuthSessionValidity must be 3 to 15 minutes");
    }
    AppClient.OAuth oauth = oauth(request);
    AppClient client =
        new AppClient(
            newClientId(),
            name,
            new ClientSettings(
                Set.copyOf(flows),
                existenceErrors.equals("ENABLED"),
                sessionMinutes,
                false,
                Set.copyOf(strings(request.path("ReadAttributes"))),
                writeAttributes(request.path("WriteAttributes")),
                ClientSettings.DEFAULT_REFRESH_TOKEN_VALIDITY),
            oauth,
            clock.instant());
    add(client);
    ObjectNode response = JSON.createObjectNode();
    response.set("UserPoolClient", client.describe(userPoolId));
    return response;
  }

  ObjectNode describeUserPoolClient(JsonNode request) {
    ObjectNode response = JSON.createObjectNode();
    response.set("UserPoolClient", find(required(request, "ClientId")).describe(userPoolId));
    return response;
  }

  /** Lists in client-id order, MaxResults (1 to 60) at a time, NextToken the last id listed. */
  ObjectNode listUserPoolClients(JsonNode request) {
    int maxResults = request.path("MaxResults").asInt(60);
    if (maxResults < 1 || maxResults > 60) {
      throw CognitoException.invalidParameter("MaxResults must be 1 to 60");
    }
    String after = request.path("NextToken").asText("");
    ObjectNode response = JSON.createObjectNode();
    ArrayNode list = response.putArray("UserPoolClients");
    List<AppClient> page = new ArrayList<>();
    for (AppClient client : clients.values()) {
      if (after.isEmpty() || client.clientId().compareTo(after) > 0) {
        page.add(client);
      }
    }
    for (AppClient client : page.subList(0, Math.min(maxResults, page.size()))) {
      list.addObject()
          .put("ClientId", client.clientId())
          .put("UserPoolId", userPoolId)
          .put("ClientName", client.clientName());
    }
    if (page.size() > maxResults) {
      response.put("NextToken", page.get(maxResults - 1).clientId());
    }
    return response;
  }

  private static AppClient.OAuth oauth(JsonNode request) {
    boolean enabled = request.path("AllowedOAuthFlowsUserPoolClient").asBoolean(false);
    List<String> flows = strings(request.path("AllowedOAuthFlows"));
    for (String flow : flows) {
      if (!OAUTH_FLOWS.contains(flow)) {
        throw CognitoException.invalidParameter(
            "AllowedOAuthFlows must be code, implicit or client_credentials, not " + flow);
      }
    }
    List<String> callbacks = strings(request.path("CallbackURLs"));
    if (enabled
        && (flows.isEmpty() || callbacks.isEmpty() && !flows.contains("client_credentials"))) {
      throw CognitoException.invalidParameter(
          "AllowedOAuthFlowsUserPoolClient needs AllowedOAuthFlows and CallbackURLs");
    }
    return new AppClient.OAuth(
        enabled,
        flows,
        strings(request.path("AllowedOAuthScopes")),
        callbacks,
        strings(request.path("SupportedIdentityProviders")));
  }

  private static Set<String> writeAttributes(JsonNode list) {
    Set<String> attributes = Set.copyOf(strings(list));
    for (String attribute : attributes) {
      if (ClientSettings.NEVER_WRITABLE.contains(attribute)) {
        throw CognitoException.invalidParameter(
            "Invalid write attributes specified while creating a client");
      }
    }
    return attributes;
  }

  private static List<String> strings(JsonNode list) {
    List<String> strings = new ArrayList<>();
    list.forEach(value -> strings.add(value.asText()));
    return strings;
  }

  /** 26 lowercase letters and digits, as Cognito's client ids are. */
  private String newClientId() {
    StringBuilder id = new StringBuilder(26);
    for (int i = 0; i < 26; i++) {
      id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
    }
    return id.toString();
  }
}
