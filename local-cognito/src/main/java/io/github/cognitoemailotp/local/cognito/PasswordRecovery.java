package io.github.cognitoemailotp.local.cognito;

import static io.github.cognitoemailotp.local.cognito.Requests.JSON;
import static io.github.cognitoemailotp.local.cognito.Requests.required;
import static io.github.cognitoemailotp.local.cognito.Requests.stringMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;

/**
 * ForgotPassword, ConfirmForgotPassword and AdminResetUserPassword, with the pool's {@code
 * AccountRecoverySetting}: {@code admin_only} refuses ForgotPassword; {@code verified_email} sends
 * the code to a verified address only; no setting means Cognito's legacy order, a verified phone
 * first and then a verified email. Codes are kept in memory ({@link CognitoMail}) as Cognito's own
 * messages are. No custom-auth trigger runs on these paths; Post Confirmation runs after
 * ConfirmForgotPassword when the pool has one.
 */
final class PasswordRecovery {

  /** How long a password reset code stays valid (the developer guide: one hour). */
  static final Duration CODE_VALIDITY = Duration.ofHours(1);

  private final AppClients clients;
  private final UserDirectory users;
  private final PoolDescription pool;
  private final TriggerCalls triggers;
  private final CognitoMail mail;

  PasswordRecovery(
      AppClients clients,
      UserDirectory users,
      PoolDescription pool,
      TriggerCalls triggers,
      CognitoMail mail) {
    this.clients = clients;
    this.users = users;
    this.pool = pool;
    this.triggers = triggers;
    this.mail = mail;
  }

  ObjectNode forgotPassword(JsonNode request) {
    AppClient client = clients.of(request);
    String username = required(request, "Username");
    User user = users.find(username);
    if (user == null) {
      if (client.settings().preventUserExistenceErrors()) {
        // As for a real user: masked details of a simulated delivery, and no message.
        return deliveryResponse(
            CognitoMail.delivery(username.contains("@") ? username : username + "@example.com"));
      }
      throw new CognitoException(
          "UserNotFoundException", "Username/client id combination not found.");
    }
    List<String> mechanisms = pool.settings().recoveryMechanisms();
    if (mechanisms.contains("admin_only")) {
      throw CognitoException.notAuthorized("Contact administrator to reset password.");
    }
    checkResettable(user);
    return deliveryResponse(sendCode(user, mechanisms));
  }

  ObjectNode confirmForgotPassword(JsonNode request) {
    AppClient client = clients.of(request);
    String username = required(request, "Username");
    String code = required(request, "ConfirmationCode");
    String password = required(request, "Password");
    User user = users.find(username);
    if (user == null) {
      if (client.settings().preventUserExistenceErrors()) {
        throw CognitoMail.codeMismatch();
      }
      throw new CognitoException(
          "UserNotFoundException", "Username/client id combination not found.");
    }
    users.checkPolicy(password);
    synchronized (user) {
      if (!user.enabled) {
        throw CognitoException.notAuthorized("User is disabled.");
      }
      mail.check(user.passwordReset, code);
      user.passwordReset = null;
    }
    users.setPermanentPassword(user, password);
    if (pool.lambdaConfig().containsKey("PostConfirmation")) {
      triggers.postConfirmation(
          user,
          client.clientId(),
          "PostConfirmation_ConfirmForgotPassword",
          stringMap(request.path("ClientMetadata")));
    }
    return JSON.createObjectNode();
  }

  /**
   * AdminResetUserPassword: the password stops working (RESET_REQUIRED: sign-in answers
   * PasswordResetRequiredException) and a code goes out as legacy recovery sends it.
   */
  ObjectNode adminResetUserPassword(JsonNode request) {
    User user = users.find(required(request, "Username"));
    if (user == null) {
      throw new CognitoException("UserNotFoundException", "User does not exist.");
    }
    checkResettable(user);
    sendCode(user, List.of());
    synchronized (user) {
      user.status = "RESET_REQUIRED";
    }
    return JSON.createObjectNode();
  }

  private static void checkResettable(User user) {
    synchronized (user) {
      if (!user.enabled) {
        throw CognitoException.notAuthorized("User is disabled.");
      }
      if (user.status.equals("FORCE_CHANGE_PASSWORD")) {
        throw CognitoException.notAuthorized("User password cannot be reset in the current state.");
      }
    }
  }

  /** Sends a reset code by the first mechanism the user can receive; returns its delivery. */
  private ObjectNode sendCode(User user, List<String> mechanisms) {
    List<String> order =
        mechanisms.isEmpty() ? List.of("verified_phone_number", "verified_email") : mechanisms;
    synchronized (user) {
      for (String mechanism : order) {
        if (mechanism.equals("verified_phone_number")
            && "true".equals(user.attributes.get("phone_number_verified"))) {
          String phone = user.attributes.getOrDefault("phone_number", "");
          user.passwordReset = mail.send(phone, "ForgotPassword", CODE_VALIDITY);
          ObjectNode details = JSON.createObjectNode();
          details.put("Destination", "+*******" + phone.substring(Math.max(0, phone.length() - 4)));
          details.put("DeliveryMedium", "SMS");
          details.put("AttributeName", "phone_number");
          return details;
        }
        if (mechanism.equals("verified_email")
            && "true".equals(user.attributes.get("email_verified"))
            && !user.email().isEmpty()) {
          user.passwordReset = mail.send(user.email(), "ForgotPassword", CODE_VALIDITY);
          return CognitoMail.delivery(user.email());
        }
      }
    }
    throw CognitoException.invalidParameter(
        "Cannot reset password for the user as there is no registered/verified email or"
            + " phone_number");
  }

  private static ObjectNode deliveryResponse(ObjectNode details) {
    ObjectNode response = JSON.createObjectNode();
    response.set("CodeDeliveryDetails", details);
    return response;
  }
}
