package io.github.cognitoemailotp.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cognitoemailotp.layer.InvalidSettingException;
import io.github.cognitoemailotp.layer.TriggerFailureException;
import io.github.cognitoemailotp.layer.lock.WrongCodeCount;
import io.github.cognitoemailotp.layer.lock.WrongCodeCount.Outcome;
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
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The lock store against dynalite: wrong codes in a row count up to the limit, the limit-th locks
 * (exactly one of 50 concurrent ones), a correct code clears the count unless locked, unlock tells
 * what it cleared, and the store fails closed within its budget when down.
 */
class DynamoDbUserLockTest {

  static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
  static final long FAIL_WITHIN_MILLIS = DynamoDbCalls.CALL_BUDGET.toMillis() + 1500;

  static Dynalite dynalite;
  static DynamoDbClient dynamo;
  static DynamoDbClient patient;
  static final AtomicInteger USERS = new AtomicInteger();
  String sub;
  DynamoDbUserLock lock;

  @BeforeAll
  static void startDynalite() {
    dynalite = new Dynalite();
    dynamo = dynalite.client();
    dynalite.createTable(Dynalite.LOCK_TABLE, "sub");
    // For the race: 50 requests at once on a 2-core machine outlast the functions' 1 s budget.
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
    sub = "1a2b3c4d-0000-4000-8000-" + String.format("%012d", USERS.incrementAndGet());
    lock = new DynamoDbUserLock(dynamo, Dynalite.LOCK_TABLE, 5);
  }

  Map<String, AttributeValue> item() {
    return dynamo
        .getItem(
            r ->
                r.tableName(Dynalite.LOCK_TABLE)
                    .key(Map.of("sub", AttributeValue.fromS(sub)))
                    .consistentRead(true))
        .item();
  }

  @Test
  void wrongCodesCountUpAndTheFifthLocks() {
    for (int i = 1; i <= 4; i++) {
      assertThat(lock.countWrong(sub, NOW)).isEqualTo(new WrongCodeCount(i, Outcome.COUNTED));
    }
    assertThat(lock.lockedSince(sub)).isEmpty();
    assertThat(lock.countWrong(sub, NOW)).isEqualTo(new WrongCodeCount(5, Outcome.LOCKED_NOW));
    assertThat(lock.lockedSince(sub)).contains(NOW);
    assertThat(lock.countWrong(sub, NOW.plusSeconds(9)))
        .isEqualTo(new WrongCodeCount(5, Outcome.ALREADY_LOCKED));
    assertThat(item())
        .containsOnlyKeys("sub", "wrongCodes", "lockedAt")
        .containsEntry("wrongCodes", AttributeValue.fromN("5"))
        .containsEntry("lockedAt", AttributeValue.fromN(Long.toString(NOW.getEpochSecond())));
  }

  @Test
  void aCorrectCodeClearsTheCountAndLeavesNoItem() {
    lock.countWrong(sub, NOW);
    lock.countWrong(sub, NOW);
    assertThat(lock.clearAfterCorrect(sub)).isTrue();
    assertThat(item()).isEmpty();
    for (int i = 1; i <= 4; i++) {
      assertThat(lock.countWrong(sub, NOW).outcome()).isEqualTo(Outcome.COUNTED);
    }
    assertThat(lock.clearAfterCorrect(sub)).isTrue();
    assertThat(lock.clearAfterCorrect(sub)).as("nothing to clear is fine").isTrue();
  }

  @Test
  void aCorrectCodeOfALockedUserChangesNothing() {
    for (int i = 0; i < 5; i++) {
      lock.countWrong(sub, NOW);
    }
    assertThat(lock.clearAfterCorrect(sub)).isFalse();
    assertThat(lock.lockedSince(sub)).contains(NOW);
  }

  @Test
  void unlockSaysWhatItClearedAndLetsTheCountStartAgain() {
    assertThat(lock.unlock(sub)).isEqualTo(new WrongCodeCount(0, Outcome.COUNTED));
    lock.countWrong(sub, NOW);
    assertThat(lock.unlock(sub)).isEqualTo(new WrongCodeCount(1, Outcome.COUNTED));
    for (int i = 0; i < 5; i++) {
      lock.countWrong(sub, NOW);
    }
    WrongCodeCount cleared = lock.unlock(sub);
    assertThat(cleared.locked()).isTrue();
    assertThat(cleared.wrongCodes()).isEqualTo(5);
    assertThat(item()).isEmpty();
    assertThat(lock.countWrong(sub, NOW)).isEqualTo(new WrongCodeCount(1, Outcome.COUNTED));
  }

