package io.github.cognitoemailotp.create;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.cognitoemailotp.aws.Dynalite;
import io.github.cognitoemailotp.aws.FailingDynamoDb;
import io.github.cognitoemailotp.layer.InvalidSettingException;
import io.github.cognitoemailotp.layer.TriggerFailureException;
import io.github.cognitoemailotp.layer.budget.BudgetSpend;
import io.github.cognitoemailotp.layer.budget.CodeEmailLimits;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The DynamoDB budget against dynalite: exact counts per hour and day with the conditional writes,
 * under 50 concurrent spends, and failing closed within its time budget when the store is down,
 * silent, throttling or missing its table.
 */
class DynamoDbCodeEmailBudgetTest {

  static final CodeEmailLimits LIMITS = new CodeEmailLimits(4, 6);
  static final Instant TEN = Instant.parse("2026-12-01T10:00:00Z");

  /** How long a failing spend may take: its budget, plus slack for a loaded test machine. */
  static final long FAIL_WITHIN_MILLIS = DynamoDbCodeEmailBudget.CALL_BUDGET.toMillis() + 700;

  static Dynalite dynalite;
  static DynamoDbClient dynamo;
  static final AtomicInteger USERS = new AtomicInteger();
  String sub;
  DynamoDbCodeEmailBudget budget;

  @BeforeAll
  static void startDynalite() {
    dynalite = new Dynalite();
    dynamo = dynalite.client();
    dynalite.createTable(dynamo);
  }

  @AfterAll
  static void stopDynalite() {
    if (dynamo != null) {
      dynamo.close();
    }
    if (dynalite != null) {
      dynalite.close();
    }
  }

  @BeforeEach
  void newUser() {
    sub = "0f9e8d7c-0000-4000-8000-" + String.format("%012d", USERS.incrementAndGet());
    budget = new DynamoDbCodeEmailBudget(dynamo, Dynalite.TABLE, LIMITS);
  }

  Map<String, AttributeValue> item() {
    return dynamo
        .getItem(r -> r.tableName(Dynalite.TABLE).key(Map.of("sub", AttributeValue.fromS(sub))))
        .item();
  }

  int granted(Instant now, int tries) {
    int granted = 0;
    for (int i = 0; i < tries; i++) {
      granted += budget.spend(sub, now).granted() ? 1 : 0;
    }
    return granted;
  }

  /** The store's calls, by operation, in order; delegates to dynalite or answers as told. */
  static final class CountingDynamo implements DynamoDbClient {
    final DynamoDbClient delegate;
    final List<String> calls = new ArrayList<>();
    Map<String, AttributeValue> refuseFirstWriteReturning;

    CountingDynamo(DynamoDbClient delegate) {
      this.delegate = delegate;
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
      calls.add("UpdateItem");
      if (refuseFirstWriteReturning != null && calls.size() == 1) {
        throw ConditionalCheckFailedException.builder()
            .message("The conditional request failed")
            .item(refuseFirstWriteReturning)
            .build();
      }
      return delegate.updateItem(request);
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
      calls.add("GetItem");
      return delegate.getItem(request);
    }

    @Override
    public String serviceName() {
      return delegate.serviceName();
    }

    @Override
    public void close() {}
  }

  @Test
  void aUsersFirstEmailOfTheDayIsOneWrite() {
    CountingDynamo counting = new CountingDynamo(dynamo);
    budget = new DynamoDbCodeEmailBudget(counting, Dynalite.TABLE, LIMITS);

    assertThat(budget.spend(sub, TEN).granted()).isTrue();
    assertThat(counting.calls).containsExactly("UpdateItem");
    assertThat(budget.spend(sub, TEN.plus(Duration.ofDays(1))).granted()).isTrue();
    assertThat(counting.calls)
        .as("the next day's first")
        .containsExactly("UpdateItem", "UpdateItem");
  }

  @Test
  void aLaterEmailTheSameDayIsTheRefusedStartThenTheWriteThatApplies() {
    budget.spend(sub, TEN);
    CountingDynamo counting = new CountingDynamo(dynamo);
    budget = new DynamoDbCodeEmailBudget(counting, Dynalite.TABLE, LIMITS);

    assertThat(budget.spend(sub, TEN.plusSeconds(3600)).granted()).isTrue();

    // dynalite does not return the item with a refusal, so the budget reads it.
    assertThat(counting.calls).containsExactly("UpdateItem", "GetItem", "UpdateItem");
    assertThat(item().get("hourEmails").n()).isEqualTo("1");
    assertThat(item().get("dayEmails").n()).isEqualTo("2");
  }

