package io.github.cognitoemailotp.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cognitoemailotp.layer.InvalidSettingException;
import io.github.cognitoemailotp.layer.TriggerFailureException;
import io.github.cognitoemailotp.layer.device.DeviceKey;
import io.github.cognitoemailotp.layer.device.TrustedDevice;
import io.github.cognitoemailotp.layer.device.TrustedDevices;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The trusted-device store against dynalite: what an item holds, expiry as every read sees it, the
 * 10-device cap, a revoked or replaced device refused by {@code markUsed}'s condition, removal of
 * one and of all, and failing closed within the time budget.
 */
class DynamoDbTrustedDevicesTest {

  static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  static final String TABLE = "local-trusted-devices";
  static final long FAIL_WITHIN_MILLIS = DynamoDbCalls.CALL_BUDGET.toMillis() + 1500;

  static Dynalite dynalite;
  static DynamoDbClient dynamo;
  static final AtomicInteger USERS = new AtomicInteger();
  String sub;
  DynamoDbTrustedDevices devices;

  @BeforeAll
  static void startDynalite() {
    dynalite = new Dynalite();
    dynamo = dynalite.client();
    dynalite.createTable(TABLE, "sub", "deviceId");
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
    devices = new DynamoDbTrustedDevices(dynamo, TABLE, Duration.ofSeconds(10));
  }

