package io.github.cognitoemailotp.local.template;

import java.util.Set;

/**
 * The app client's settings from the template.
 *
 * @param explicitAuthFlows the flows it allows, such as {@code ALLOW_CUSTOM_AUTH}
 * @param preventUserExistenceErrors whether unknown users are answered like wrong passwords
 * @param authSessionValidityMinutes how long a sign-in session token is valid
 * @param generateSecret whether the client has a secret
 */
public record ClientSettings(
    Set<String> explicitAuthFlows,
    boolean preventUserExistenceErrors,
    int authSessionValidityMinutes,
    boolean generateSecret) {

  /** Whether {@code InitiateAuth} may use this flow ({@code CUSTOM_AUTH}, ...). */
  public boolean allows(String authFlow) {
    return explicitAuthFlows.contains("ALLOW_" + authFlow);
  }
}
