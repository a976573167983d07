package io.github.cognitoemailotp.local.cognito;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ListUsers' {@code Filter}: {@code "attribute = \"value\""} (exact) or {@code "attribute ^=
 * \"value\""} (prefix), on the attributes Cognito's API reference lists; an empty filter matches
 * every user.
 *
 * @param attribute the attribute named, or empty for no filter
 * @param prefix whether the value is a prefix ({@code ^=}) rather than the whole value
 * @param value the quoted value
 */
record UserFilter(String attribute, boolean prefix, String value) {

  /** The attributes a ListUsers filter may name, as the API reference lists them. */
  static final Set<String> SEARCHABLE =
      Set.of(
          "username",
          "email",
          "phone_number",
          "name",
          "given_name",
          "family_name",
          "preferred_username",
          "cognito:user_status",
          "status",
          "sub");

  private static final Pattern SYNTAX =
      Pattern.compile("\\s*([A-Za-z_:]+)\\s*(\\^?=)\\s*\"([^\"]*)\"\\s*");

  static UserFilter parse(String filter) {
    if (filter.isBlank()) {
      return new UserFilter("", false, "");
    }
    Matcher matcher = SYNTAX.matcher(filter);
    if (!matcher.matches()) {
      throw CognitoException.invalidParameter("Error while parsing filter.");
    }
    String attribute = matcher.group(1);
    if (!SEARCHABLE.contains(attribute)) {
      throw CognitoException.invalidParameter("Invalid search attribute: " + attribute);
    }
    return new UserFilter(attribute, matcher.group(2).equals("^="), matcher.group(3));
  }

  boolean matches(User user) {
    if (attribute.isEmpty()) {
      return true;
    }
    String actual;
    synchronized (user) {
      actual =
          switch (attribute) {
            case "username" -> user.username;
            case "cognito:user_status" -> user.status;
            case "status" -> user.enabled ? "Enabled" : "Disabled";
            default -> user.attributes.get(attribute);
          };
    }
    if (actual == null) {
      return false;
    }
    return prefix ? actual.startsWith(value) : actual.equals(value);
  }
}
