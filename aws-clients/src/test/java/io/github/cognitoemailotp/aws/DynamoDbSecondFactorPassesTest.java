package io.github.cognitoemailotp.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cognitoemailotp.layer.InvalidSettingException;
import io.github.cognitoemailotp.layer.TriggerFailureException;
import io.github.cognitoemailotp.layer.gate.SecondFactorPasses;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
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

/**
 * The pass store against dynalite: one pass serves one issuance, N passes never more than N under
 * 50 concurrent consumes, concurrent records all count, a lapsed count is never added to, and the
 * store fails closed within its time budget when it is down, silent or refusing.
 */
class DynamoDbSecondFactorPassesTest {

  static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  static final String CLIENT = "5example1client2id3abcdefg";

  /**
   * How long a failing call may take: its budget, plus slack for a loaded machine; far inside 5 s.
   */
  static final long FAIL_WITHIN_MILLIS = DynamoDbCalls.CALL_BUDGET.toMillis() + 1500;

  static Dynalite dynalite;
  static DynamoDbClient dynamo;
  static DynamoDbClient patient;
  static final AtomicInteger USERS = new AtomicInteger();
  String sub;
  DynamoDbSecondFactorPasses passes;

  @BeforeAll
  static void startDynalite() {
    dynalite = new Dynalite();
    dynamo = dynalite.client();
    dynalite.createTable(Dynalite.PASS_TABLE, "sub", "clientId");
    // For the races: 50 requests at once on a 2-core machine outlast the functions' 1 s budget.
    patient =
        DynamoDbClient.builder()
            .region(Region.US_EAST_1)
            .endpointOverride(URI.create(dynalite.url()))
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
  }

  @AfterAll
  static void stopDynalite() {
    for (AutoCloseable closeable : new AutoCloseable[] {patient, dynamo, dynalite}) {
      try {
        if (closeable != null) {
          closeable.close();
        }
      } catch (Exception e) {
        // Closing a test's emulator.
      }
    }
  }

  @BeforeEach
  void newUser() {
    sub = "0f9e8d7c-0000-4000-8000-" + String.format("%012d", USERS.incrementAndGet());
    passes = new DynamoDbSecondFactorPasses(dynamo, Dynalite.PASS_TABLE);
  }

  Map<String, AttributeValue> item(String clientId) {
    return dynamo
        .getItem(
            r ->
                r.tableName(Dynalite.PASS_TABLE)
                    .key(
                        Map.of(
                            "sub", AttributeValue.fromS(sub),
                            "clientId", AttributeValue.fromS(clientId)))
                    .consistentRead(true))
        .item();
  }

  @Test
  void onePassServesOneConsume() {
    passes.record(sub, CLIENT, NOW);
    assertThat(passes.consume(sub, CLIENT, NOW.plusSeconds(3))).isTrue();
    assertThat(passes.consume(sub, CLIENT, NOW.plusSeconds(3))).isFalse();
  }

  @Test
  void noPassNoConsume() {
    assertThat(passes.consume(sub, CLIENT, NOW)).isFalse();
  }

  @Test
  void theItemHoldsTheCountTheExpiryAndRandomTokensOnly() {
    passes.record(sub, CLIENT, NOW);
    assertThat(item(CLIENT))
        .containsOnlyKeys("sub", "clientId", "passes", "expiresAt", "lastRecord")
        .containsEntry("passes", AttributeValue.fromN("1"))
        .containsEntry("expiresAt", AttributeValue.fromN(Long.toString(NOW.getEpochSecond() + 60)));
    String first = item(CLIENT).get("lastRecord").s();
    assertThat(first).matches("[0-9a-f-]{36}");
    passes.record(sub, CLIENT, NOW.plusSeconds(1));
    assertThat(item(CLIENT).get("lastRecord").s()).as("a token per record").isNotEqualTo(first);
    assertThat(passes.consume(sub, CLIENT, NOW.plusSeconds(2))).isTrue();
    assertThat(item(CLIENT).get("lastTake").s()).matches("[0-9a-f-]{36}");
  }

