package io.github.cognitoemailotp.client.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cognitoemailotp.layer.budget.BudgetWindows;
import io.github.cognitoemailotp.layer.budget.CodeEmailLimits;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A budget item read at a moment: what is spent now, when it resets, whether the next is refused.
 */
class BudgetUsageTest {

  static final CodeEmailLimits LIMITS = new CodeEmailLimits(10, 30);

  /** 2026-12-03T04:20:00Z. */
  static final Instant NOW = Instant.parse("2026-12-03T04:20:00Z");

  static final long HOUR = BudgetWindows.hourStart(NOW);
  static final long DAY = BudgetWindows.dayStart(NOW);

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // case | hourStart offset (hours) | hourEmails | dayStart offset (days) | dayEmails
        //      | spent this hour | spent today | refused until
        "both windows current      |  0 |  3 |  0 | 12 |  3 | 12 | ",
        "an earlier hour, same day | -2 |  9 |  0 | 12 |  0 | 12 | ",
        "yesterday                 | -8 |  9 | -1 | 30 |  0 |  0 | ",
        "the hour's limit reached  |  0 | 10 |  0 | 12 | 10 | 12 | 2026-12-03T05:00:00Z",
        "the day's limit reached   | -1 |  2 |  0 | 30 |  0 | 30 | 2026-12-04T00:00:00Z",
      })
  void spentNowCountsOnlyTheCurrentWindows(
      String name,
      int hourOffset,
      int hourEmails,
      int dayOffset,
      int dayEmails,
      int spentThisHour,
      int spentToday,
      String refusedUntil) {
    BudgetWindows.Counts stored =
        new BudgetWindows.Counts(
            HOUR + hourOffset * 3600L, hourEmails, DAY + dayOffset * 86400L, dayEmails);

    BudgetUsage usage = BudgetUsage.of(Optional.of(stored), LIMITS, NOW);

    assertThat(usage.hourEmails()).isEqualTo(spentThisHour);
    assertThat(usage.dayEmails()).isEqualTo(spentToday);
    assertThat(usage.hourResetsAt()).isEqualTo(Instant.parse("2026-12-03T05:00:00Z"));
    assertThat(usage.dayResetsAt()).isEqualTo(Instant.parse("2026-12-04T00:00:00Z"));
    assertThat(usage.refusal().map(r -> r.allowedAgainAt().toString()).orElse(null))
        .isEqualTo(refusedUntil);
  }

  @org.junit.jupiter.api.Test
  void noItemIsNothingSpentAndNothingRefused() {
    BudgetUsage usage = BudgetUsage.of(Optional.empty(), LIMITS, NOW);

    assertThat(usage.hourEmails()).isZero();
    assertThat(usage.dayEmails()).isZero();
    assertThat(usage.refusal()).isEmpty();
  }
}