  @Test
  void aLowerLimitAfterARedeployLocksAtTheNextWrongCode() {
    for (int i = 0; i < 4; i++) {
      lock.countWrong(sub, NOW);
    }
    DynamoDbUserLock stricter = new DynamoDbUserLock(dynamo, Dynalite.LOCK_TABLE, 3);
    assertThat(stricter.countWrong(sub, NOW).outcome()).isEqualTo(Outcome.LOCKED_NOW);
  }

  @Test
  void fiftyConcurrentWrongCodesLockAtExactlyTheLimitOnce() throws Exception {
    DynamoDbUserLock patientLock =
        new DynamoDbUserLock(patient, Dynalite.LOCK_TABLE, 10, Duration.ofSeconds(30));
    CountDownLatch start = new CountDownLatch(1);
    List<Future<WrongCodeCount>> runs = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(50)) {
      for (int i = 0; i < 50; i++) {
        runs.add(
            pool.submit(
                () -> {
                  start.await();
                  return patientLock.countWrong(sub, NOW);
                }));
      }
      start.countDown();
      Map<Outcome, Integer> outcomes = new java.util.EnumMap<>(Outcome.class);
      List<Integer> counted = new ArrayList<>();
      for (Future<WrongCodeCount> run : runs) {
        WrongCodeCount count = run.get();
        outcomes.merge(count.outcome(), 1, Integer::sum);
        if (count.outcome() == Outcome.COUNTED) {
          counted.add(count.wrongCodes());
        }
      }
      assertThat(outcomes)
          .containsEntry(Outcome.COUNTED, 9)
          .containsEntry(Outcome.LOCKED_NOW, 1)
          .containsEntry(Outcome.ALREADY_LOCKED, 40);
      assertThat(counted).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9);
    }
    assertThat(item()).containsEntry("wrongCodes", AttributeValue.fromN("10"));
  }

  @Test
  void primingSignsButNeverWrites() {
    assertThat(lock.warmUp(NOW)).isTrue();
    assertThat(
            dynamo
                .getItem(
                    r ->
                        r.tableName(Dynalite.LOCK_TABLE)
                            .key(Map.of("sub", AttributeValue.fromS(DynamoDbUserLock.PRIMING_KEY))))
                .hasItem())
        .isFalse();
  }

  @Test
  void aMissingTableFailsClosedSayingSo() {
    DynamoDbUserLock missing = new DynamoDbUserLock(dynamo, "no-such-table", 5);
    assertThatThrownBy(() -> missing.countWrong(sub, NOW))
        .isInstanceOf(TriggerFailureException.class)
        .hasMessage("The lock store did not answer: the table no-such-table does not exist");
    assertThatThrownBy(() -> missing.lockedSince(sub)).isInstanceOf(TriggerFailureException.class);
    assertThatThrownBy(() -> missing.clearAfterCorrect(sub))
        .isInstanceOf(TriggerFailureException.class);
  }

  static void allFailClosedWithin(DynamoDbClient client, String expected) {
    DynamoDbUserLock unavailable = new DynamoDbUserLock(client, Dynalite.LOCK_TABLE, 5);
    for (Runnable call :
        new Runnable[] {
          () -> unavailable.countWrong("some-sub", NOW),
          () -> unavailable.clearAfterCorrect("some-sub"),
          () -> unavailable.lockedSince("some-sub")
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
    FailingDynamoDb.stopped(client -> allFailClosedWithin(client, "could not be reached"));
  }

  @Test
  void aSilentStoreFailsClosedWithinTheBudget() throws Exception {
    FailingDynamoDb.silent(
        client -> allFailClosedWithin(client, "DynamoDB did not answer within 1000 ms"));
  }

  @Test
  void theTableNameComesFromTheEnvironmentAndIsChecked() {
    assertThat(DynamoDbUserLock.tableName(Map.of("USER_LOCK_TABLE", " stack-UserLockTable-1 ")))
        .isEqualTo("stack-UserLockTable-1");
    assertThatThrownBy(() -> DynamoDbUserLock.tableName(Map.of()))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("!Ref UserLockTable");
  }
}
