package io.github.cognitoemailotp.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code example-client user}'s arguments: what is refused before any AWS call, with a usage
 * message and exit code 2. (Against the local stack: local-cognito's UserCommandEndToEndTest.)
 */
class UserCommandTest {

  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  int run(String... args) {
    ExampleClient client =
        new ExampleClient(
            Map.of(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            new BufferedReader(new StringReader("")),
            null);
    return ExampleClient.run(client, args);
  }

  String errors() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void withoutUsernameItIsAUsageError() {
    assertThat(run("user", "--stack-name", "s")).isEqualTo(ExitCode.USAGE.code());
    assertThat(errors())
        .contains("Missing required option: give '--username=<username>' or '--sub=<sub>'")
        .contains("Usage: example-client user");
  }

  @Test
  void withoutStackOrPoolAndTablesItSaysWhatIsMissing() {
    assertThat(run("user", "--username", "u", "--pool-id", "us-east-1_Abc"))
        .isEqualTo(ExitCode.USAGE.code());
    assertThat(errors())
        .contains(
            "Give --stack-name, or --pool-id with --budget-table and --lock-table; missing:"
                + " '--budget-table=<budgetTable>', '--lock-table=<lockTable>'")
        .contains("Usage: example-client user");
  }

  @Test
  void usernameAndSubTogetherAreAUsageError() {
    assertThat(
            run(
                "user",
                "--stack-name",
                "s",
                "--username",
                "u",
                "--sub",
                "0b5e9f1c-1111-4222-8333-444455556666"))
        .isEqualTo(ExitCode.USAGE.code());
    assertThat(errors()).contains("Give --username or --sub, not both");
  }

  @Test
  void aSubThatIsNotAUuidIsAUsageError() {
    assertThat(run("user", "--stack-name", "s", "--sub", "x\" or sub ^= \""))
        .isEqualTo(ExitCode.USAGE.code());
    assertThat(errors()).contains("is not a sub: Cognito's subs are UUIDs");
  }

  @Test
  void stackNameWithTablesIsAUsageError() {
    assertThat(run("user", "--username", "u", "--stack-name", "s", "--lock-table", "t"))
        .isEqualTo(ExitCode.USAGE.code());
    assertThat(errors()).contains("--stack-name reads the pool and the tables from the stack");
  }

  @Test
  void stackNameWithALimitIsAUsageError() {
    assertThat(
            run("user", "--username", "u", "--stack-name", "s", "--max-code-emails-per-day", "9"))
        .isEqualTo(ExitCode.USAGE.code());
    assertThat(errors()).contains("reads the limits and the metrics namespace from the stack");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--max-code-emails-per-hour|0|MaxCodeEmailsPerHour is \"0\" (from the command's options);"
            + " it must be a whole number from 1 to 100",
        "--max-code-emails-per-day|lots|MaxCodeEmailsPerDay is \"lots\" (from the command's"
            + " options); it must be a whole number from 1 to 1000",
        "--max-consecutive-wrong-codes|2|MaxConsecutiveWrongCodes is \"2\" (from the command's"
            + " options); it must be a whole number from 3 to 100",
        "--metrics-namespace|AWS/Cognito|it must be a CloudWatch namespace"
      })
  void aSettingOutOfItsRangeIsAUsageErrorBeforeAnyCall(
      String option, String value, String message) {
    int exit =
        run(
            "user",
            "--username",
            "u",
            "--pool-id",
            "us-east-1_Abc",
            "--budget-table",
            "b",
            "--lock-table",
            "l",
            option,
            value);
    assertThat(exit).isEqualTo(ExitCode.USAGE.code());
    assertThat(errors()).contains(message);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void stackNameWithoutRegionIsAUsageError() {
    assertThat(run("user", "--username", "u", "--stack-name", "s"))
        .isEqualTo(ExitCode.USAGE.code());
    assertThat(errors()).contains("Give --region (or set AWS_REGION) with --stack-name.");
  }

  @Test
  void helpListsTheUserCommandsChanges() {
    assertThat(run("user", "--help")).isEqualTo(ExitCode.SUCCESS.code());
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains(
            "--unlock",
            "--reset-budget",
            "--remove-device",
            "--remove-all-devices",
            "--device-table",
            "--stack-name",
            "UserLockTableName",
            "TrustedDeviceTableName");
  }

  static final String DEVICE_ID = "kq0vYQ4w9bJtHc2fVnE7sL1xPuRgAoZmD3yKiT8eW5_";

  int runWithTables(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "user",
                "--username",
                "u",
                "--pool-id",
                "us-east-1_Abc",
                "--budget-table",
                "b",
                "--lock-table",
                "l"));
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }

  @Test
  void stackNameWithADeviceTableIsAUsageError() {
    assertThat(run("user", "--username", "u", "--stack-name", "s", "--device-table", "t"))
        .isEqualTo(ExitCode.USAGE.code());
    assertThat(errors())
        .contains("give it without --pool-id, --budget-table, --lock-table and --device-table");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"--remove-device|" + DEVICE_ID, "--remove-all-devices|"})
  void removingDevicesWithoutTheDeviceTableIsAUsageErrorBeforeAnyCall(String option, String value) {
    int exit = value == null ? runWithTables(option) : runWithTables(option, value);

    assertThat(exit).isEqualTo(ExitCode.USAGE.code());
    assertThat(errors())
        .contains(
            option + " needs the trusted-device table: give --device-table (or --stack-name)");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "laptop",
        "kq0vYQ4w9bJtHc2fVnE7sL1xPuRgAoZmD3yKiT8eW5",
        "kq0vYQ4w9bJtHc2fVnE7sL1xPuRgAoZmD3yKiT8eW5="
      })
  void aDeviceIdThatIsNotOneIsAUsageError(String deviceId) {
    assertThat(runWithTables("--device-table", "d", "--remove-device", deviceId))
        .isEqualTo(ExitCode.USAGE.code());
    assertThat(errors()).contains("--remove-device '" + deviceId + "' is not a device id");
  }

  @Test
  void removeOneAndRemoveAllTogetherAreAUsageError() {
    assertThat(
            runWithTables(
                "--device-table", "d", "--remove-device", DEVICE_ID, "--remove-all-devices"))
        .isEqualTo(ExitCode.USAGE.code());
    assertThat(errors()).contains("Give --remove-device or --remove-all-devices, not both");
  }
}
