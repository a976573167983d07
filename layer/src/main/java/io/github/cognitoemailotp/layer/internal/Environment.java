package io.github.cognitoemailotp.layer.internal;

import io.github.cognitoemailotp.layer.InvalidSettingException;
import java.util.Map;

/** Reads and validates environment variables, with messages that name the variable and range. */
public final class Environment {

  private final Map<String, String> variables;

  public Environment(Map<String, String> variables) {
    this.variables = Map.copyOf(variables);
  }

  /** A whole number in {@code [min, max]}; {@code defaultValue} when unset or blank. */
  public int number(String name, int defaultValue, int min, int max) {
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

  /** {@code true} or {@code false}; {@code defaultValue} when unset or blank. */
  public boolean flag(String name, boolean defaultValue) {
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

  /** Any text; empty when unset. */
  public String optionalText(String name) {
    return variables.getOrDefault(name, "").strip();
  }

  /** An email address; required. */
  public String emailAddress(String name) {
    String value = optionalText(name);
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
}