  @Test
  void aPassIsBoundToItsClient() {
    passes.record(sub, CLIENT, NOW);
    assertThat(passes.consume(sub, "anotherclient", NOW)).isFalse();
    assertThat(passes.consume("another-sub", CLIENT, NOW)).isFalse();
    assertThat(passes.consume(sub, CLIENT, NOW)).isTrue();
  }

  @Test
  void aPassLapsesSixtySecondsAfterItsAnswer() {
    passes.record(sub, CLIENT, NOW);
    assertThat(passes.consume(sub, CLIENT, NOW.plus(SecondFactorPasses.LIFETIME))).isFalse();
    assertThat(passes.consume(sub, CLIENT, NOW.plusSeconds(59))).isTrue();
  }

  @Test
  void aLapsedCountIsNeverAddedTo() {
    passes.record(sub, CLIENT, NOW);
    passes.record(sub, CLIENT, NOW);
    passes.record(sub, CLIENT, NOW);
    Instant later = NOW.plusSeconds(600);
    passes.record(sub, CLIENT, later);
    assertThat(item(CLIENT)).containsEntry("passes", AttributeValue.fromN("1"));
    assertThat(passes.consume(sub, CLIENT, later)).isTrue();
    assertThat(passes.consume(sub, CLIENT, later)).isFalse();
  }

  @Test
  void aNewPassWhileOneLivesAddsToItAndMovesTheExpiry() {
    passes.record(sub, CLIENT, NOW);
    passes.record(sub, CLIENT, NOW.plusSeconds(30));
    assertThat(item(CLIENT))
        .containsEntry("passes", AttributeValue.fromN("2"))
        .containsEntry("expiresAt", AttributeValue.fromN(Long.toString(NOW.getEpochSecond() + 90)));
  }

