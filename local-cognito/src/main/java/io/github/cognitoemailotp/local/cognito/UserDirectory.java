package io.github.cognitoemailotp.local.cognito;

import static io.github.cognitoemailotp.local.cognito.Requests.JSON;
import static io.github.cognitoemailotp.local.cognito.Requests.attributes;
import static io.github.cognitoemailotp.local.cognito.Requests.required;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cognitoemailotp.local.template.PoolSettings;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pool's users, found by user name or email address, and the admin operations on them. A user
 * keeps the salt and verifier of its password, never the password.
 */
final class UserDirectory {

  private final PoolSettings pool;
  private final Clock clock;
  private final String poolName;
  private final CognitoMail mail;
  private final Map<String, User> usersByName = new ConcurrentHashMap<>();
  private final Map<String, String> namesByEmail = new ConcurrentHashMap<>();

  /**
   * @param pool the pool's settings from the template
   * @param poolName the part of the pool id after the region, which SRP hashes with the user name
   * @param mail where the codes Cognito itself emails go
   */
  UserDirectory(PoolSettings pool, Clock clock, String poolName, CognitoMail mail) {
    this.pool = pool;
    this.clock = clock;
    this.poolName = poolName;
    this.mail = mail;
  }

  /** The user with this user name or email address; null when there is none. */
  User find(String name) {
    User user = usersByName.get(name);
    if (user == null) {
      String byEmail = namesByEmail.get(name.toLowerCase(Locale.ROOT));
      user = byEmail == null ? null : usersByName.get(byEmail);
    }
    return user;
  }

  /** How many users the pool has. */
  int count() {
    return usersByName.size();
  }

  /** The user with exactly this (pool) user name; null when there is none. */
  User byUsername(String username) {
    return usersByName.get(username);
  }

  ObjectNode adminCreateUser(JsonNode request) {
    String username = required(request, "Username");
    User user =
        add(
            username,
            attributes(request.path("UserAttributes")),
            "User account already exists",
            false);
    String temporary = request.path("TemporaryPassword").asText("");
    if (!temporary.isEmpty()) {
      try {
        checkPolicy(temporary);
      } catch (CognitoException e) {
        synchronized (this) {
          usersByName.remove(user.username);
          namesByEmail.remove(user.email().toLowerCase(Locale.ROOT));
        }
        throw e;
      }
    }
    setPassword(user, temporary.isEmpty() ? "Tmp-" + UUID.randomUUID() + "a1A" : temporary, false);
    ObjectNode response = JSON.createObjectNode();
    response.set("User", describe(user, "Attributes"));
    return response;
  }

  ObjectNode adminSetUserPassword(JsonNode request) {
    User user = existing(required(request, "Username"));
    String password = required(request, "Password");
    checkPolicy(password);
    setPassword(user, password, request.path("Permanent").asBoolean(false));
    return JSON.createObjectNode();
  }

  ObjectNode adminGetUser(JsonNode request) {
    User user = existing(required(request, "Username"));
    ObjectNode described = describe(user, "UserAttributes");
    synchronized (user) {
      ArrayNode settings = described.putArray("UserMFASettingList");
      if (user.totpEnabled) {
        settings.add("SOFTWARE_TOKEN_MFA");
        if (user.totpPreferred) {
          described.put("PreferredMfaSetting", "SOFTWARE_TOKEN_MFA");
        }
      }
    }
    return described;
  }

  /**
   * AdminDisableUser: the user can no longer sign in ("User is disabled."), and the refresh tokens
   * issued so far stop working, even once the user is enabled again (the API reference: it "revokes
   * all access tokens for the user").
   */
  ObjectNode adminDisableUser(JsonNode request) {
    User user = existing(required(request, "Username"));
    synchronized (user) {
      user.enabled = false;
      user.tokensRevokedAt = clock.instant();
      user.modified = clock.instant();
    }
    return JSON.createObjectNode();
  }

  ObjectNode adminEnableUser(JsonNode request) {
    User user = existing(required(request, "Username"));
    synchronized (user) {
      user.enabled = true;
      user.modified = clock.instant();
    }
    return JSON.createObjectNode();
  }

  /**
   * AdminSetUserMFAPreference with SoftwareTokenMfaSettings (SMS is not modelled): enabling needs a
   * software token the user has verified.
   */
  ObjectNode adminSetUserMfaPreference(JsonNode request) {
    User user = existing(required(request, "Username"));
    if (request.has("SMSMfaSettings") || request.has("EmailMfaSettings")) {
      throw CognitoException.invalidParameter(
          "local-cognito models software token MFA only, not SMS or email MFA");
    }
    JsonNode settings = request.path("SoftwareTokenMfaSettings");
    if (settings.isMissingNode()) {
      return JSON.createObjectNode();
    }
    boolean enabled = settings.path("Enabled").asBoolean(false);
    boolean preferred = settings.path("PreferredMfa").asBoolean(false);
    synchronized (user) {
      if ((enabled || preferred) && user.totpSecret == null) {
        throw CognitoException.invalidParameter("User has not verified software token mfa");
      }
      user.totpEnabled = enabled || preferred;
      user.totpPreferred = preferred;
      user.modified = clock.instant();
    }
    return JSON.createObjectNode();
  }

