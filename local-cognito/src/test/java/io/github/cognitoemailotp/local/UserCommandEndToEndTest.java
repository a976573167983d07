package io.github.cognitoemailotp.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cognitoemailotp.testkit.CloudWatchStandIn;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code example-client user} (its jar, as an operator runs it) against the local stack: a user's
 * budget and lock items, written into the stack's DynamoDB as Create and Verify write them, are
 * shown; {@code --unlock} deletes only the lock item, says what it cleared and counts {@code
 * UsersUnlocked} in a CloudWatch stand-in on 127.0.0.1; {@code --reset-budget} deletes only the
 * budget item; an unknown user changes nothing and exits 13.
 */
@ExtendWith(LocalStack.Extension.class)
class UserCommandEndToEndTest {

  static final String BUDGET_TABLE = "CodeEmailBudgetTable";
  static final String LOCK_TABLE = "UserLockTable";

  record Run(int exitCode, String out, String err) {}

  CloudWatchStandIn cloudWatch;
  DynamoDbClient dynamo;
  String lockTableOption = LOCK_TABLE;
  boolean withCloudWatchEndpoint = true;

  @BeforeEach
  void start(LocalStack stack) {
    cloudWatch = new CloudWatchStandIn();
    dynamo =
        DynamoDbClient.builder()
            .region(Region.US_EAST_1)
            .endpointOverride(URI.create(stack.cognito.dynamoDb().endpoint()))
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
  }

  @AfterEach
  void stop() {
    dynamo.close();
    cloudWatch.close();
  }

  Run user(LocalStack stack, String username, String... more) throws Exception {
    return run(stack, List.of("--username", username), more);
  }

  Run userBySub(LocalStack stack, String sub, String... more) throws Exception {
    return run(stack, List.of("--sub", sub), more);
  }

