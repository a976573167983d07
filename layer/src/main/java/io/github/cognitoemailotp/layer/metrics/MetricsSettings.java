package io.github.cognitoemailotp.layer.metrics;

import io.github.cognitoemailotp.layer.InvalidSettingException;
import io.github.cognitoemailotp.layer.Setting;
import io.github.cognitoemailotp.layer.internal.Environment;
import java.util.Map;

/**
 * Where the triggers' metrics go.
 *
 * @param namespace the CloudWatch namespace, {@link Setting#METRICS_NAMESPACE}: 1 to 255 of
 *     letters, digits and {@code . - _ / # :} or space, not starting with {@code AWS/} or {@code :}
 */
public record MetricsSettings(String namespace) {

  public static final String VARIABLE = Setting.METRICS_NAMESPACE.variable();

  public static final String DEFAULT_NAMESPACE = Setting.METRICS_NAMESPACE.defaultValue();

  /** The settings when nothing is configured. */
  public static final MetricsSettings DEFAULT = new MetricsSettings(DEFAULT_NAMESPACE);

  public MetricsSettings {
    if (!isNamespace(namespace)) {
      throw new InvalidSettingException(
          VARIABLE
              + " is \""
              + namespace
              + "\"; it must be a CloudWatch namespace: 1 to 255 of letters, digits, '.', '-',"
              + " '_', '/', '#', ':' and space, not starting with 'AWS/' or ':' (default "
              + DEFAULT_NAMESPACE
              + ")");
    }
  }

  /** Reads the settings; an invalid namespace throws with the variable's name and rules. */
  public static MetricsSettings fromEnvironment(Map<String, String> variables) {
    String value = new Environment(variables).optionalText(Setting.METRICS_NAMESPACE);
    return new MetricsSettings(value.isEmpty() ? DEFAULT_NAMESPACE : value);
  }

  static boolean isNamespace(String value) {
    if (value.isEmpty()
        || value.length() > 255
        || value.startsWith("AWS/")
        || value.startsWith(":")) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean allowed =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || ".-_/#: ".indexOf(c) >= 0;
      if (!allowed) {
        return false;
      }
    }
    return true;
  }
}
