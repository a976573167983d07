package io.github.cognitoemailotp.layer;

import io.github.cognitoemailotp.layer.internal.Environment;
import java.time.Duration;
import java.util.Map;

/**
 * Everything the Create trigger is configured with; each value's variable, default and range are
 * declared in {@link Setting}.
 *
 * @param flow the sign-in's limits
 * @param emailSender the From address, {@link Setting#EMAIL_SENDER}
 * @param codeLength digits per code, {@link Setting#CODE_LENGTH}
 * @param codeTtl how long a code is accepted, {@link Setting#CODE_TTL_SECONDS}
 * @param resendCooldown the least time between two emails, {@link Setting#RESEND_COOLDOWN_SECONDS}
 * @param sesConfigurationSet {@link Setting#SES_CONFIGURATION_SET}, empty for none
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
        environment.emailAddress(Setting.EMAIL_SENDER),
        environment.number(Setting.CODE_LENGTH),
        Duration.ofSeconds(environment.number(Setting.CODE_TTL_SECONDS)),
        Duration.ofSeconds(environment.number(Setting.RESEND_COOLDOWN_SECONDS)),
        environment.optionalText(Setting.SES_CONFIGURATION_SET));
  }
}