  @Test
  void theItemReturnedWithARefusalSavesTheRead() {
    budget.spend(sub, TEN);
    CountingDynamo counting = new CountingDynamo(dynamo);
    counting.refuseFirstWriteReturning = item();
    budget = new DynamoDbCodeEmailBudget(counting, Dynalite.TABLE, LIMITS);

    assertThat(budget.spend(sub, TEN.plusSeconds(60)).granted()).isTrue();

    assertThat(counting.calls).containsExactly("UpdateItem", "UpdateItem");
    assertThat(item().get("hourEmails").n()).isEqualTo("2");
  }

  @Test
  void everyWriteAsksForTheItemWithARefusal() {
    assertThat(
            budget
                .update(sub, DynamoDbCodeEmailBudget.FIRST_WRITE, TEN, Duration.ofSeconds(1))
                .returnValuesOnConditionCheckFailure())
        .isEqualTo(ReturnValuesOnConditionCheckFailure.ALL_OLD);
  }

  @Test
  void spendsTheHourlyBudgetThenRefusesUntilTheNextHour() {
    assertThat(granted(TEN.plusSeconds(60), 5)).isEqualTo(4);
    assertThat(budget.spend(sub, TEN.plusSeconds(120)))
        .isEqualTo(
            BudgetSpend.refuse(Instant.parse("2026-12-01T11:00:00Z"), "MAX_CODE_EMAILS_PER_HOUR"));
    assertThat(granted(TEN.plusSeconds(3600), 3)).as("a new hour, the day has 2 left").isEqualTo(2);
    assertThat(budget.spend(sub, TEN.plusSeconds(7200)))
        .isEqualTo(
            BudgetSpend.refuse(Instant.parse("2026-12-02T00:00:00Z"), "MAX_CODE_EMAILS_PER_DAY"));
    assertThat(granted(Instant.parse("2026-12-02T00:00:00Z"), 1)).isEqualTo(1);
  }

  @Test
  void theItemHoldsTheSubCountsAndWindowsOnly() {
    budget.spend(sub, TEN.plusSeconds(30));
    budget.spend(sub, TEN.plusSeconds(3630));
    assertThat(item())
        .containsOnlyKeys("sub", "hourStart", "hourEmails", "dayStart", "dayEmails", "expiresAt")
        .containsEntry("sub", AttributeValue.fromS(sub))
        .containsEntry(
            "hourStart", AttributeValue.fromN(Long.toString(TEN.getEpochSecond() + 3600)))
        .containsEntry("hourEmails", AttributeValue.fromN("1"))
        .containsEntry(
            "dayStart",
            AttributeValue.fromN(
                Long.toString(Instant.parse("2026-12-01T00:00:00Z").getEpochSecond())))
        .containsEntry("dayEmails", AttributeValue.fromN("2"))
        .containsEntry(
            "expiresAt",
            AttributeValue.fromN(
                Long.toString(Instant.parse("2026-12-02T00:00:00Z").getEpochSecond())));
  }

  @Test
  void fiftyConcurrentSpendsOfOneUserGrantExactlyTheBudget() throws Exception {
    try (DynamoDbClient patient =
        DynamoDbClient.builder()
            .region(Region.US_EAST_1)
            .endpointOverride(URI.create(dynalite.url()))
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      int[] outcome =
          race(
              new DynamoDbCodeEmailBudget(
                  patient,
                  Dynalite.TABLE,
                  new CodeEmailLimits(10, 30),
                  java.time.Duration.ofSeconds(30)));
      assertThat(outcome).as("granted, refused, failed closed").containsExactly(10, 40, 0);
      assertThat(item()).containsEntry("hourEmails", AttributeValue.fromN("10"));
    }
  }

