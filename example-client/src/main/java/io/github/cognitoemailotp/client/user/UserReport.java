package io.github.cognitoemailotp.client.user;

import io.github.cognitoemailotp.layer.BudgetSpend;
import io.github.cognitoemailotp.layer.Setting;
import java.util.List;

/**
 * The {@code user} command's text: one section per part of a user's state, each a heading line and
 * indented {@code label value} lines. A new part of the state is one more {@link Section} in {@link
 * #SECTIONS} (trusted devices, issue 24, go after the lock).
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
      List.of(UserReport::account, UserReport::budget, UserReport::lock);

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

  private static String sources(OperatorSettings.Source hour, OperatorSettings.Source day) {
    return hour == day
        ? hour.words()
        : hour.words() + " (per hour) and " + day.words() + " (per day)";
  }

  private static void line(StringBuilder text, String label, String value) {
    text.append(String.format("  %-12s %s%n", label, value));
  }
}
