package io.github.cognitoemailotp.client.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cognitoemailotp.layer.budget.BudgetWindows;
import io.github.cognitoemailotp.layer.budget.CodeEmailLimits;
import io.github.cognitoemailotp.layer.device.TrustedDevice;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code user} command's text, one section per part of the state. */
class UserReportTest {

  static final Instant NOW = Instant.parse("2026-12-03T04:20:00Z");
  static final CodeEmailLimits LIMITS = new CodeEmailLimits(10, 30);

  static final String SUB = "0b5e9f1c-1111-4222-8333-444455556666";
  static final String LAPTOP = "kq0vYQ4w9bJtHc2fVnE7sL1xPuRgAoZmD3yKiT8eW5_";
  static final String PHONE = "Zr-3pXc9WqLmN2bV7tHyK4sDfJ1gUoEa6iC0wR8vBn5";
  static final String PUBLIC_KEY = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE-the-public-key";

  static UserView view(OperatorSettings settings, BudgetUsage budget, LockState lock) {
    return view(settings, budget, lock, UserDevices.off("no --device-table given", NOW));
  }

  static UserView view(
      OperatorSettings settings, BudgetUsage budget, LockState lock, UserDevices devices) {
    return new UserView(
        "alice",
        SUB,
        "CONFIRMED",
        true,
        new UserTarget("us-east-1_Pool", "BudgetTable", "LockTable", devices.table(), settings),
        LIMITS,
        budget,
        lock,
        devices);
  }

  static TrustedDevice device(String id, String name, Instant createdAt, Instant expiresAt) {
    return new TrustedDevice(
        SUB, id, PUBLIC_KEY, name, createdAt, createdAt.plusSeconds(60), expiresAt);
  }

  static String devicesSection(UserView view) {
    StringBuilder text = new StringBuilder();
    UserReport.devices(text, view);
    return text.toString();
  }

  static UserView withDevices(UserDevices devices, OperatorSettings settings) {
    return view(settings, BudgetUsage.of(Optional.empty(), LIMITS, NOW), LockState.NONE, devices);
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
              locked       yes, since 2026-12-03T04:02:00Z (--unlock, or a password reset, unlocks)

            Trusted devices: off (no --device-table given)""");
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
  void eachDeviceShowsItsIdNameAndTimesAndAnExpiredOneIsShownAsExpiredNeverTheKey() {
    UserDevices devices =
        UserDevices.listed(
            "s-TrustedDeviceTable-Z",
            List.of(
                device(
                    PHONE,
                    "old phone",
                    Instant.parse("2026-10-01T08:00:00Z"),
                    Instant.parse("2026-10-31T08:00:00Z")),
                device(
                    LAPTOP,
                    "Work laptop",
                    Instant.parse("2026-12-01T09:30:00Z"),
                    Instant.parse("2026-12-31T09:30:00Z"))),
            NOW);
    OperatorSettings settings =
        OperatorSettings.of(Map.of("TrustedDeviceDays", "30"), OperatorSettings.Source.STACK);

    assertThat(devicesSection(withDevices(devices, settings)))
        .isEqualTo(
            """
            Trusted devices (table s-TrustedDeviceTable-Z; each trusted for 30 days after it registers, from the stack's parameters; at most 10 a user)
              devices      1 trusted, 1 expired (no longer trusted; DynamoDB's TTL deletes the item within days); --remove-device <id> or --remove-all-devices removes them
              device       Zr-3pXc9WqLmN2bV7tHyK4sDfJ1gUoEa6iC0wR8vBn5
                name       "old phone"
                registered 2026-10-01T08:00:00Z
                last used  2026-10-01T08:01:00Z
                expired    2026-10-31T08:00:00Z (no longer trusted)
              device       kq0vYQ4w9bJtHc2fVnE7sL1xPuRgAoZmD3yKiT8eW5_
                name       "Work laptop"
                registered 2026-12-01T09:30:00Z
                last used  2026-12-01T09:31:00Z
                expires    2026-12-31T09:30:00Z (trusted until then)
            """);
    assertThat(UserReport.text(withDevices(devices, settings))).doesNotContain(PUBLIC_KEY);
  }

  @Test
  void aDeviceExpiringThisSecondIsNoLongerTrusted() {
    UserDevices devices =
        UserDevices.listed(
            "T", List.of(device(LAPTOP, "laptop", NOW.minusSeconds(86400), NOW)), NOW);

    assertThat(
            devicesSection(
                withDevices(
                    devices, OperatorSettings.of(Map.of(), OperatorSettings.Source.OPTION))))
        .contains("  devices      0 trusted, 1 expired")
        .contains("    expired    " + NOW + " (no longer trusted)");
  }

  @Test
  void aUserWithoutDevicesHasNoneAndTheDaysAreNotClaimedWithoutTheStack() {
    UserDevices devices = UserDevices.listed("DeviceTable", List.of(), NOW);

    assertThat(
            devicesSection(
                withDevices(
                    devices, OperatorSettings.of(Map.of(), OperatorSettings.Source.OPTION))))
        .isEqualTo(
            """
            Trusted devices (table DeviceTable; at most 10 a user)
              devices      none
            """);
  }

  @ParameterizedTest
  @ValueSource(strings = {"the stack's TrustedDeviceDays is 0", "no --device-table given"})
  void devicesOffIsOneLineSayingWhy(String because) {
    assertThat(
            devicesSection(
                withDevices(
                    UserDevices.off(because, NOW),
                    OperatorSettings.of(Map.of(), OperatorSettings.Source.STACK))))
        .isEqualTo("Trusted devices: off (" + because + ")\n");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Work laptop|\"Work laptop\"",
        "say \"hi\"|\"say \\\"hi\\\"\"",
        "a\\b|\"a\\\\b\"",
      })
  void aNameIsQuotedWithQuotesAndBackslashesEscaped(String name, String shown) {
    assertThat(UserDevices.quoted(name)).isEqualTo(shown);
  }

  @Test
  void aNameCannotMoveTheCursorOrFakeALine() {
    assertThat(UserDevices.quoted("x\u001b[2J\nlocked       no\u202e"))
        .isEqualTo("\"x\\u001b[2J\\u000alocked       no\\u202e\"");
  }

  @Test
  void everySectionHasAHeadingAndIndentedLines() {
    String text =
        UserReport.text(
            view(
                OperatorSettings.of(Map.of(), OperatorSettings.Source.OPTION),
                BudgetUsage.of(Optional.empty(), LIMITS, NOW),
                LockState.NONE,
                UserDevices.listed(
                    "T",
                    List.of(device(LAPTOP, "laptop", NOW.minusSeconds(60), NOW.plusSeconds(86400))),
                    NOW)));

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