  static String newKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return Base64.getEncoder()
          .encodeToString(generator.generateKeyPair().getPublic().getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  TrustedDevice device(Instant createdAt, Duration life) {
    String key = newKey();
    String id = DeviceKey.parse(key).orElseThrow().deviceId();
    return new TrustedDevice(
        sub, id, key, "Work laptop", createdAt, createdAt, createdAt.plus(life));
  }

  Map<String, AttributeValue> item(String deviceId) {
    return dynamo
        .getItem(
            r ->
                r.tableName(TABLE)
                    .key(
                        Map.of(
                            "sub", AttributeValue.fromS(sub),
                            "deviceId", AttributeValue.fromS(deviceId)))
                    .consistentRead(true))
        .item();
  }

  @Test
  void aRegisteredDeviceIsFoundAndItsItemHoldsNoMoreThanTheDesignSays() {
    TrustedDevice device = device(NOW, Duration.ofDays(30));
    assertThat(devices.register(device, NOW)).isEmpty();
    assertThat(devices.find(sub, device.deviceId(), NOW.plusSeconds(1))).contains(device);
    assertThat(item(device.deviceId()))
        .containsOnlyKeys(
            "sub", "deviceId", "publicKey", "name", "createdAt", "lastUsedAt", "expiresAt")
        .containsEntry(
            "expiresAt",
            AttributeValue.fromN(Long.toString(NOW.plus(Duration.ofDays(30)).getEpochSecond())));
  }

  @Test
  void anExpiredDeviceIsNotFoundThoughTtlHasNotDeletedIt() {
    TrustedDevice device = device(NOW, Duration.ofDays(1));
    devices.register(device, NOW);
    assertThat(devices.find(sub, device.deviceId(), device.expiresAt())).isEmpty();
    assertThat(devices.find(sub, device.deviceId(), device.expiresAt().minusSeconds(1)))
        .isPresent();
    assertThat(item(device.deviceId())).isNotEmpty();
  }

  @Test
  void aDeviceIsBoundToItsUser() {
    TrustedDevice device = device(NOW, Duration.ofDays(30));
    devices.register(device, NOW);
    assertThat(devices.find("another-sub", device.deviceId(), NOW)).isEmpty();
    assertThat(devices.markUsed("another-sub", device.deviceId(), device.publicKey(), NOW))
        .isFalse();
  }

  @Test
  void markUsedMovesLastUsedAtOfALiveDeviceWithThatKey() {
    TrustedDevice device = device(NOW, Duration.ofDays(30));
    devices.register(device, NOW);
    Instant later = NOW.plus(Duration.ofDays(3));
    assertThat(devices.markUsed(sub, device.deviceId(), device.publicKey(), later)).isTrue();
    assertThat(item(device.deviceId()))
        .containsEntry("lastUsedAt", AttributeValue.fromN(Long.toString(later.getEpochSecond())))
        .containsEntry("createdAt", AttributeValue.fromN(Long.toString(NOW.getEpochSecond())));
  }

  @Test
  void markUsedRefusesARevokedExpiredOrReplacedDevice() {
    TrustedDevice device = device(NOW, Duration.ofDays(1));
    devices.register(device, NOW);
    assertThat(devices.markUsed(sub, device.deviceId(), newKey(), NOW)).as("another key").isFalse();
    assertThat(devices.markUsed(sub, device.deviceId(), device.publicKey(), device.expiresAt()))
        .as("expired")
        .isFalse();
    assertThat(devices.remove(sub, device.deviceId())).isTrue();
    assertThat(devices.markUsed(sub, device.deviceId(), device.publicKey(), NOW))
        .as("revoked")
        .isFalse();
    assertThat(item(device.deviceId())).as("no item made by the refused write").isEmpty();
  }

  @Test
  void theEleventhDevicePushesOutTheOldest() {
    List<TrustedDevice> registered = new ArrayList<>();
    for (int i = 0; i < TrustedDevices.MAX_PER_USER; i++) {
      TrustedDevice device = device(NOW.plusSeconds(i), Duration.ofDays(30));
      registered.add(device);
      assertThat(devices.register(device, device.createdAt())).isEmpty();
    }
    TrustedDevice eleventh = device(NOW.plusSeconds(100), Duration.ofDays(30));
    assertThat(devices.register(eleventh, eleventh.createdAt()))
        .containsExactly(registered.getFirst().deviceId());
    assertThat(devices.list(sub))
        .hasSize(TrustedDevices.MAX_PER_USER)
        .extracting(TrustedDevice::deviceId)
        .doesNotContain(registered.getFirst().deviceId())
        .contains(eleventh.deviceId());
  }

  @Test
  void reRegisteringTheSameKeyStartsANewTermAndKeepsOneItem() {
    TrustedDevice first = device(NOW, Duration.ofDays(30));
    devices.register(first, NOW);
    Instant later = NOW.plus(Duration.ofDays(20));
    TrustedDevice again =
        new TrustedDevice(
            sub,
            first.deviceId(),
            first.publicKey(),
            "renamed",
            later,
            later,
            later.plus(Duration.ofDays(30)));
    devices.register(again, later);
    assertThat(devices.list(sub)).containsExactly(again);
  }

  @Test
  void removeAllRemovesEveryDeviceOfTheUserAndNoOneElses() {
    for (int i = 0; i < 3; i++) {
      devices.register(device(NOW.plusSeconds(i), Duration.ofDays(30)), NOW);
    }
    String mine = sub;
    newUser();
    TrustedDevice someoneElses = device(NOW, Duration.ofDays(30));
    devices.register(someoneElses, NOW);
    assertThat(devices.removeAll(mine)).isEqualTo(3);
    assertThat(devices.list(mine)).isEmpty();
    assertThat(devices.list(sub)).containsExactly(someoneElses);
    assertThat(devices.remove(mine, someoneElses.deviceId())).isFalse();
  }

  @Test
  void anItemThisCodeDidNotWriteFailsClosed() {
    TrustedDevice device = device(NOW, Duration.ofDays(30));
    devices.register(device, NOW);
    dynamo.updateItem(
        r ->
            r.tableName(TABLE)
                .key(
                    Map.of(
                        "sub", AttributeValue.fromS(sub),
                        "deviceId", AttributeValue.fromS(device.deviceId())))
                .updateExpression("SET publicKey = :other")
                .expressionAttributeValues(Map.of(":other", AttributeValue.fromS(newKey()))));
    assertThatThrownBy(() -> devices.find(sub, device.deviceId(), NOW))
        .isInstanceOf(TriggerFailureException.class)
        .hasMessageContaining("an item this code did not write")
        .hasMessageNotContaining(device.publicKey());
  }

  @Test
  void aMissingTableFailsClosedSayingSo() {
    DynamoDbTrustedDevices missing = new DynamoDbTrustedDevices(dynamo, "no-such-table");
    assertThatThrownBy(() -> missing.find(sub, device(NOW, Duration.ofDays(1)).deviceId(), NOW))
        .isInstanceOf(TriggerFailureException.class)
        .hasMessage("The device store did not answer: the table no-such-table does not exist");
  }

  static void allFailClosedWithin(DynamoDbClient client, String expected) {
    DynamoDbTrustedDevices unavailable = new DynamoDbTrustedDevices(client, TABLE);
    String key = newKey();
    String id = DeviceKey.parse(key).orElseThrow().deviceId();
    TrustedDevice device =
        new TrustedDevice("some-sub", id, key, "d", NOW, NOW, NOW.plusSeconds(3600));
    for (Runnable call :
        new Runnable[] {
          () -> unavailable.find("some-sub", id, NOW),
          () -> unavailable.register(device, NOW),
          () -> unavailable.markUsed("some-sub", id, key, NOW),
          () -> unavailable.removeAll("some-sub")
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

  @ParameterizedTest
  @CsvSource({
    "400, ThrottlingException, DynamoDB throttled the request (ThrottlingException)",
    "400, AccessDeniedException, its role needs dynamodb:",
    "500, InternalServerError, DynamoDB answered InternalServerError"
  })
  void anErrorAnswerFailsClosedSayingWhy(int status, String errorType, String expected)
      throws IOException {
    FailingDynamoDb.answering(status, errorType, client -> allFailClosedWithin(client, expected));
  }

  @Test
  void theTableNameComesFromTheEnvironmentAndIsChecked() {
    assertThat(
            DynamoDbTrustedDevices.tableName(
                Map.of("TRUSTED_DEVICE_TABLE", " stack-TrustedDeviceTable-1A2B ")))
        .isEqualTo("stack-TrustedDeviceTable-1A2B");
    assertThatThrownBy(() -> DynamoDbTrustedDevices.tableName(Map.of()))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("!Ref TrustedDeviceTable");
  }
}