  Run run(LocalStack stack, List<String> who, String... more) throws Exception {
    Path jar = Path.of("..", "example-client", "target", "example-client.jar");
    assertThat(jar).as("built by the example-client module").exists();
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
                "user",
                "--pool-id",
                stack.cognito.userPoolId(),
                "--budget-table",
                BUDGET_TABLE,
                "--lock-table",
                lockTableOption,
                "--max-consecutive-wrong-codes",
                "10",
                "--endpoint-url",
                stack.cognito.endpoint()));
    command.addAll(who);
    command.addAll(List.of(more));
    Path out = Files.createTempFile("user-out", ".txt");
    Path err = Files.createTempFile("user-err", ".txt");
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().put("AWS_ACCESS_KEY_ID", "local");
      builder.environment().put("AWS_SECRET_ACCESS_KEY", "local");
      builder.environment().put("AWS_ENDPOINT_URL_DYNAMODB", stack.cognito.dynamoDb().endpoint());
      builder.environment().remove("AWS_ENDPOINT_URL");
      builder.environment().remove("AWS_ENDPOINT_URL_CLOUDWATCH");
      if (withCloudWatchEndpoint) {
        builder.environment().put("AWS_ENDPOINT_URL_CLOUDWATCH", cloudWatch.url());
      }
      Process process = builder.start();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      return new Run(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  String subOf(LocalStack stack, String username) {
    return stack
        .admin
        .adminGetUser(r -> r.userPoolId(stack.cognito.userPoolId()).username(username))
        .userAttributes()
        .stream()
        .filter(a -> a.name().equals("sub"))
        .findFirst()
        .orElseThrow()
        .value();
  }

  /**
   * Waits out the last 30 seconds of a clock hour, so that the items written for the current hour
   * are still the current hour's when the command reads them.
   */
  static Instant awayFromAnHourEdge() throws InterruptedException {
    Instant now = Instant.now();
    long intoHour = now.getEpochSecond() % 3600;
    if (intoHour > 3570) {
      Thread.sleep((3601 - intoHour) * 1000);
      now = Instant.now();
    }
    return now;
  }

  /** A budget item as Create writes it: {@code hourEmails} this hour, {@code dayEmails} today. */
  void writeBudget(String sub, Instant now, int hourEmails, int dayEmails) {
    long hourStart = now.getEpochSecond() / 3600 * 3600;
    long dayStart = now.getEpochSecond() / 86400 * 86400;
    dynamo.putItem(
        r ->
            r.tableName(BUDGET_TABLE)
                .item(
                    Map.of(
                        "sub", AttributeValue.fromS(sub),
                        "hourStart", AttributeValue.fromN(Long.toString(hourStart)),
                        "hourEmails", AttributeValue.fromN(Integer.toString(hourEmails)),
                        "dayStart", AttributeValue.fromN(Long.toString(dayStart)),
                        "dayEmails", AttributeValue.fromN(Integer.toString(dayEmails)),
                        "expiresAt", AttributeValue.fromN(Long.toString(dayStart + 86400)))));
  }

  /** A lock item as Verify writes it (issue 23): the count, and lockedAt while locked. */
  void writeLock(String sub, int wrongCodes, Optional<Instant> lockedAt) {
    Map<String, AttributeValue> item = new java.util.HashMap<>();
    item.put("sub", AttributeValue.fromS(sub));
    item.put("wrongCodes", AttributeValue.fromN(Integer.toString(wrongCodes)));
    lockedAt.ifPresent(
        at -> item.put("lockedAt", AttributeValue.fromN(Long.toString(at.getEpochSecond()))));
    dynamo.putItem(r -> r.tableName(LOCK_TABLE).item(item));
  }

  boolean hasItem(String table, String sub) {
    return dynamo
        .getItem(
            r ->
                r.tableName(table)
                    .key(Map.of("sub", AttributeValue.fromS(sub)))
                    .consistentRead(true))
        .hasItem();
  }

  @Test
  void showsTheBudgetTheWrongCodesAndTheLockAndChangesNothing(LocalStack stack) throws Exception {
    String username = stack.newUser();
    String sub = subOf(stack, username);
    Instant now = awayFromAnHourEdge();
    Instant lockedAt = Instant.ofEpochSecond(now.getEpochSecond() - 120);
    writeBudget(sub, now, 3, 12);
    writeLock(sub, 10, Optional.of(lockedAt));

    Run run = user(stack, username);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith("User " + username + " in " + stack.cognito.userPoolId() + "\n")
        .contains("  sub          " + sub + "\n")
        .contains("  status       CONFIRMED, enabled\n")
        .contains(
            "Code-email budget (table CodeEmailBudgetTable; at most 10 an hour and 30 a day, from"
                + " the template's defaults)")
        .contains("  this hour    3 of 10 code emails sent; the hour resets at ")
        .contains("  today        12 of 30 code emails sent; the day (UTC) resets at ")
        .contains("  next code    may be sent\n")
        .contains(
            "Wrong codes and lock (table UserLockTable; locks at 10 consecutive wrong codes, from"
                + " the command's options)")
        .contains("  wrong codes  10 in a row since the last correct code\n")
        .contains("  locked       yes, since " + lockedAt + " (--unlock")
        .endsWith("\n\nTrusted devices: off (no --device-table given)\n");
    assertThat(hasItem(LOCK_TABLE, sub)).isTrue();
    assertThat(hasItem(BUDGET_TABLE, sub)).isTrue();
    assertThat(cloudWatch.requests()).isEmpty();
  }

  @Test
  void unlockDeletesOnlyTheLockItemSaysWhatItClearedAndCountsIt(LocalStack stack) throws Exception {
    String username = stack.newUser();
    String sub = subOf(stack, username);
    Instant now = awayFromAnHourEdge();
    Instant lockedAt = Instant.ofEpochSecond(now.getEpochSecond() - 300);
    writeBudget(sub, now, 10, 12);
    writeLock(sub, 10, Optional.of(lockedAt));

    Run run = user(stack, username, "--unlock");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith(
            "Unlocked "
                + username
                + ": locked since "
                + lockedAt
                + "; 10 consecutive wrong codes cleared.\n"
                + "Counted as UsersUnlocked in the CloudWatch namespace CognitoEmailOtp.\n")
        .contains("  wrong codes  0 in a row")
        .contains("  locked       no\n")
        .contains("  this hour    10 of 10 code emails sent")
        .contains("  next code    refused until ");
    assertThat(hasItem(LOCK_TABLE, sub)).isFalse();
    assertThat(hasItem(BUDGET_TABLE, sub)).as("the budget is not the lock").isTrue();
    assertThat(cloudWatch.requests()).hasSize(1);
    CloudWatchStandIn.Request put = cloudWatch.requests().getFirst();
    assertThat(put.path()).endsWith("/operation/PutMetricData");
    assertThat(put.bodyContains("UsersUnlocked")).isTrue();
    assertThat(put.bodyContains("CognitoEmailOtp")).isTrue();
    assertThat(put.bodyContains(sub)).as("no per-user value in a metric").isFalse();
  }

  @Test
  void anUnlockCloudWatchRefusesToCountIsReportedAndStands(LocalStack stack) throws Exception {
    String username = stack.newUser();
    String sub = subOf(stack, username);
    writeLock(sub, 10, Optional.of(Instant.now().minusSeconds(60)));
    cloudWatch.answering(403);

    Run run = user(stack, username, "--unlock");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("Unlocked " + username + ": locked since ");
    assertThat(run.err())
        .contains("UsersUnlocked was not counted in CognitoEmailOtp: CloudWatch refused it")
        .contains("The unlock stands.");
    assertThat(hasItem(LOCK_TABLE, sub)).isFalse();
    assertThat(cloudWatch.requests()).isNotEmpty();
  }

  @Test
  void anUnlockOnTheLocalStackWithoutACloudWatchEndpointIsNotCountedInAws(LocalStack stack)
      throws Exception {
    String username = stack.newUser();
    String sub = subOf(stack, username);
    writeLock(sub, 10, Optional.of(Instant.now().minusSeconds(60)));
    withCloudWatchEndpoint = false;

    Run run = user(stack, username, "--unlock");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("Unlocked " + username + ": locked since ");
    assertThat(run.err())
        .contains("UsersUnlocked was not counted: --endpoint-url names another Cognito")
        .contains("The unlock stands.");
    assertThat(hasItem(LOCK_TABLE, sub)).isFalse();
  }

  @Test
  void unlockOfAUserWhoIsNotLockedClearsTheCountAndCountsNoUnlock(LocalStack stack)
      throws Exception {
    String username = stack.newUser();
    String sub = subOf(stack, username);
    writeLock(sub, 4, Optional.empty());

    Run run = user(stack, username, "--unlock");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith(
            username
                + " was not locked; 4 consecutive wrong codes cleared (the count starts"
                + " again from 0).\n");
    assertThat(hasItem(LOCK_TABLE, sub)).isFalse();
    assertThat(cloudWatch.requests()).isEmpty();
  }

  @Test
  void resetBudgetDeletesOnlyTheBudgetItemAndSaysWhatItCleared(LocalStack stack) throws Exception {
    String username = stack.newUser();
    String sub = subOf(stack, username);
    Instant now = awayFromAnHourEdge();
    Instant lockedAt = Instant.ofEpochSecond(now.getEpochSecond() - 60);
    writeBudget(sub, now, 3, 30);
    writeLock(sub, 10, Optional.of(lockedAt));

    Run run = user(stack, username, "--reset-budget");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith(
            "Reset the code-email budget of "
                + username
                + ": 3 sent this hour and 30 today cleared (codes had been refused until ")
        .contains("  this hour    0 of 10 code emails sent")
        .contains("  today        0 of 30 code emails sent")
        .contains("  locked       yes, since " + lockedAt);
    assertThat(hasItem(BUDGET_TABLE, sub)).isFalse();
    assertThat(hasItem(LOCK_TABLE, sub)).as("the lock is not the budget").isTrue();
    assertThat(cloudWatch.requests()).isEmpty();
  }

  @Test
  void theSubOfALogLineFindsTheUserWithoutPrintingTheirAddress(LocalStack stack) throws Exception {
    String username = stack.newUser();
    String sub = subOf(stack, username);
    writeLock(sub, 10, Optional.of(Instant.now().minusSeconds(30)));

    Run run = userBySub(stack, sub, "--unlock");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith("Unlocked the user with sub " + sub + ": locked since ")
        .contains("User with sub " + sub + " in " + stack.cognito.userPoolId())
        .contains("  locked       no\n")
        .doesNotContain(username)
        .doesNotContain("@");
    assertThat(hasItem(LOCK_TABLE, sub)).isFalse();
  }

  @Test
  void anUnknownSubExits13(LocalStack stack) throws Exception {
    Run run = userBySub(stack, "0b5e9f1c-1111-4222-8333-444455556666", "--reset-budget");

    assertThat(run.exitCode()).isEqualTo(13);
    assertThat(run.err())
        .contains("The pool has no user with sub 0b5e9f1c-1111-4222-8333-444455556666");
    assertThat(run.out()).isEmpty();
  }

  /**
   * The whole path of issue 23 with the real functions: ten wrong codes in a row over four sign-ins
   * (MaxAttempts 3, MaxConsecutiveWrongCodes 10, the defaults) lock the user in Verify; the command
   * shows the lock Verify wrote; {@code --unlock} lifts it; the user then signs in with the emailed
   * code.
   */
  @Test
  void aLockVerifyStartedIsShownAndUnlockLetsTheUserSignInAgain(LocalStack stack) throws Exception {
    String username = stack.newUser();
    String sub = subOf(stack, username);
    int wrong = 0;
    while (wrong < 10) {
      StepwiseSignIn signIn = StepwiseSignIn.start(stack, username);
      for (int attempt = 0; attempt < 3 && wrong < 10; attempt++) {
        String code = newestCode(stack, username);
        wrong++;
        try {
          signIn.answer(code.equals("000000") ? "111111" : "000000");
        } catch (CognitoIdentityProviderException e) {
          // The third wrong code of a sign-in ends it (MaxAttempts), and so does the lock.
          assertThat(attempt == 2 || wrong == 10).as(e.getMessage()).isTrue();
        }
      }
    }
    int emailsBefore = stack.ses.emailsTo(username).size();
    assertThatThrownBy(() -> StepwiseSignIn.start(stack, username))
        .as("locked: no code email")
        .isInstanceOf(CognitoIdentityProviderException.class)
        .hasMessageContaining("Sign-in codes are paused for this account");

    Run shown = user(stack, username);

    assertThat(shown.exitCode()).as(shown.err()).isZero();
    assertThat(shown.out())
        .contains("  wrong codes  10 in a row since the last correct code\n")
        .contains("  locked       yes, since ");

    Run unlocked = user(stack, username, "--unlock");

    assertThat(unlocked.exitCode()).as(unlocked.err()).isZero();
    assertThat(unlocked.out())
        .startsWith("Unlocked " + username + ": locked since ")
        .contains("; 10 consecutive wrong codes cleared.\n")
        .contains("  locked       no\n");
    assertThat(hasItem(LOCK_TABLE, sub)).isFalse();
    assertThat(cloudWatch.requests()).hasSize(1);
    assertThat(
            stack
                .signInFlow(line -> {})
                .signIn(username, LocalStack.PASSWORD, stack.emailedCodes(username))
                .idToken())
        .isNotBlank();
    assertThat(stack.ses.emailsTo(username).size()).isGreaterThan(emailsBefore);
  }

  /** The code of the newest code email (not the lock notice) to {@code email}. */
  static String newestCode(LocalStack stack, String email) {
    List<SesEmulator.Email> codes =
        stack.ses.emailsTo(email).stream()
            .filter(e -> !e.subject().equals("Sign-in codes paused for your account"))
            .toList();
    return SesEmulator.codeIn(codes.getLast());
  }

  @Test
  void anUnknownUserExits13AndChangesNothing(LocalStack stack) throws Exception {
    Run run = user(stack, "nobody-" + System.nanoTime() + "@example.com", "--unlock");

    assertThat(run.exitCode()).isEqualTo(13);
    assertThat(run.err()).contains("The pool has no user nobody-", "UserNotFoundException");
    assertThat(run.out()).isEmpty();
    assertThat(cloudWatch.requests()).isEmpty();
  }

  @Test
  void aTableThatDoesNotExistIsAFailureNamingWhatToCheck(LocalStack stack) throws Exception {
    String username = stack.newUser();
    lockTableOption = "NoSuchLockTable";

    Run run = user(stack, username);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains("DynamoDB refused")
        .contains("ResourceNotFoundException")
        .contains("Check the table names");
  }
}
