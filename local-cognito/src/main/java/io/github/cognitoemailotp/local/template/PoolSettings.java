package io.github.cognitoemailotp.local.template;

import java.util.List;
import java.util.Set;

/**
 * The user pool's settings from the template.
 *
 * @param usernameAttributes attributes that serve as the username ({@code email})
 * @param minimumPasswordLength the password policy's minimum length
 * @param requireLowercase whether a password needs a lowercase letter
 * @param requireUppercase whether a password needs an uppercase letter
 * @param requireNumbers whether a password needs a digit
 * @param requireSymbols whether a password needs a symbol
 * @param allowAdminCreateUserOnly {@code AdminCreateUserConfig.AllowAdminCreateUserOnly}: when
 *     true, {@code SignUp} is refused and only an administrator creates users
 * @param autoVerifiedAttributes attributes Cognito verifies by sending a code ({@code email})
 * @param attributesRequireVerificationBeforeUpdate {@code UserAttributeUpdateSettings}: attributes
 *     whose new value takes effect only once the user has verified it
 * @param requiredAttributes the schema's attributes marked {@code Required}
 * @param recoveryMechanisms {@code AccountRecoverySetting.RecoveryMechanisms}' names by priority
 *     ({@code admin_only}, {@code verified_email}, {@code verified_phone_number}); empty when the
 *     pool has none, which leaves Cognito's legacy recovery (a verified phone first, then a
 *     verified email)
 * @param mfaConfiguration the pool's {@code MfaConfiguration}: {@code OFF} (Cognito's default),
 *     {@code ON} or {@code OPTIONAL}
 */
public record PoolSettings(
    List<String> usernameAttributes,
    int minimumPasswordLength,
    boolean requireLowercase,
    boolean requireUppercase,
    boolean requireNumbers,
    boolean requireSymbols,
    boolean allowAdminCreateUserOnly,
    Set<String> autoVerifiedAttributes,
    Set<String> attributesRequireVerificationBeforeUpdate,
    Set<String> requiredAttributes,
    List<String> recoveryMechanisms,
    String mfaConfiguration) {

  /** The same settings without account recovery and MFA, as pools made before either existed. */
  public PoolSettings(
      List<String> usernameAttributes,
      int minimumPasswordLength,
      boolean requireLowercase,
      boolean requireUppercase,
      boolean requireNumbers,
      boolean requireSymbols,
      boolean allowAdminCreateUserOnly,
      Set<String> autoVerifiedAttributes,
      Set<String> attributesRequireVerificationBeforeUpdate,
      Set<String> requiredAttributes) {
    this(
        usernameAttributes,
        minimumPasswordLength,
        requireLowercase,
        requireUppercase,
        requireNumbers,
        requireSymbols,
        allowAdminCreateUserOnly,
        autoVerifiedAttributes,
        attributesRequireVerificationBeforeUpdate,
        requiredAttributes,
        List.of(),
        "OFF");
  }

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