  @Test
  void fiftyConcurrentSpendsWithTheFunctionsTimeoutsGrantNoMoreThanTheBudget() throws Exception {
    budget.spend("warm-up-" + sub, TEN);
    int[] outcome =
        race(new DynamoDbCodeEmailBudget(dynamo, Dynalite.TABLE, new CodeEmailLimits(10, 30)));
    assertThat(outcome[0] + outcome[1] + outcome[2]).isEqualTo(50);
    assertThat(outcome[0]).isLessThanOrEqualTo(10);
    if (outcome[2] == 0) {
      // Every spend got an answer, so every refusal saw a full budget: all 10 are spent, though an
      // attempt that timed out after DynamoDB applied it, retried and refused, sent no email.
      assertThat(item().get("hourEmails"))
          .as("spent when none failed")
          .isEqualTo(AttributeValue.fromN("10"));
    }
    Map<String, AttributeValue> item = item();
    if (item != null && !item.isEmpty()) {
      // A write DynamoDB made but whose answer came too late counts, though no email went out.
      assertThat(Integer.parseInt(item.get("hourEmails").n())).isBetween(outcome[0], 10);
    }
  }

  /** 50 spends of one user at once; returns how many were granted, refused and failed closed. */
  int[] race(DynamoDbCodeEmailBudget tenPerHour) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger granted = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    AtomicInteger failedClosed = new AtomicInteger();
    try (ExecutorService pool = Executors.newFixedThreadPool(50)) {
      List<Future<?>> spends = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        spends.add(
            pool.submit(
                () -> {
                  start.await();
                  try {
                    (tenPerHour.spend(sub, TEN.plusSeconds(5)).granted() ? granted : refused)
                        .incrementAndGet();
                  } catch (TriggerFailureException e) {
                    failedClosed.incrementAndGet();
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> spend : spends) {
        spend.get();
      }
    }
    return new int[] {granted.get(), refused.get(), failedClosed.get()};
  }

  @Test
  void primingSignsButNeverWrites() {
    assertThat(budget.warmUp(TEN)).isTrue();
    assertThat(
            dynamo
                .getItem(
                    r ->
                        r.tableName(Dynalite.TABLE)
                            .key(
                                Map.of(
                                    "sub",
                                    AttributeValue.fromS(DynamoDbCodeEmailBudget.PRIMING_KEY))))
                .hasItem())
        .isFalse();
  }

  @Test
  void anItemThisFunctionDidNotWriteFailsClosed() {
    dynamo.putItem(
        r ->
            r.tableName(Dynalite.TABLE)
                .item(
                    Map.of(
                        "sub", AttributeValue.fromS(sub), "dayStart", AttributeValue.fromS("x"))));
    assertThatThrownBy(() -> budget.spend(sub, TEN))
        .isInstanceOf(TriggerFailureException.class)
        .hasMessage(DynamoDbCodeEmailBudget.NOT_SET_UP)
        .extracting(e -> ((TriggerFailureException) e).operatorDetail())
        .isEqualTo(
            "The code-email budget could not be checked (the user's budget item is not one this"
                + " function wrote), so no code was sent. Try again in a moment.");
  }

  @Test
  void aMissingTableFailsClosedSayingSo() {
    DynamoDbCodeEmailBudget missing = new DynamoDbCodeEmailBudget(dynamo, "no-such-table", LIMITS);
    TriggerFailureException failure =
        catchThrowableOfType(TriggerFailureException.class, () -> missing.spend(sub, TEN));
    assertThat(failure.operatorDetail())
        .contains("the table no-such-table does not exist", "no code was sent");
    assertThat(failure).hasMessage(DynamoDbCodeEmailBudget.NOT_SET_UP);
    assertInternalFree(failure.getMessage(), "no-such-table");
  }

  /** What the app is shown names no table, IAM action, region or DynamoDB error code. */
  static void assertInternalFree(String appMessage, String table) {
    assertThat(appMessage)
        .doesNotContainIgnoringCase(table)
        .doesNotContainIgnoringCase("dynamodb")
        .doesNotContainIgnoringCase("table")
        .doesNotContainIgnoringCase("us-east-1")
        .doesNotContain("Exception")
        .doesNotContain("(");
  }

  static void failsClosedWithin(DynamoDbClient client, String expected) {
    failsClosedWithin(client, expected, DynamoDbCodeEmailBudget.TRY_AGAIN);
  }

  /**
   * The spend fails closed in time; the app is told {@code appMessage}, the log {@code expected}.
   */
  static void failsClosedWithin(DynamoDbClient client, String expected, String appMessage) {
    DynamoDbCodeEmailBudget unavailable =
        new DynamoDbCodeEmailBudget(client, Dynalite.TABLE, LIMITS);
    long started = System.nanoTime();
    TriggerFailureException failure =
        catchThrowableOfType(
            TriggerFailureException.class, () -> unavailable.spend("some-sub", TEN));
    assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(FAIL_WITHIN_MILLIS);
    assertThat(failure.operatorDetail())
        .startsWith("The code-email budget could not be checked (" + expected)
        .endsWith("so no code was sent. Try again in a moment.");
    assertThat(failure).hasMessage(appMessage);
    assertInternalFree(failure.getMessage(), Dynalite.TABLE);
  }

  @Test
  void aStoppedStoreFailsClosedWithinTheBudget() throws IOException {
    FailingDynamoDb.stopped(client -> failsClosedWithin(client, "DynamoDB could not be reached"));
  }

  @Test
  void aSilentStoreFailsClosedWithinTheBudget() throws Exception {
    FailingDynamoDb.silent(
        client -> failsClosedWithin(client, "DynamoDB did not answer within 1000 ms"));
  }

  @ParameterizedTest
  @CsvSource({
    "400, ProvisionedThroughputExceededException, DynamoDB throttled the request (ProvisionedThroughputExceededException), false",
    "400, ThrottlingException, DynamoDB throttled the request (ThrottlingException), false",
    "400, RequestLimitExceeded, DynamoDB throttled the request (RequestLimitExceeded), false",
    "400, AccessDeniedException, the function may not use the table local-code-email-budgets (AccessDeniedException); its role needs dynamodb:UpdateItem and dynamodb:GetItem on it, true",
    "400, UnrecognizedClientException, the function may not use the table, true",
    "400, ResourceNotFoundException, the table local-code-email-budgets does not exist, true",
    "500, InternalServerError, DynamoDB answered InternalServerError, false",
    "400, ValidationException, DynamoDB answered ValidationException, true"
  })
  void anErrorAnswerFailsClosedWithinTheBudgetTellingTheLogWhyAndTheAppLittle(
      int status, String errorType, String expected, boolean operatorMustFix) throws IOException {
    FailingDynamoDb.answering(
        status,
        errorType,
        client ->
            failsClosedWithin(
                client,
                expected,
                operatorMustFix
                    ? DynamoDbCodeEmailBudget.NOT_SET_UP
                    : DynamoDbCodeEmailBudget.TRY_AGAIN));
  }

  @Test
  void theTableNameComesFromTheEnvironmentAndIsChecked() {
    assertThat(
            DynamoDbCodeEmailBudget.tableName(
                Map.of("CODE_EMAIL_BUDGET_TABLE", " stack-CodeEmailBudgetTable-1A2B ")))
        .isEqualTo("stack-CodeEmailBudgetTable-1A2B");
    for (String bad : new String[] {"", "ab", "has space", "x".repeat(256), "semi;colon"}) {
      assertThatThrownBy(
              () -> DynamoDbCodeEmailBudget.tableName(Map.of("CODE_EMAIL_BUDGET_TABLE", bad)))
          .isInstanceOf(InvalidSettingException.class)
          .hasMessageStartingWith("CODE_EMAIL_BUDGET_TABLE is \"")
          .hasMessageContaining("!Ref CodeEmailBudgetTable");
    }
    assertThatThrownBy(() -> DynamoDbCodeEmailBudget.tableName(Map.of()))
        .isInstanceOf(InvalidSettingException.class);
  }

  @Test
  void fromEnvironmentReadsTheTableAndTheLimits() {
    DynamoDbCodeEmailBudget configured =
        DynamoDbCodeEmailBudget.fromEnvironment(
            Map.of("CODE_EMAIL_BUDGET_TABLE", Dynalite.TABLE, "MAX_CODE_EMAILS_PER_HOUR", "100"),
            Region.US_EAST_1);
    assertThat(configured).isNotNull();
    assertThatThrownBy(
            () ->
                DynamoDbCodeEmailBudget.fromEnvironment(
                    Map.of(
                        "CODE_EMAIL_BUDGET_TABLE", Dynalite.TABLE, "MAX_CODE_EMAILS_PER_DAY", "0"),
                    Region.US_EAST_1))
        .hasMessageContaining("MAX_CODE_EMAILS_PER_DAY");
  }
}
