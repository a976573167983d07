package io.github.cognitoemailotp.local.cognito;

import static io.github.cognitoemailotp.local.cognito.Requests.JSON;
import static io.github.cognitoemailotp.local.cognito.Requests.attributes;
import static io.github.cognitoemailotp.local.cognito.Requests.required;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cognitoemailotp.local.template.ClientSettings;
import io.github.cognitoemailotp.local.template.PoolSettings;
import java.util.Map;

/**
 * What a user does without an administrator, with the app client's id or their own access token:
 * {@code SignUp} and {@code ConfirmSignUp}, {@code GetUser}, {@code UpdateUserAttributes} and
 * {@code VerifyUserAttribute}. Each follows the template's settings as Cognito does: sign-up only
 * when the pool is not admin-only, writes only of the attributes the client may write, and a new
 * email held back until it is verified when the pool says so.
 */
final class SelfService {

  private final PoolSettings pool;
  private final ClientSettings client;
  private final String clientId;
  private final UserDirectory users;
  private final Tokens tokens;
  private final CognitoMail mail;

  SelfService(
      PoolSettings pool,
      ClientSettings client,
      String clientId,
      UserDirectory users,
      Tokens tokens,
      CognitoMail mail) {
    this.pool = pool;
    this.client = client;
    this.clientId = clientId;
    this.users = users;
    this.tokens = tokens;
    this.mail = mail;
  }

  ObjectNode signUp(JsonNode request) {
    checkClient(request);
    if (pool.allowAdminCreateUserOnly()) {
      throw CognitoException.notAuthorized("SignUp is not permitted for this user pool");
    }
    String username = required(request, "Username");
    String password = required(request, "Password");
    Map<String, String> attributes = attributes(request.path("UserAttributes"));
    checkWritable(attributes.keySet());
    User user = users.signUp(username, password, attributes);
    ObjectNode response = JSON.createObjectNode();
    synchronized (user) {
      if (pool.autoVerifiedAttributes().contains("email") && !user.email().isEmpty()) {
        user.confirmation = mail.send(user.email(), "ConfirmSignUp");
        response.set("CodeDeliveryDetails", CognitoMail.delivery(user.email()));
      }
    }
    response.put("UserConfirmed", false);
    response.put("UserSub", user.attributes.get("sub"));
    return response;
  }

  ObjectNode confirmSignUp(JsonNode request) {
    checkClient(request);
    String code = required(request, "ConfirmationCode");
    User user = users.find(required(request, "Username"));
    if (user == null) {
      if (client.preventUserExistenceErrors()) {
        throw CognitoMail.codeMismatch();
      }
      throw new CognitoException(
          "UserNotFoundException", "Username/client id combination not found.");
    }
    users.confirm(user, code);
    return JSON.createObjectNode();
  }

  ObjectNode getUser(JsonNode request) {
    User user = signedInUser(request);
    ObjectNode response = JSON.createObjectNode();
    response.put("Username", user.username);
    ArrayNode attributes = response.putArray("UserAttributes");
    synchronized (user) {
      user.attributes.forEach(
          (name, value) -> {
            if (client.canRead(name)) {
              attributes.addObject().put("Name", name).put("Value", value);
            }
          });
    }
    return response;
  }

  ObjectNode updateUserAttributes(JsonNode request) {
    User user = signedInUser(request);
    Map<String, String> changes = attributes(request.path("UserAttributes"));
    checkWritable(changes.keySet());
    ObjectNode response = JSON.createObjectNode();
    ArrayNode deliveries = response.putArray("CodeDeliveryDetailsList");
    String newEmail = changes.remove("email");
    users.update(user, changes);
    if (newEmail != null && users.changeEmail(user, newEmail, false)) {
      deliveries.add(CognitoMail.delivery(newEmail));
    }
    return response;
  }

  ObjectNode verifyUserAttribute(JsonNode request) {
    User user = signedInUser(request);
    String attribute = required(request, "AttributeName");
    String code = required(request, "Code");
    if (!attribute.equals("email")) {
      throw CognitoException.invalidParameter("local-cognito verifies only the email attribute");
    }
    users.verifyEmail(user, code);
    return JSON.createObjectNode();
  }

  /** The user an access token belongs to, as Cognito checks it before a user's own operation. */
  private User signedInUser(JsonNode request) {
    User user = users.byUsername(tokens.usernameOf(required(request, "AccessToken")));
    if (user == null) {
      throw new CognitoException("UserNotFoundException", "User does not exist.");
    }
    return user;
  }

  /** Refuses, as Cognito does, any attribute the app client may not write. */
  private void checkWritable(Iterable<String> attributes) {
    for (String attribute : attributes) {
      if (!client.canWrite(attribute)) {
        throw CognitoException.notAuthorized("A client attempted to write unauthorized attribute");
      }
    }
  }

  private void checkClient(JsonNode request) {
    String requested = required(request, "ClientId");
    if (!requested.equals(clientId)) {
      throw new CognitoException(
          "ResourceNotFoundException", "User pool client " + requested + " does not exist.");
    }
  }
}
