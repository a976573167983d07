package io.github.cognitoemailotp.layer;

import io.github.cognitoemailotp.layer.internal.Environment;
import java.util.Map;

/**
 * Where the project's emails come from, for a function that sends one without the rest of Create's
 * settings (Verify's lock notice); each value's variable is declared in {@link Setting}.
 *
 * @param emailSender the From address, {@link Setting#EMAIL_SENDER}
 * @param sesConfigurationSet {@link Setting#SES_CONFIGURATION_SET}, empty for none
 */
public record EmailSenderSettings(String emailSender, String sesConfigurationSet) {

  /** Reads the settings; an invalid value throws with the variable's name. */
  public static EmailSenderSettings fromEnvironment(Map<String, String> variables) {
    Environment environment = new Environment(variables);
    return new EmailSenderSettings(
        environment.emailAddress(Setting.EMAIL_SENDER),
        environment.optionalText(Setting.SES_CONFIGURATION_SET));
  }
}
