package io.github.cognitoemailotp.layer;

import io.github.cognitoemailotp.layer.internal.Environment;
import java.time.Duration;
import java.util.Map;

/**
 * Everything the Create trigger is configured with.
 *
 * @param flow the sign-in's limits
 * @param emailSender the From address, {@code EMAIL_SENDER} (required)
 * @param codeLength digits per code, {@code CODE_LENGTH} (4 to 10, default 6)
 * @param codeTtl how long a code is accepted, {@code CODE_TTL_SECONDS} (60 to 600, default 300)
 * @param resendCooldown the least time between two emails, {@code RESEND_COOLDOWN_SECONDS} (0 to
 *     300, default 30)
 * @param sesConfigurationSet {@code SES_CONFIGURATION_SET}, empty for none
 */
public record CreateSettings(
    FlowSettings flow,
    String emailSender,
    int codeLength,
    Duration codeTtl,
    Duration resendCooldown,
    String sesConfigurationSet) {

  /** Reads the settings; an invalid value throws with the variable's name and allowed range. */
  public static CreateSettings fromEnvironment(Map<String, String> variables) {
    Environment environment = new Environment(variables);
    return new CreateSettings(
        FlowSettings.fromEnvironment(variables),
        environment.emailAddress("EMAIL_SENDER"),
        environment.number("CODE_LENGTH", 6, 4, 10),
        Duration.ofSeconds(environment.number("CODE_TTL_SECONDS", 300, 60, 600)),
        Duration.ofSeconds(environment.number("RESEND_COOLDOWN_SECONDS", 30, 0, 300)),
        environment.optionalText("SES_CONFIGURATION_SET"));
  }
}
