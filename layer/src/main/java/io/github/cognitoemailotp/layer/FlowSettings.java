package io.github.cognitoemailotp.layer;

import io.github.cognitoemailotp.layer.internal.Environment;
import java.util.Map;

/**
 * The limits of a sign-in, shared by Define (which enforces them) and Create (which reports them).
 *
 * @param maxAttempts answers allowed per sign-in, {@code MAX_ATTEMPTS} (1 to 10, default 3)
 * @param maxResends new codes a user may ask for, {@code MAX_RESENDS} (0 to 5, default 2)
 * @param requireVerifiedEmail whether only a verified address may receive codes, {@code
 *     REQUIRE_VERIFIED_EMAIL} (default false)
 */
public record FlowSettings(int maxAttempts, int maxResends, boolean requireVerifiedEmail) {

  /** Reads the settings; an invalid value throws with the variable's name and allowed range. */
  public static FlowSettings fromEnvironment(Map<String, String> variables) {
    Environment environment = new Environment(variables);
    return new FlowSettings(
        environment.number("MAX_ATTEMPTS", 3, 1, 10),
        environment.number("MAX_RESENDS", 2, 0, 5),
        environment.flag("REQUIRE_VERIFIED_EMAIL", false));
  }
}
