package io.github.cognitoemailotp.local.template;

import java.time.Duration;
import java.util.Set;

/**
 * The app client's settings from the template.
 *
 * @param explicitAuthFlows the flows it allows, such as {@code ALLOW_CUSTOM_AUTH}
 * @param preventUserExistenceErrors whether unknown users are answered like wrong passwords
 * @param authSessionValidityMinutes how long a sign-in session token is valid
 * @param generateSecret whether the client has a secret
 * @param readAttributes its {@code ReadAttributes}; empty when the template leaves them to
 *     Cognito's default (every attribute)
 * @param writeAttributes its {@code WriteAttributes}; empty when the template leaves them to
 *     Cognito's default (every attribute but the ones no client may write)
 * @param refreshTokenValidity how long a refresh token gets new tokens
 */
public record ClientSettings(
    Set<String> explicitAuthFlows,
    boolean preventUserExistenceErrors,
    int authSessionValidityMinutes,
    boolean generateSecret,
    Set<String> readAttributes,
    Set<String> writeAttributes,
    Duration refreshTokenValidity) {

  /** Attributes no app client may write; Cognito refuses them in {@code WriteAttributes}. */
  public static final Set<String> NEVER_WRITABLE =
      Set.of("sub", "email_verified", "phone_number_verified");

  /** Cognito's refresh token validity when the client names none. */
  public static final Duration DEFAULT_REFRESH_TOKEN_VALIDITY = Duration.ofDays(30);

  /** Whether {@code InitiateAuth} may use this flow ({@code CUSTOM_AUTH}, ...). */
  public boolean allows(String authFlow) {
    return explicitAuthFlows.contains("ALLOW_" + authFlow);
  }

  /** Whether a user holding this client's access token may set the attribute. */
  public boolean canWrite(String attribute) {
    if (NEVER_WRITABLE.contains(attribute)) {
      return false;
    }
    return writeAttributes.isEmpty() || writeAttributes.contains(attribute);
  }

  /** Whether this client sees the attribute ({@code GetUser}, the ID token); sub always. */
  public boolean canRead(String attribute) {
    return attribute.equals("sub")
        || readAttributes.isEmpty()
        || readAttributes.contains(attribute);
  }
}