  /** Runs {@code task} 50 times at once; returns how many answered true, false and threw. */
  static int[] race(Callable<Boolean> task) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger yes = new AtomicInteger();
    AtomicInteger no = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    try (ExecutorService pool = Executors.newFixedThreadPool(50)) {
      List<Future<?>> runs = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        runs.add(
            pool.submit(
                () -> {
                  start.await();
                  try {
                    (task.call() ? yes : no).incrementAndGet();
                  } catch (TriggerFailureException e) {
                    failed.incrementAndGet();
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> run : runs) {
        run.get();
      }
    }
    return new int[] {yes.get(), no.get(), failed.get()};
  }

  @Test
  void fiftyConcurrentConsumesOfSevenPassesGrantExactlySeven() throws Exception {
    for (int i = 0; i < 7; i++) {
      passes.record(sub, CLIENT, NOW);
    }
    DynamoDbSecondFactorPasses patientPasses =
        new DynamoDbSecondFactorPasses(patient, Dynalite.PASS_TABLE, Duration.ofSeconds(30));
    int[] outcome = race(() -> patientPasses.consume(sub, CLIENT, NOW.plusSeconds(2)));
    assertThat(outcome).as("granted, refused, failed closed").containsExactly(7, 43, 0);
    assertThat(item(CLIENT)).containsEntry("passes", AttributeValue.fromN("0"));
  }

  @Test
  void fiftyConcurrentConsumesWithTheFunctionsTimeoutsGrantNoMoreThanThePasses() throws Exception {
    for (int i = 0; i < 7; i++) {
      passes.record(sub, CLIENT, NOW);
    }
    int[] outcome = race(() -> passes.consume(sub, CLIENT, NOW.plusSeconds(2)));
    assertThat(outcome[0] + outcome[1] + outcome[2]).isEqualTo(50);
    // An attempt that timed out after the store applied it is retried and refused: that pass is
    // spent without tokens (fail closed). So the granted ones are at most the passes taken.
    int left = Integer.parseInt(item(CLIENT).get("passes").n());
    assertThat(left).isBetween(0, 7);
    assertThat(outcome[0]).isLessThanOrEqualTo(7 - left);
  }

  @Test
  void fiftyConcurrentRecordsAllCount() throws Exception {
    DynamoDbSecondFactorPasses patientPasses =
        new DynamoDbSecondFactorPasses(patient, Dynalite.PASS_TABLE, Duration.ofSeconds(30));
    int[] outcome =
        race(
            () -> {
              patientPasses.record(sub, CLIENT, NOW);
              return true;
            });
    assertThat(outcome).containsExactly(50, 0, 0);
    assertThat(item(CLIENT)).containsEntry("passes", AttributeValue.fromN("50"));
  }

  @Test
  void twoConcurrentSignInsOfOneUserBothGetTheirIssuance() throws Exception {
    DynamoDbSecondFactorPasses patientPasses =
        new DynamoDbSecondFactorPasses(patient, Dynalite.PASS_TABLE, Duration.ofSeconds(30));
    try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
      CountDownLatch start = new CountDownLatch(1);
      Callable<Boolean> signIn =
          () -> {
            start.await();
            patientPasses.record(sub, CLIENT, NOW);
            return patientPasses.consume(sub, CLIENT, NOW.plusSeconds(1));
          };
      Future<Boolean> first = pool.submit(signIn);
      Future<Boolean> second = pool.submit(signIn);
      start.countDown();
      assertThat(first.get()).isTrue();
      assertThat(second.get()).isTrue();
    }
    assertThat(passes.consume(sub, CLIENT, NOW.plusSeconds(1))).isFalse();
  }

  @Test
  void primingSignsButNeverWrites() {
    assertThat(passes.warmUp(NOW)).isTrue();
    assertThat(
            dynamo
                .getItem(
                    r ->
                        r.tableName(Dynalite.PASS_TABLE)
                            .key(
                                Map.of(
                                    "sub",
                                    AttributeValue.fromS(DynamoDbSecondFactorPasses.PRIMING_KEY),
                                    "clientId",
                                    AttributeValue.fromS(DynamoDbSecondFactorPasses.PRIMING_KEY))))
                .hasItem())
        .isFalse();
  }

  @Test
  void aMissingTableFailsClosedSayingSo() {
    DynamoDbSecondFactorPasses missing = new DynamoDbSecondFactorPasses(dynamo, "no-such-table");
    assertThatThrownBy(() -> missing.consume(sub, CLIENT, NOW))
        .isInstanceOf(TriggerFailureException.class)
        .hasMessage("The pass store did not answer: the table no-such-table does not exist");
    assertThatThrownBy(() -> missing.record(sub, CLIENT, NOW))
        .isInstanceOf(TriggerFailureException.class)
        .hasMessage("The pass store did not take the pass: the table no-such-table does not exist");
  }

  static void bothFailClosedWithin(DynamoDbClient client, String expected) {
    DynamoDbSecondFactorPasses unavailable =
        new DynamoDbSecondFactorPasses(client, Dynalite.PASS_TABLE);
    for (Runnable call :
        new Runnable[] {
          () -> unavailable.consume("some-sub", CLIENT, NOW),
          () -> unavailable.record("some-sub", CLIENT, NOW)
        }) {
      long started = System.nanoTime();
      assertThatThrownBy(call::run)
          .isInstanceOf(TriggerFailureException.class)
          .hasMessageContaining(expected);
      assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(FAIL_WITHIN_MILLIS);
    }
  }

  @Test
  void aStoppedStoreFailsClosedWithinTheBudget() throws IOException {
    FailingDynamoDb.stopped(client -> bothFailClosedWithin(client, "could not be reached"));
  }

  @Test
  void aSilentStoreFailsClosedWithinTheBudget() throws Exception {
    FailingDynamoDb.silent(
        client -> bothFailClosedWithin(client, "DynamoDB did not answer within 1000 ms"));
  }

  @ParameterizedTest
  @CsvSource({
    "400, ThrottlingException, DynamoDB throttled the request (ThrottlingException)",
    "400, AccessDeniedException, its role needs dynamodb:UpdateItem on it",
    "500, InternalServerError, DynamoDB answered InternalServerError"
  })
  void anErrorAnswerFailsClosedWithinTheBudgetSayingWhy(
      int status, String errorType, String expected) throws IOException {
    FailingDynamoDb.answering(status, errorType, client -> bothFailClosedWithin(client, expected));
  }

  @Test
  void theTableNameComesFromTheEnvironmentAndIsChecked() {
    assertThat(
            DynamoDbSecondFactorPasses.tableName(
                Map.of("SECOND_FACTOR_PASS_TABLE", " stack-SecondFactorPassTable-1A2B ")))
        .isEqualTo("stack-SecondFactorPassTable-1A2B");
    for (String bad : new String[] {"", "ab", "has space", "x".repeat(256)}) {
      assertThatThrownBy(
              () -> DynamoDbSecondFactorPasses.tableName(Map.of("SECOND_FACTOR_PASS_TABLE", bad)))
          .isInstanceOf(InvalidSettingException.class)
          .hasMessageStartingWith("SECOND_FACTOR_PASS_TABLE is \"")
          .hasMessageContaining("!Ref SecondFactorPassTable");
    }
    assertThat(
            DynamoDbSecondFactorPasses.fromEnvironment(
                Map.of("SECOND_FACTOR_PASS_TABLE", Dynalite.PASS_TABLE), Region.US_EAST_1))
        .isNotNull();
  }

  /** Longer than a function's attempt timeout, so the SDK retries the write it already applied. */
  static final long SLOW_ANSWER_MILLIS = AwsClients.DYNAMODB.attempt().toMillis() + 1000;

  @Test
  void aConsumeRetriedAfterItsPassWasTakenStillGetsIt() throws Exception {
    passes.record(sub, CLIENT, NOW);
    try (SlowFirstAnswer proxy =
            new SlowFirstAnswer(dynalite.url(), "UpdateItem", SLOW_ANSWER_MILLIS);
        DynamoDbClient client = FailingDynamoDb.clientFor(proxy.url())) {
      DynamoDbSecondFactorPasses retried =
          new DynamoDbSecondFactorPasses(client, Dynalite.PASS_TABLE, Duration.ofSeconds(10));
      assertThat(retried.consume(sub, CLIENT, NOW.plusSeconds(1)))
          .as("the first attempt took the pass; the refused retry finds this consume's token")
          .isTrue();
      assertThat(proxy.operations).containsExactly("UpdateItem", "UpdateItem", "GetItem");
      assertThat(passes.consume(sub, CLIENT, NOW.plusSeconds(2)))
          .as("one pass, one issuance")
          .isFalse();
    }
  }

  @Test
  void aRecordRetriedAfterItWasAppliedAddsNoSecondPass() throws Exception {
    try (SlowFirstAnswer proxy =
            new SlowFirstAnswer(dynalite.url(), "UpdateItem", SLOW_ANSWER_MILLIS);
        DynamoDbClient client = FailingDynamoDb.clientFor(proxy.url())) {
      DynamoDbSecondFactorPasses retried =
          new DynamoDbSecondFactorPasses(client, Dynalite.PASS_TABLE, Duration.ofSeconds(10));
      retried.record(sub, CLIENT, NOW);
      assertThat(proxy.operations).containsExactly("UpdateItem", "UpdateItem", "GetItem");
    }
    assertThat(item(CLIENT).get("passes").n()).isEqualTo("1");
    assertThat(passes.consume(sub, CLIENT, NOW.plusSeconds(1))).isTrue();
    assertThat(passes.consume(sub, CLIENT, NOW.plusSeconds(2))).isFalse();
  }

  @Test
  void aRetriedAddToALiveCountAddsOnce() throws Exception {
    passes.record(sub, CLIENT, NOW);
    try (SlowFirstAnswer proxy =
            new SlowFirstAnswer(dynalite.url(), "UpdateItem", SLOW_ANSWER_MILLIS);
        DynamoDbClient client = FailingDynamoDb.clientFor(proxy.url())) {
      DynamoDbSecondFactorPasses retried =
          new DynamoDbSecondFactorPasses(client, Dynalite.PASS_TABLE, Duration.ofSeconds(10));
      // The start is refused at once (the item is alive); the add's first answer is the slow one.
      retried.record(sub, CLIENT, NOW.plusSeconds(1));
    }
    assertThat(item(CLIENT).get("passes").n()).isEqualTo("2");
  }
}
