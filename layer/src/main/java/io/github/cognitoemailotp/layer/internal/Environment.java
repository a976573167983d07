package io.github.cognitoemailotp.layer.internal;

import io.github.cognitoemailotp.layer.InvalidSettingException;
import io.github.cognitoemailotp.layer.Setting;
import java.util.Map;

/**
 * Reads and validates the environment variables declared in {@link Setting}, with messages that
 * name the variable and its range.
 */
public final class Environment {

  private final Map<String, String> variables;

  /**
   * Reads {@code variables} as they are (no copy: copying the whole process environment costs a
   * cold start for nothing, docs/performance.md); the settings read them once, at init.
   */
  public Environment(Map<String, String> variables) {
    this.variables = variables;
  }

  /** A {@link Setting.Kind#NUMBER} in its range; its default when unset or blank. */
  public int number(Setting setting) {
    requireKind(setting, Setting.Kind.NUMBER);
    String name = setting.variable();
    int defaultValue = setting.defaultNumber();
    int min = setting.min();
    int max = setting.max();
    String value = variables.getOrDefault(name, "").strip();
    if (value.isEmpty()) {
      return defaultValue;
    }
    try {
      int number = Integer.parseInt(value);
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // Falls through to the message below.
    }
    throw new InvalidSettingException(
        name
            + " is \""
            + value
            + "\"; it must be a whole number from "
            + min
            + " to "
            + max
            + " (default "
            + defaultValue
            + ")");
  }

  /** A {@link Setting.Kind#FLAG}; its default when unset or blank. */
  public boolean flag(Setting setting) {
    requireKind(setting, Setting.Kind.FLAG);
    String name = setting.variable();
    boolean defaultValue = Boolean.parseBoolean(setting.defaultValue());
    String value = variables.getOrDefault(name, "").strip();
    return switch (value.toLowerCase(java.util.Locale.ROOT)) {
      case "" -> defaultValue;
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new InvalidSettingException(
              name
                  + " is \""
                  + value
                  + "\"; it must be true or false (default "
                  + defaultValue
                  + ")");
    };
  }

  /** A {@link Setting.Kind#TEXT}; empty when unset. */
  public String optionalText(Setting setting) {
    requireKind(setting, Setting.Kind.TEXT);
    return text(setting.variable());
  }

  /** A {@link Setting.Kind#EMAIL_ADDRESS}; required. */
  public String emailAddress(Setting setting) {
    requireKind(setting, Setting.Kind.EMAIL_ADDRESS);
    String name = setting.variable();
    String value = text(name);
    int at = value.indexOf('@');
    if (at <= 0 || at != value.lastIndexOf('@') || at == value.length() - 1) {
      throw new InvalidSettingException(
          name
              + " is \""
              + value
              + "\"; it must be the address codes are sent from, such as no-reply@example.com,"
              + " verified in SES");
    }
    return value;
  }

  private String text(String name) {
    return variables.getOrDefault(name, "").strip();
  }

  private static void requireKind(Setting setting, Setting.Kind kind) {
    if (setting.kind() != kind) {
      throw new IllegalArgumentException(setting + " is a " + setting.kind() + ", not a " + kind);
    }
  }
}
