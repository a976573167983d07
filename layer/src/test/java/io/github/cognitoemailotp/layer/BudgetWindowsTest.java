package io.github.cognitoemailotp.layer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cognitoemailotp.layer.budget.BudgetSpend;
import io.github.cognitoemailotp.layer.budget.BudgetWindows;
import io.github.cognitoemailotp.layer.budget.CodeEmailLimits;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The budget's windows and which write spends the next email, with times the test chooses. */
class BudgetWindowsTest {

  static final CodeEmailLimits LIMITS = new CodeEmailLimits(4, 6);

  /** 2026-12-01T10:00:00Z, the start of an hour. */
  static final Instant TEN = Instant.parse("2026-12-01T10:00:00Z");

  static final long HOUR = TEN.getEpochSecond();
  static final long DAY = Instant.parse("2026-12-01T00:00:00Z").getEpochSecond();

  static BudgetWindows.Write next(BudgetWindows.Counts counts, Instant now) {
    return BudgetWindows.next(Optional.of(counts), LIMITS, now);
  }

  @ParameterizedTest
  @CsvSource({
    "2026-12-01T10:00:00Z, 2026-12-01T10:00:00Z, 2026-12-01T00:00:00Z",
    "2026-12-01T10:59:59.999Z, 2026-12-01T10:00:00Z, 2026-12-01T00:00:00Z",
    "2026-12-01T23:59:59Z, 2026-12-01T23:00:00Z, 2026-12-01T00:00:00Z",
    "2026-12-02T00:00:00Z, 2026-12-02T00:00:00Z, 2026-12-02T00:00:00Z",
    "1969-12-31T23:30:00Z, 1969-12-31T23:00:00Z, 1969-12-31T00:00:00Z"
  })
  void windowsAreClockHoursAndUtcDays(Instant now, Instant hour, Instant day) {
    assertThat(BudgetWindows.hourStart(now)).isEqualTo(hour.getEpochSecond());
    assertThat(BudgetWindows.dayStart(now)).isEqualTo(day.getEpochSecond());
    assertThat(BudgetWindows.expiresAt(now)).isEqualTo(day.getEpochSecond() + 86_400);
  }

  @Test
  void nothingStoredStartsBothWindows() {
    assertThat(BudgetWindows.next(Optional.empty(), LIMITS, TEN))
        .isEqualTo(BudgetWindows.Write.START_DAY);
  }

  @Test
  void currentWindowsUnderTheirLimitsAddOne() {
    assertThat(next(new BudgetWindows.Counts(HOUR, 3, DAY, 5), TEN.plusSeconds(3599)))
        .isEqualTo(BudgetWindows.Write.ADD_TO_BOTH);
  }

  @Test
  void hourAtItsLimitRefusesUntilTheNextHour() {
    BudgetWindows.Counts counts = new BudgetWindows.Counts(HOUR, 4, DAY, 4);
    assertThat(next(counts, TEN.plusSeconds(3599))).isEqualTo(BudgetWindows.Write.NONE);
    assertThat(BudgetWindows.refusal(counts, LIMITS, TEN.plusSeconds(1200)))
        .isEqualTo(
            BudgetSpend.refuse(Instant.parse("2026-12-01T11:00:00Z"), "MAX_CODE_EMAILS_PER_HOUR"));
  }

  @Test
  void aNewHourStartsItsCountAgainWhileTheDayGoesOn() {
    assertThat(next(new BudgetWindows.Counts(HOUR, 4, DAY, 4), TEN.plusSeconds(3600)))
        .isEqualTo(BudgetWindows.Write.START_HOUR);
  }

  @Test
  void dayAtItsLimitRefusesEvenInANewHourUntilMidnight() {
    BudgetWindows.Counts counts = new BudgetWindows.Counts(HOUR, 2, DAY, 6);
    assertThat(next(counts, TEN.plusSeconds(1))).isEqualTo(BudgetWindows.Write.NONE);
    assertThat(next(counts, TEN.plusSeconds(7200))).isEqualTo(BudgetWindows.Write.NONE);
    assertThat(BudgetWindows.refusal(counts, LIMITS, TEN.plusSeconds(7200)))
        .isEqualTo(
            BudgetSpend.refuse(Instant.parse("2026-12-02T00:00:00Z"), "MAX_CODE_EMAILS_PER_DAY"));
  }

  @Test
  void aNewDayStartsBothCountsAgain() {
    Instant midnight = Instant.parse("2026-12-02T00:00:00Z");
    BudgetWindows.Counts spent = new BudgetWindows.Counts(DAY + 23 * 3600, 4, DAY, 6);
    assertThat(next(spent, midnight.minusMillis(1))).isEqualTo(BudgetWindows.Write.NONE);
    assertThat(next(spent, midnight)).isEqualTo(BudgetWindows.Write.START_DAY);
  }

  @Test
  void countsWrittenByAClockAheadOfOursRefuseRatherThanReset() {
    assertThat(next(new BudgetWindows.Counts(HOUR + 3600, 1, DAY, 1), TEN.plusSeconds(3599)))
        .isEqualTo(BudgetWindows.Write.NONE);
    assertThat(next(new BudgetWindows.Counts(HOUR + 86_400, 1, DAY + 86_400, 1), TEN))
        .isEqualTo(BudgetWindows.Write.NONE);
    assertThat(
            BudgetWindows.refusal(
                new BudgetWindows.Counts(HOUR + 3600, 1, DAY, 1), LIMITS, TEN.plusSeconds(3599)))
        .isEqualTo(
            BudgetSpend.refuse(Instant.parse("2026-12-01T12:00:00Z"), "MAX_CODE_EMAILS_PER_HOUR"));
  }

  @Test
  void aRefusalSaysWhenToTryAgainInWholeMinutes() {
    BudgetSpend refusal =
        BudgetSpend.refuse(Instant.parse("2026-12-01T11:00:00Z"), "MAX_CODE_EMAILS_PER_HOUR");
    assertThat(refusal.minutesToWait(TEN.plusSeconds(1200))).isEqualTo(40);
    assertThat(refusal.minutesToWait(TEN.plusSeconds(3599))).isEqualTo(1);
    assertThat(refusal.minutesToWait(TEN.plusSeconds(3541))).isEqualTo(1);
    assertThat(refusal.minutesToWait(TEN.plusSeconds(3539))).isEqualTo(2);
    assertThat(refusal.minutesToWait(TEN.plusSeconds(4000))).isEqualTo(1);
    assertThat(refusal.message(TEN.plusSeconds(1200)))
        .isEqualTo(
            "Too many sign-in codes were sent to this account. Try again after"
                + " 2026-12-01T11:00:00Z (in 40 minutes).");
    assertThat(refusal.message(TEN.plusSeconds(3590))).endsWith("(in 1 minute).");
  }

  @Test
  void limitsAreOneAtLeast() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CodeEmailLimits(0, 1))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CodeEmailLimits(1, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(BudgetSpend.grant().granted()).isTrue();
  }

  @Test
  void theMemoryStoreSpendsExactlyTheBudgetAcrossHoursAndDays() {
    MemoryBudget budget = new MemoryBudget(LIMITS);
    int granted = 0;
    for (int minute = 0; minute < 48 * 60; minute += 5) {
      if (budget.spend("sub-1", TEN.plusSeconds(minute * 60L)).granted()) {
        granted++;
      }
    }
    // Two days from 10:00: 6 on the first day, 6 on the second, 6 on the third day's first
    // hours up to 10:00; never more than 4 in any clock hour.
    assertThat(granted).isEqualTo(18);
  }
}
