package io.github.cognitoemailotp.layer.device;

import io.github.cognitoemailotp.layer.InvalidSettingException;
import io.github.cognitoemailotp.layer.Setting;
import io.github.cognitoemailotp.layer.internal.Environment;
import java.time.Duration;
import java.util.Map;

/**
 * How long a registered device stays trusted ({@link Setting#TRUSTED_DEVICE_DAYS}, template
 * parameter {@code TrustedDeviceDays}); 0, the default, turns trusted devices off: nothing
 * registers and no stored device stands in for the emailed code.
 *
 * @param days 0 (off) to {@link Setting#TRUSTED_DEVICE_DAYS}'s maximum
 */
public record TrustedDeviceSettings(int days) {

  /** Trusted devices off. */
  public static final TrustedDeviceSettings OFF = new TrustedDeviceSettings(0);

  public TrustedDeviceSettings {
    Setting setting = Setting.TRUSTED_DEVICE_DAYS;
    if (days < setting.min() || days > setting.max()) {
      throw new InvalidSettingException(
          setting.variable()
              + " is "
              + days
              + "; it must be a whole number from "
              + setting.min()
              + " (trusted devices off) to "
              + setting.max()
              + " days (template parameter "
              + setting.parameter()
              + ")");
    }
  }

  /**
   * Reads {@code TRUSTED_DEVICE_DAYS}; unset or blank means the default, 0.
   *
   * @throws InvalidSettingException when it is not a whole number in the range
   */
  public static TrustedDeviceSettings fromEnvironment(Map<String, String> variables) {
    return new TrustedDeviceSettings(
        new Environment(variables).number(Setting.TRUSTED_DEVICE_DAYS));
  }

  /** Whether devices may register and stand in for the emailed code. */
  public boolean enabled() {
    return days > 0;
  }

  /** How long a registration lives. */
  public Duration lifetime() {
    return Duration.ofDays(days);
  }
}
