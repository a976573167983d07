package io.github.cognitoemailotp.client.user;

import io.github.cognitoemailotp.layer.Setting;
import io.github.cognitoemailotp.layer.budget.BudgetSpend;
import io.github.cognitoemailotp.layer.device.TrustedDevices;
import java.util.List;

/**
 * The {@code user} command's text: one section per part of a user's state, each a heading line and
 * indented {@code label value} lines. A new part of the state is one more {@link Section} in {@link
 * #SECTIONS}.
 */
public final class UserReport {

  /** One part of the report. */
  @FunctionalInterface
  public interface Section {
    /** Appends the section, its heading first, each line ending in a newline. */
    void appendTo(StringBuilder text, UserView view);
  }

  /** The sections, in the order printed. */
  public static final List<Section> SECTIONS =
      List.of(UserReport::account, UserReport::budget, UserReport::lock, UserReport::devices);

  private UserReport() {}

  /** The whole report, sections separated by a blank line, without a trailing newline. */
  public static String text(UserView view) {
    StringBuilder text = new StringBuilder();
    for (Section section : SECTIONS) {
      if (!text.isEmpty()) {
        text.append('\n');
      }
      section.appendTo(text, view);
    }
    return text.toString().stripTrailing();
  }

  static void account(StringBuilder text, UserView view) {
    text.append("User ")
        .append(view.shownAs())
        .append(" in ")
        .append(view.target().userPoolId())
        .append('\n');
    line(text, "sub", view.sub());
    line(text, "status", view.status() + (view.enabled() ? ", enabled" : ", disabled"));
  }

  static void budget(StringBuilder text, UserView view) {
    OperatorSettings settings = view.target().settings();
    text.append("Code-email budget (table ")
        .append(view.target().budgetTable())
        .append("; at most ")
        .append(view.limits().maxPerHour())
        .append(" an hour and ")
        .append(view.limits().maxPerDay())
        .append(" a day, from ")
        .append(
            sources(
                settings.source(Setting.MAX_CODE_EMAILS_PER_HOUR.parameter()),
                settings.source(Setting.MAX_CODE_EMAILS_PER_DAY.parameter())))
        .append(")\n");
    BudgetUsage budget = view.budget();
    line(
        text,
        "this hour",
        budget.hourEmails()
            + " of "
            + view.limits().maxPerHour()
            + " code emails sent; the hour resets at "
            + budget.hourResetsAt());
    line(
        text,
        "today",
        budget.dayEmails()
            + " of "
            + view.limits().maxPerDay()
            + " code emails sent; the day (UTC) resets at "
            + budget.dayResetsAt());
    if (budget.refusal().isPresent()) {
      BudgetSpend refusal = budget.refusal().get();
      line(
          text,
          "next code",
          "refused until "
              + refusal.allowedAgainAt()
              + " ("
              + Setting.valueOf(refusal.limit()).parameter()
              + " reached; --reset-budget clears it)");
    } else {
      line(text, "next code", "may be sent");
    }
  }

  static void lock(StringBuilder text, UserView view) {
    OperatorSettings settings = view.target().settings();
    text.append("Wrong codes and lock (table ")
        .append(view.target().lockTable())
        .append("; locks at ")
        .append(settings.number(Setting.MAX_CONSECUTIVE_WRONG_CODES))
        .append(" consecutive wrong codes, from ")
        .append(settings.source(Setting.MAX_CONSECUTIVE_WRONG_CODES.parameter()).words())
        .append(")\n");
    LockState lock = view.lock();
    line(text, "wrong codes", lock.wrongCodes() + " in a row since the last correct code");
    line(
        text,
        "locked",
        lock.lockedAt()
            .map(since -> "yes, since " + since + " (--unlock, or a password reset, unlocks)")
            .orElse("no"));
  }

  /**
   * The user's trusted devices: each one's id, name and times, expired ones (not yet deleted by
   * TTL) shown as expired; never a key. One line when the stack has none.
   */
  static void devices(StringBuilder text, UserView view) {
    UserDevices devices = view.devices();
    if (!devices.on()) {
      text.append("Trusted devices: off (").append(devices.offBecause()).append(")\n");
      return;
    }
    OperatorSettings settings = view.target().settings();
    text.append("Trusted devices (table ").append(devices.table().orElseThrow());
    if (settings.source(Setting.TRUSTED_DEVICE_DAYS.parameter()) == OperatorSettings.Source.STACK) {
      text.append("; each trusted for ")
          .append(settings.number(Setting.TRUSTED_DEVICE_DAYS))
          .append(" days after it registers, from the stack's parameters");
    }
    text.append("; at most ").append(TrustedDevices.MAX_PER_USER).append(" a user)\n");
    long trusted = devices.trusted();
    long expired = devices.devices().size() - trusted;
    line(
        text,
        "devices",
        devices.devices().isEmpty()
            ? "none"
            : trusted
                + " trusted"
                + (expired == 0
                    ? ""
                    : ", "
                        + expired
                        + " expired (no longer trusted; DynamoDB's TTL deletes the item within"
                        + " days)")
                + "; --remove-device <id> or --remove-all-devices removes them");
    for (UserDevices.Shown device : devices.devices()) {
      line(text, "device", device.deviceId());
      deviceLine(text, "name", UserDevices.quoted(device.name()));
      deviceLine(text, "registered", device.createdAt().toString());
      deviceLine(text, "last used", device.lastUsedAt().toString());
      deviceLine(
          text,
          device.trustedAt(devices.readAt()) ? "expires" : "expired",
          device.expiresAt()
              + (device.trustedAt(devices.readAt())
                  ? " (trusted until then)"
                  : " (no longer trusted)"));
    }
  }

  private static String sources(OperatorSettings.Source hour, OperatorSettings.Source day) {
    return hour == day
        ? hour.words()
        : hour.words() + " (per hour) and " + day.words() + " (per day)";
  }

  private static void line(StringBuilder text, String label, String value) {
    text.append(String.format("  %-12s %s%n", label, value));
  }

  /** A line under a device, indented one step more, its value in the same column. */
  private static void deviceLine(StringBuilder text, String label, String value) {
    text.append(String.format("    %-10s %s%n", label, value));
  }
}
