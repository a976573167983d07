package io.github.cognitoemailotp.client.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cognitoemailotp.layer.BudgetWindows;
import io.github.cognitoemailotp.layer.CodeEmailLimits;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code user} command's text, one section per part of the state. */
class UserReportTest {

  static final Instant NOW = Instant.parse("2026-12-03T04:20:00Z");
  static final CodeEmailLimits LIMITS = new CodeEmailLimits(10, 30);

  static UserView view(OperatorSettings settings, BudgetUsage budget, LockState lock) {
    return new UserView(
        "alice",
        "0b5e9f1c-1111-4222-8333-444455556666",
        "CONFIRMED",
        true,
        new UserTarget("us-east-1_Pool", "BudgetTable", "LockTable", settings),
        LIMITS,
        budget,
        lock);
  }

  @Test
  void aLockedUserWithASpentHourShowsEachPartAndWhereTheLimitsCameFrom() {
    BudgetUsage budget =
        BudgetUsage.of(
            Optional.of(
                new BudgetWindows.Counts(
                    BudgetWindows.hourStart(NOW), 10, BudgetWindows.dayStart(NOW), 14)),
            LIMITS,
            NOW);
    OperatorSettings settings =
        OperatorSettings.of(
            Map.of(
                "MaxCodeEmailsPerHour",
                "10",
                "MaxCodeEmailsPerDay",
                "30",
                "MaxConsecutiveWrongCodes",
                "10"),
            OperatorSettings.Source.STACK);

    String text =
        UserReport.text(
            view(
                settings,
                budget,
                new LockState(10, Optional.of(Instant.parse("2026-12-03T04:02:00Z")))));

    assertThat(text)
        .isEqualTo(
            """
            User alice in us-east-1_Pool
              sub          0b5e9f1c-1111-4222-8333-444455556666
              status       CONFIRMED, enabled

            Code-email budget (table BudgetTable; at most 10 an hour and 30 a day, from the stack's parameters)
              this hour    10 of 10 code emails sent; the hour resets at 2026-12-03T05:00:00Z
              today        14 of 30 code emails sent; the day (UTC) resets at 2026-12-04T00:00:00Z
              next code    refused until 2026-12-03T05:00:00Z (MaxCodeEmailsPerHour reached; --reset-budget clears it)

            Wrong codes and lock (table LockTable; locks at 10 consecutive wrong codes, from the stack's parameters)
              wrong codes  10 in a row since the last correct code
              locked       yes, since 2026-12-03T04:02:00Z (--unlock, or a password reset, unlocks)""");
  }

  @Test
  void aUserWithNoItemsIsNothingSpentAndNotLocked() {
    String text =
        UserReport.text(
            view(
                OperatorSettings.of(
                    Map.of("MaxConsecutiveWrongCodes", "5"), OperatorSettings.Source.OPTION),
                BudgetUsage.of(Optional.empty(), LIMITS, NOW),
                LockState.NONE));

    assertThat(text)
        .contains("at most 10 an hour and 30 a day, from the template's defaults)")
        .contains("0 of 10 code emails sent")
        .contains("next code    may be sent")
        .contains("locks at 5 consecutive wrong codes, from the command's options")
        .contains("wrong codes  0 in a row")
        .contains("locked       no");
  }

  @Test
  void everySectionHasAHeadingAndIndentedLines() {
    String text =
        UserReport.text(
            view(
                OperatorSettings.of(Map.of(), OperatorSettings.Source.OPTION),
                BudgetUsage.of(Optional.empty(), LIMITS, NOW),
                LockState.NONE));

    assertThat(text.split("\n\n")).hasSize(UserReport.SECTIONS.size());
    for (String section : text.split("\n\n")) {
      String[] lines = section.split("\n");
      assertThat(lines[0]).doesNotStartWith(" ");
      for (int i = 1; i < lines.length; i++) {
        assertThat(lines[i]).startsWith("  ");
      }
    }
  }
}
