package io.github.cognitoemailotp.layer;

import java.util.List;

/**
 * Every setting of the functions, declared once: its environment variable (the constant's name),
 * the template parameter that sets it, its default and its range. {@code Environment} reads the
 * variables with these, {@link CodeState} checks codes against {@link #CODE_LENGTH}'s range, and a
 * test checks template.yaml's parameters and the README's configuration table against this list, so
 * none of them can drift.
 */
public enum Setting {
  EMAIL_SENDER("EmailSender", Kind.EMAIL_ADDRESS, "", 0, 0),
  CODE_LENGTH("CodeLength", Kind.NUMBER, "6", 4, 10),
  MAX_ATTEMPTS("MaxAttempts", Kind.NUMBER, "3", 1, 10),
  CODE_TTL_SECONDS("CodeTtlSeconds", Kind.NUMBER, "300", 60, 600),
  MAX_RESENDS("MaxResends", Kind.NUMBER, "2", 0, 5),
  RESEND_COOLDOWN_SECONDS("ResendCooldownSeconds", Kind.NUMBER, "30", 0, 300),
  SES_CONFIGURATION_SET("SesConfigurationSet", Kind.TEXT, "", 0, 0),
  REQUIRE_VERIFIED_EMAIL("RequireVerifiedEmail", Kind.FLAG, "false", 0, 0),
  METRICS_NAMESPACE("MetricsNamespace", Kind.TEXT, "CognitoEmailOtp", 0, 0),

  MAX_SIGN_IN_MINUTES("MaxSignInMinutes", Kind.NUMBER, "15", 3, 60),
  MAX_CODE_EMAILS_PER_HOUR("MaxCodeEmailsPerHour", Kind.NUMBER, "10", 1, 100),
  MAX_CODE_EMAILS_PER_DAY("MaxCodeEmailsPerDay", Kind.NUMBER, "30", 1, 1000),
  UNGATED_CLIENT_IDS("UngatedClientIds", Kind.TEXT, "", 0, 0),
  MAX_CONSECUTIVE_WRONG_CODES("MaxConsecutiveWrongCodes", Kind.NUMBER, "10", 3, 100),
  PASSWORD_RECOVERY("PasswordRecovery", Kind.TEXT, "admin-only", 0, 0),
  TRUSTED_DEVICE_DAYS("TrustedDeviceDays", Kind.NUMBER, "0", 0, 365);

  /** What a setting's value is. */
  public enum Kind {
    /** A whole number from {@link #min()} to {@link #max()}. */
    NUMBER,
    /** {@code true} or {@code false}. */
    FLAG,
    /** Any text; its default (often empty) when unset. */
    TEXT,
    /** An email address; required, no default. */
    EMAIL_ADDRESS
  }

  private final String parameter;
  private final Kind kind;
  private final String defaultValue;
  private final int min;
  private final int max;

  Setting(String parameter, Kind kind, String defaultValue, int min, int max) {
    this.parameter = parameter;
    this.kind = kind;
    this.defaultValue = defaultValue;
    this.min = min;
    this.max = max;
  }

  /** The environment variable the function reads. */
  public String variable() {
    return name();
  }

  /** The template.yaml parameter (and {@code --parameter-overrides} name) that sets it. */
  public String parameter() {
    return parameter;
  }

  public Kind kind() {
    return kind;
  }

  /** The default as the template writes it; empty for none. */
  public String defaultValue() {
    return defaultValue;
  }

  /** The least allowed value of a {@link Kind#NUMBER}. */
  public int min() {
    return min;
  }

  /** The greatest allowed value of a {@link Kind#NUMBER}. */
  public int max() {
    return max;
  }

  /** The default of a {@link Kind#NUMBER}. */
  public int defaultNumber() {
    return Integer.parseInt(defaultValue);
  }

  /** The allowed values of a {@link Kind#FLAG}, as the template lists them. */
  public static final List<String> FLAG_VALUES = List.of("true", "false");
}
