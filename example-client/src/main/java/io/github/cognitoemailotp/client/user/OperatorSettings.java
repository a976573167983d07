package io.github.cognitoemailotp.client.user;

import io.github.cognitoemailotp.layer.Setting;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The stack's settings the {@code user} command needs to explain a user's state (the budgets'
 * limits, the lock's limit, the metrics namespace), each with where it came from: the stack's
 * parameters, an option, or the template's default ({@link Setting}, the functions' own list).
 */
public final class OperatorSettings {

  /** Where a value came from, as the command prints it. */
  public enum Source {
    STACK("the stack's parameters"),
    OPTION("the command's options"),
    DEFAULT("the template's defaults");

    private final String words;

    Source(String words) {
      this.words = words;
    }

    public String words() {
      return words;
    }
  }

  /** A value and where it came from. */
  public record Value(String text, Source source) {}

  private final Map<String, Value> values;

  private OperatorSettings(Map<String, Value> values) {
    this.values = Map.copyOf(values);
  }

  /**
   * {@code given}'s values (template parameter name to value) from {@code source}; for the other
   * parameters, the template's defaults.
   */
  public static OperatorSettings of(Map<String, String> given, Source source) {
    Map<String, Value> values = new LinkedHashMap<>();
    for (Setting setting : Setting.values()) {
      if (!setting.defaultValue().isEmpty()) {
        values.put(setting.parameter(), new Value(setting.defaultValue(), Source.DEFAULT));
      }
    }
    given.forEach(
        (parameter, value) -> {
          if (value != null && !value.isBlank()) {
            values.put(parameter, new Value(value.strip(), source));
          }
        });
    return new OperatorSettings(values);
  }

  /** The value of a template parameter, if given or defaulted. */
  public Optional<Value> value(String parameter) {
    return Optional.ofNullable(values.get(parameter));
  }

  /**
   * A number setting; when given, it must be within the {@link Setting}'s range, as the functions
   * would refuse it otherwise.
   *
   * @throws IllegalArgumentException naming the parameter and its range when out of it
   */
  public int number(Setting setting) {
    Value value =
        value(setting.parameter())
            .orElseThrow(
                () -> new IllegalArgumentException(setting.parameter() + " has no default"));
    return checkedNumber(setting.parameter(), value, setting.min(), setting.max());
  }

  /** Where the value of {@code parameter} came from. */
  public Source source(String parameter) {
    return value(parameter).map(Value::source).orElse(Source.DEFAULT);
  }

  private static int checkedNumber(String parameter, Value value, int min, int max) {
    try {
      int number = Integer.parseInt(value.text());
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // Reported below with the range.
    }
    throw new IllegalArgumentException(
        parameter
            + " is \""
            + value.text()
            + "\" (from "
            + value.source().words()
            + "); it must be a whole number from "
            + min
            + " to "
            + max);
  }
}
