package io.github.cognitoemailotp.client.user;

import io.github.cognitoemailotp.layer.budget.BudgetSpend;
import io.github.cognitoemailotp.layer.budget.BudgetWindows;
import io.github.cognitoemailotp.layer.budget.CodeEmailLimits;
import java.time.Instant;
import java.util.Optional;

/**
 * What a user's budget item means at a moment: the code emails spent in the current hour and day (a
 * stored window that is over counts nothing), when each window resets, and whether the next email
 * would be refused. The arithmetic is the layer's {@link BudgetWindows}, the one Create spends
 * with, so the command and the function cannot disagree.
 *
 * @param hourEmails code emails sent this clock hour (UTC)
 * @param dayEmails code emails sent this day (UTC)
 * @param hourResetsAt when this hour's count starts again from zero
 * @param dayResetsAt when this day's count starts again from zero
 * @param refusal when the next code email would be refused, which limit and until when
 */
public record BudgetUsage(
    int hourEmails,
    int dayEmails,
    Instant hourResetsAt,
    Instant dayResetsAt,
    Optional<BudgetSpend> refusal) {

  /** The usage of {@code stored} (empty: no item) at {@code now}. */
  public static BudgetUsage of(
      Optional<BudgetWindows.Counts> stored, CodeEmailLimits limits, Instant now) {
    long hourStart = BudgetWindows.hourStart(now);
    long dayStart = BudgetWindows.dayStart(now);
    int hourEmails = 0;
    int dayEmails = 0;
    if (stored.isPresent()) {
      BudgetWindows.Counts counts = stored.get();
      // A window stored ahead of this clock is still in use for Create (it refuses): count it.
      hourEmails = counts.hourStart() >= hourStart ? counts.hourEmails() : 0;
      dayEmails = counts.dayStart() >= dayStart ? counts.dayEmails() : 0;
    }
    Optional<BudgetSpend> refusal =
        BudgetWindows.next(stored, limits, now) == BudgetWindows.Write.NONE
            ? Optional.of(BudgetWindows.refusal(stored.orElseThrow(), limits, now))
            : Optional.empty();
    return new BudgetUsage(
        hourEmails,
        dayEmails,
        Instant.ofEpochSecond(hourStart + BudgetWindows.HOUR.toSeconds()),
        Instant.ofEpochSecond(dayStart + BudgetWindows.DAY.toSeconds()),
        refusal);
  }
}
