package io.github.cognitoemailotp.client.user;

import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

/**
 * Finds a user in a pool by their username ({@code AdminGetUser}) or by their {@code sub} ({@code
 * ListUsers} filtered on it), and keeps only what the {@code user} command shows: no attribute but
 * the {@code sub}.
 */
public final class UserLookup {

  /** A Cognito {@code sub}: a UUID (and so nothing that could change ListUsers' filter). */
  public static final Pattern SUB =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  /** What the command needs of the Cognito user. */
  public record FoundUser(String sub, String status, boolean enabled) {}

  private final CognitoIdentityProviderClient cognito;
  private final String userPoolId;

  public UserLookup(CognitoIdentityProviderClient cognito, String userPoolId) {
    this.cognito = cognito;
    this.userPoolId = userPoolId;
  }

  /**
   * @throws UserNotFoundException when the pool has no such user
   */
  public FoundUser byUsername(String username) {
    AdminGetUserResponse user =
        cognito.adminGetUser(r -> r.userPoolId(userPoolId).username(username));
    return new FoundUser(
        subAttribute(user.userAttributes()),
        user.userStatusAsString(),
        Boolean.TRUE.equals(user.enabled()));
  }

  /**
   * @throws IllegalArgumentException when {@code sub} is not a UUID
   * @throws UserNotFoundException when no user of the pool has it
   */
  public FoundUser bySub(String sub) {
    if (!SUB.matcher(sub).matches()) {
      throw new IllegalArgumentException(
          "--sub '"
              + sub
              + "' is not a sub: Cognito's subs are UUIDs such as"
              + " 0b5e9f1c-1111-4222-8333-444455556666");
    }
    List<UserType> users =
        cognito
            .listUsers(r -> r.userPoolId(userPoolId).filter("sub = \"" + sub + "\"").limit(1))
            .users();
    if (users.isEmpty()) {
      throw UserNotFoundException.builder().message("No user has the sub " + sub).build();
    }
    UserType user = users.getFirst();
    String found = subAttribute(user.attributes());
    if (!found.equals(sub)) {
      throw new IllegalStateException(
          "Cognito's ListUsers answered the filter sub = \"" + sub + "\" with another user");
    }
    return new FoundUser(found, user.userStatusAsString(), Boolean.TRUE.equals(user.enabled()));
  }

  private static String subAttribute(List<AttributeType> attributes) {
    return attributes.stream()
        .filter(a -> a.name().equals("sub"))
        .map(AttributeType::value)
        .findFirst()
        .orElseThrow(
            () -> new IllegalStateException("Cognito returned the user without a sub attribute"));
  }
}
