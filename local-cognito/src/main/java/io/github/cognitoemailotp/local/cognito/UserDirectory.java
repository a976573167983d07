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
  private final Map<String, User> usersByName = new ConcurrentHashMap<>();
  private final Map<String, String> namesByEmail = new ConcurrentHashMap<>();

  /**
   * @param pool the pool's settings from the template
   * @param poolName the part of the pool id after the region, which SRP hashes with the user name
   */
  UserDirectory(PoolSettings pool, Clock clock, String poolName) {
    this.pool = pool;
    this.clock = clock;
    this.poolName = poolName;
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

  /** The user with exactly this (pool) user name; null when there is none. */
  User byUsername(String username) {
    return usersByName.get(username);
  }

  ObjectNode adminCreateUser(JsonNode request) {
    String username = required(request, "Username");
    boolean emailIsUsername = pool.usernameAttributes().contains("email");
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

  ObjectNode adminSetUserPassword(JsonNode request) {
    User user = existing(required(request, "Username"));
    String password = required(request, "Password");
    String problem = pool.passwordProblem(password);
    if (!problem.isEmpty()) {
      throw new CognitoException(
          "InvalidPasswordException", "Password did not conform with policy: " + problem);
    }
    setPassword(user, password, request.path("Permanent").asBoolean(false));
    return JSON.createObjectNode();
  }

  ObjectNode adminGetUser(JsonNode request) {
    return describe(existing(required(request, "Username")), "UserAttributes");
  }

  ObjectNode adminUpdateUserAttributes(JsonNode request) {
    User user = existing(required(request, "Username"));
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

  ObjectNode adminDeleteUser(JsonNode request) {
    User user = existing(required(request, "Username"));
    synchronized (this) {
      usersByName.remove(user.username);
      namesByEmail.remove(user.email().toLowerCase(Locale.ROOT));
    }
    return JSON.createObjectNode();
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
    node.put("Enabled", true);
    node.put("UserStatus", user.status);
    return node;
  }
}
