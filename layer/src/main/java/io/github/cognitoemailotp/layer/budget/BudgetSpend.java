package io.github.cognitoemailotp.layer.budget;

import io.github.cognitoemailotp.layer.metrics.Metric;
import java.time.Duration;
import java.time.Instant;

/**
 * The answer of a {@link CodeEmailBudget}: one email spent, or refused until a time.
 *
 * @param granted whether an email may be sent
 * @param allowedAgainAt when refused, the start of the window in which one may be sent again
 * @param limit when refused, which limit was reached ({@code MAX_CODE_EMAILS_PER_HOUR} or {@code
 *     MAX_CODE_EMAILS_PER_DAY}); empty when granted
 */
public record BudgetSpend(boolean granted, Instant allowedAgainAt, String limit) {

  private static final BudgetSpend GRANTED = new BudgetSpend(true, Instant.EPOCH, "");

  public static BudgetSpend grant() {
    return GRANTED;
  }

  public static BudgetSpend refuse(Instant allowedAgainAt, String limit) {
    return new BudgetSpend(false, allowedAgainAt, limit);
  }

  /**
   * The {@code Budget} dimension of {@link Metric#CODE_EMAILS_REFUSED}: {@code Hour} or {@code
   * Day}.
   */
  public String budgetName() {
    return limit.endsWith("PER_DAY") ? "Day" : "Hour";
  }

  /** Whole minutes from {@code now} until {@link #allowedAgainAt()}, rounded up, at least 1. */
  public long minutesToWait(Instant now) {
    long seconds = Math.max(0, Duration.between(now, allowedAgainAt).toSeconds());
    return Math.max(1, (seconds + 59) / 60);
  }

  /** What the app can show when a budget refused a code: too many codes, and when to try again. */
  public String message(Instant now) {
    return "Too many sign-in codes were sent to this account. Try again after "
        + allowedAgainAt
        + " (in "
        + minutesToWait(now)
        + (minutesToWait(now) == 1 ? " minute)." : " minutes).");
  }
}
