package io.github.cognitoemailotp.local.template;

import java.util.List;

/**
 * The user pool's settings from the template.
 *
 * @param usernameAttributes attributes that serve as the username ({@code email})
 * @param minimumPasswordLength the password policy's minimum length
 * @param requireLowercase whether a password needs a lowercase letter
 * @param requireUppercase whether a password needs an uppercase letter
 * @param requireNumbers whether a password needs a digit
 * @param requireSymbols whether a password needs a symbol
 */
public record PoolSettings(
    List<String> usernameAttributes,
    int minimumPasswordLength,
    boolean requireLowercase,
    boolean requireUppercase,
    boolean requireNumbers,
    boolean requireSymbols) {

  /** Why a password breaks the policy, or empty; worded as Cognito words it. */
  public String passwordProblem(String password) {
    if (password.length() < minimumPasswordLength) {
      return "Password not long enough";
    }
    if (requireLowercase && password.chars().noneMatch(Character::isLowerCase)) {
      return "Password must have lowercase characters";
    }
    if (requireUppercase && password.chars().noneMatch(Character::isUpperCase)) {
      return "Password must have uppercase characters";
    }
    if (requireNumbers && password.chars().noneMatch(Character::isDigit)) {
      return "Password must have numeric characters";
    }
    if (requireSymbols && password.chars().allMatch(Character::isLetterOrDigit)) {
      return "Password must have symbol characters";
    }
    return "";
  }
}
