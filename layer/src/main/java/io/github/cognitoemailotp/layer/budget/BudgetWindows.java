package io.github.cognitoemailotp.layer.budget;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The budget arithmetic, without I/O: fixed windows of one clock hour and one day (UTC), the counts
 * a store keeps for them, and which conditional write spends the next email.
 *
 * <p>Fixed windows, not sliding ones, so that one email is one atomic conditional update of one
 * item. The cost: up to twice a window's budget can be sent around a window's edge (the last
 * minutes of one hour and the first of the next). docs/security.md counts that.
 */
public final class BudgetWindows {

  public static final Duration HOUR = Duration.ofHours(1);
  public static final Duration DAY = Duration.ofDays(1);

  private BudgetWindows() {}

  /**
   * What a store keeps for one user: the windows its counts belong to (epoch seconds of their
   * start) and the emails counted in each.
   */
  public record Counts(long hourStart, int hourEmails, long dayStart, int dayEmails) {}

  /** Which write spends the next email, given what is stored. */
  public enum Write {
    /** Both stored windows are the current ones: add one to each count. */
    ADD_TO_BOTH,
    /** The stored day is current, the hour is not: start the hour at one, add one to the day. */
    START_HOUR,
    /** Nothing is stored, or the stored day is over: start both windows at one. */
    START_DAY,
    /** A current window's count is at its limit: no write, no email. */
    NONE
  }

  /** The start of the clock hour (UTC) holding {@code now}, in epoch seconds. */
  public static long hourStart(Instant now) {
    return Math.floorDiv(now.getEpochSecond(), HOUR.toSeconds()) * HOUR.toSeconds();
  }

  /** The start of the day (UTC) holding {@code now}, in epoch seconds. */
  public static long dayStart(Instant now) {
    return Math.floorDiv(now.getEpochSecond(), DAY.toSeconds()) * DAY.toSeconds();
  }

  /**
   * When the item written at {@code now} is of no more use (its day is over), in epoch seconds: the
   * value of its TTL attribute.
   */
  public static long expiresAt(Instant now) {
    return dayStart(now) + DAY.toSeconds();
  }

  /** Which write spends the next email at {@code now}, given {@code stored}. */
  public static Write next(Optional<Counts> stored, CodeEmailLimits limits, Instant now) {
    if (stored.isEmpty() || stored.get().dayStart() < dayStart(now)) {
      return Write.START_DAY;
    }
    Counts counts = stored.get();
    if (counts.dayStart() > dayStart(now) || counts.hourStart() > hourStart(now)) {
      // Written by a clock ahead of ours: refuse rather than reset a window still in use.
      return Write.NONE;
    }
    if (counts.dayEmails() >= limits.maxPerDay()) {
      return Write.NONE;
    }
    if (counts.hourStart() < hourStart(now)) {
      return Write.START_HOUR;
    }
    return counts.hourEmails() >= limits.maxPerHour() ? Write.NONE : Write.ADD_TO_BOTH;
  }

  /** Why {@link #next} said {@link Write#NONE}: which limit, and when an email is allowed again. */
  public static BudgetSpend refusal(Counts counts, CodeEmailLimits limits, Instant now) {
    if (counts.dayStart() >= dayStart(now) && counts.dayEmails() >= limits.maxPerDay()) {
      return BudgetSpend.refuse(
          Instant.ofEpochSecond(dayStart(now) + DAY.toSeconds()), "MAX_CODE_EMAILS_PER_DAY");
    }
    long nextHour = Math.max(hourStart(now), counts.hourStart()) + HOUR.toSeconds();
    return BudgetSpend.refuse(Instant.ofEpochSecond(nextHour), "MAX_CODE_EMAILS_PER_HOUR");
  }
}