  /**
   * ListUsers, with Cognito's filter syntax ({@code attribute = "value"} or {@code attribute ^=
   * "value"}) on the attributes Cognito lets a filter name, {@code cognito:user_status} and {@code
   * status} ({@code Enabled} or {@code Disabled}) among them; pages of {@code Limit} (at most 60).
   */
  ObjectNode listUsers(JsonNode request) {
    UserFilter filter = UserFilter.parse(request.path("Filter").asText(""));
    int limit = request.path("Limit").asInt(60);
    if (limit < 0 || limit > 60) {
      throw CognitoException.invalidParameter(
          "1 validation error detected: Value '"
              + limit
              + "' at 'limit' failed to satisfy constraint: Member must have value less than or"
              + " equal to 60");
    }
    if (limit == 0) {
      limit = 60;
    }
    int start = 0;
    String page = request.path("PaginationToken").asText("");
    if (!page.isEmpty()) {
      try {
        start = Integer.parseInt(page);
      } catch (NumberFormatException e) {
        throw CognitoException.invalidParameter("Invalid pagination token");
      }
    }
    java.util.List<User> matching =
        usersByName.values().stream()
            .sorted(java.util.Comparator.comparing(user -> user.username))
            .filter(filter::matches)
            .toList();
    ObjectNode response = JSON.createObjectNode();
    ArrayNode list = response.putArray("Users");
    for (int i = start; i < Math.min(matching.size(), start + limit); i++) {
      list.add(describe(matching.get(i), "Attributes"));
    }
    if (start + limit < matching.size()) {
      response.put("PaginationToken", String.valueOf(start + limit));
    }
    return response;
  }

  /**
   * Why Cognito refuses this user at InitiateAuth, before any trigger and whatever the password:
   * disabled, not confirmed, or waiting for a password reset. Nothing for a user who may go on.
   */
  static void checkCanSignIn(User user) {
    if (user == null) {
      return;
    }
    synchronized (user) {
      if (!user.enabled) {
        throw CognitoException.notAuthorized("User is disabled.");
      }
      switch (user.status) {
        case "UNCONFIRMED" ->
            throw new CognitoException("UserNotConfirmedException", "User is not confirmed.");
        case "RESET_REQUIRED" ->
            throw new CognitoException(
                "PasswordResetRequiredException", "Password reset required for the user");
        default -> {}
      }
    }
  }

  /** Sets a password the user chose (NEW_PASSWORD_REQUIRED, ConfirmForgotPassword): CONFIRMED. */
  void setPermanentPassword(User user, String password) {
    checkPolicy(password);
    setPassword(user, password, true);
  }

  /**
   * As Cognito: an administrator's new email takes effect at once when the same request sets {@code
   * email_verified=true}; otherwise, in a pool with AttributesRequireVerificationBeforeUpdate, the
   * old address stays until the user verifies the new one.
   */
  ObjectNode adminUpdateUserAttributes(JsonNode request) {
    User user = existing(required(request, "Username"));
    Map<String, String> changes = attributes(request.path("UserAttributes"));
    String newEmail = changes.remove("email");
    boolean verified = "true".equals(changes.get("email_verified"));
    if (newEmail != null && !verified) {
      changes.remove("email_verified");
    }
    update(user, changes);
    if (newEmail != null) {
      changeEmail(user, newEmail, verified);
    }
    return JSON.createObjectNode();
  }

  /** A self-signed-up user, UNCONFIRMED until {@link #confirm}. */
  User signUp(String username, String password, Map<String, String> attributes) {
    checkPolicy(password);
    User user = add(username, attributes, "User already exists", true);
    setPassword(user, password, true);
    synchronized (user) {
      user.status = "UNCONFIRMED";
    }
    return user;
  }

  /** ConfirmSignUp: the emailed code makes an UNCONFIRMED user CONFIRMED, its email verified. */
  void confirm(User user, String code) {
    synchronized (user) {
      if (!"UNCONFIRMED".equals(user.status)) {
        throw CognitoException.notAuthorized(
            "User cannot be confirmed. Current status is " + user.status);
      }
      mail.check(user.confirmation, code);
      user.confirmation = null;
      user.status = "CONFIRMED";
      user.attributes.put("email_verified", "true");
      user.modified = clock.instant();
    }
  }

  /** Sets attributes other than email. */
  void update(User user, Map<String, String> changes) {
    synchronized (user) {
      user.attributes.putAll(changes);
      user.modified = clock.instant();
    }
  }

