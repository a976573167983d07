package io.github.cognitoemailotp.layer;

import io.github.cognitoemailotp.layer.internal.Environment;
import java.time.Duration;
import java.util.Map;

/**
 * The limits of a sign-in, shared by Define (which enforces them) and Create (which reports them);
 * each value's variable, default and range are declared in {@link Setting}.
 *
 * @param maxAttempts answers allowed per sign-in, {@link Setting#MAX_ATTEMPTS}
 * @param maxResends new codes a user may ask for, {@link Setting#MAX_RESENDS}
 * @param requireVerifiedEmail whether only a verified address may receive codes, {@link
 *     Setting#REQUIRE_VERIFIED_EMAIL}
 * @param maxSignIn how long a sign-in may go on after its first code was sent, {@link
 *     Setting#MAX_SIGN_IN_MINUTES}. Cognito's AuthSessionValidity bounds each step, not the whole
 *     sign-in; this bounds the whole (see {@link SignInLifetime}).
 */
public record FlowSettings(
    int maxAttempts, int maxResends, boolean requireVerifiedEmail, Duration maxSignIn) {

  /** The settings with the default {@code MAX_SIGN_IN_MINUTES}. */
  public FlowSettings(int maxAttempts, int maxResends, boolean requireVerifiedEmail) {
    this(
        maxAttempts,
        maxResends,
        requireVerifiedEmail,
        Duration.ofMinutes(Setting.MAX_SIGN_IN_MINUTES.defaultNumber()));
  }

  /** Reads the settings; an invalid value throws with the variable's name and allowed range. */
  public static FlowSettings fromEnvironment(Map<String, String> variables) {
    Environment environment = new Environment(variables);
    return new FlowSettings(
        environment.number(Setting.MAX_ATTEMPTS),
        environment.number(Setting.MAX_RESENDS),
        environment.flag(Setting.REQUIRE_VERIFIED_EMAIL),
        Duration.ofMinutes(environment.number(Setting.MAX_SIGN_IN_MINUTES)));
  }
}
