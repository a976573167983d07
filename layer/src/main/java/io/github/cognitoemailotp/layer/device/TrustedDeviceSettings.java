package io.github.cognitoemailotp.layer.device;

import io.github.cognitoemailotp.layer.InvalidSettingException;
import java.time.Duration;

/**
 * How long a registered device stays trusted ({@code TRUSTED_DEVICE_DAYS}, template parameter
 * {@code TrustedDeviceDays}); 0, the default, turns trusted devices off: nothing registers and no
 * stored device stands in for the emailed code.
 *
 * @param days 0 (off) or 1 to 365
 */
public record TrustedDeviceSettings(int days) {

  /** The environment variable. */
  public static final String VARIABLE = "TRUSTED_DEVICE_DAYS";

  /** The template parameter. */
  public static final String PARAMETER = "TrustedDeviceDays";

  /** The greatest allowed value: a year. */
  public static final int MAX_DAYS = 365;

  /** Trusted devices off. */
  public static final TrustedDeviceSettings OFF = new TrustedDeviceSettings(0);

  public TrustedDeviceSettings {
    if (days < 0 || days > MAX_DAYS) {
      throw new InvalidSettingException(
          VARIABLE
              + " is "
              + days
              + "; it must be 0 (trusted devices off) or 1 to "
              + MAX_DAYS
              + " days (template parameter "
              + PARAMETER
              + ")");
    }
  }

  /**
   * Reads the variable's text; empty means the default, 0.
   *
   * @throws InvalidSettingException when it is not a whole number from 0 to 365
   */
  public static TrustedDeviceSettings parse(String value) {
    String text = value == null ? "" : value.strip();
    if (text.isEmpty()) {
      return OFF;
    }
    int days;
    try {
      days = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new InvalidSettingException(
          VARIABLE
              + " is not a whole number; it must be 0 (trusted devices off) or 1 to "
              + MAX_DAYS
              + " days (template parameter "
              + PARAMETER
              + ")");
    }
    return new TrustedDeviceSettings(days);
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