  /**
   * Changes the user's email as Cognito does; returns whether a verification code was sent.
   * Verified changes (an administrator's with {@code email_verified=true}) take effect at once. An
   * unverified one is held back, the old address kept, when the pool requires verification before
   * update; otherwise it takes effect unverified.
   */
  boolean changeEmail(User user, String newEmail, boolean verified) {
    synchronized (this) {
      synchronized (user) {
        if (newEmail.equalsIgnoreCase(user.email())) {
          return false;
        }
        if (verified) {
          moveEmail(user, newEmail);
          user.unverifiedEmail = null;
          user.attributes.put("email_verified", "true");
          return false;
        }
        if (pool.attributesRequireVerificationBeforeUpdate().contains("email")) {
          user.unverifiedEmail = newEmail;
        } else {
          moveEmail(user, newEmail);
          user.attributes.put("email_verified", "false");
        }
        user.modified = clock.instant();
        if (pool.autoVerifiedAttributes().contains("email")) {
          user.emailVerification = mail.send(newEmail, "VerifyUserAttribute");
          return true;
        }
        return false;
      }
    }
  }

  /** VerifyUserAttribute for email: applies a held-back address and marks the email verified. */
  void verifyEmail(User user, String code) {
    synchronized (this) {
      synchronized (user) {
        mail.check(user.emailVerification, code);
        if (user.unverifiedEmail != null) {
          String owner = namesByEmail.get(user.unverifiedEmail.toLowerCase(Locale.ROOT));
          if (owner != null && !owner.equals(user.username)) {
            throw new CognitoException(
                "AliasExistsException", "An account with the given email already exists.");
          }
          moveEmail(user, user.unverifiedEmail);
          user.unverifiedEmail = null;
        }
        user.emailVerification = null;
        user.attributes.put("email_verified", "true");
        user.modified = clock.instant();
      }
    }
  }

  private void moveEmail(User user, String newEmail) {
    namesByEmail.remove(user.email().toLowerCase(Locale.ROOT));
    user.attributes.put("email", newEmail);
    namesByEmail.put(newEmail.toLowerCase(Locale.ROOT), user.username);
    user.modified = clock.instant();
  }

  ObjectNode adminDeleteUser(JsonNode request) {
    User user = existing(required(request, "Username"));
    synchronized (this) {
      usersByName.remove(user.username);
      namesByEmail.remove(user.email().toLowerCase(Locale.ROOT));
    }
    return JSON.createObjectNode();
  }

  /**
   * Adds a user, as AdminCreateUser and SignUp both do: in a pool whose username is the email, the
   * name must be an address no other user has, and the user's pool name is its new {@code sub}.
   *
   * @param existsMessage Cognito's message when the name is taken (the two operations differ)
   * @param unverified whether {@code email_verified} is forced to false (SignUp) rather than kept
   *     when given (AdminCreateUser)
   */
  private synchronized User add(
      String username, Map<String, String> attributes, String existsMessage, boolean unverified) {
    boolean emailIsUsername = pool.usernameAttributes().contains("email");
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
      throw new CognitoException("UsernameExistsException", existsMessage);
    }
    String sub = UUID.randomUUID().toString();
    User user = new User(emailIsUsername ? sub : username, clock.instant());
    user.attributes.put("sub", sub);
    user.attributes.putAll(attributes);
    if (unverified) {
      user.attributes.put("email_verified", "false");
    } else {
      user.attributes.putIfAbsent("email_verified", "false");
    }
    usersByName.put(user.username, user);
    if (!user.email().isEmpty()) {
      namesByEmail.put(user.email().toLowerCase(Locale.ROOT), user.username);
    }
    return user;
  }

  void checkPolicy(String password) {
    String problem = pool.passwordProblem(password);
    if (!problem.isEmpty()) {
      throw new CognitoException(
          "InvalidPasswordException", "Password did not conform with policy: " + problem);
    }
  }

  private void setPassword(User user, String password, boolean permanent) {
    synchronized (user) {
      user.salt = ServerSrp.newSalt();
      user.verifier = ServerSrp.verifier(user.salt, poolName, user.username, password);
      user.status = permanent ? "CONFIRMED" : "FORCE_CHANGE_PASSWORD";
      user.modified = clock.instant();
    }
  }

  private User existing(String name) {
    User user = find(name);
    if (user == null) {
      throw new CognitoException("UserNotFoundException", "User does not exist.");
    }
    return user;
  }

  private static ObjectNode describe(User user, String attributesField) {
    ObjectNode node = JSON.createObjectNode();
    node.put("Username", user.username);
    ArrayNode attributes = node.putArray(attributesField);
    user.attributes.forEach(
        (name, value) -> attributes.addObject().put("Name", name).put("Value", value));
    node.put("UserCreateDate", user.created.getEpochSecond());
    node.put("UserLastModifiedDate", user.modified.getEpochSecond());
    node.put("Enabled", user.enabled);
    node.put("UserStatus", user.status);
    return node;
  }
}
