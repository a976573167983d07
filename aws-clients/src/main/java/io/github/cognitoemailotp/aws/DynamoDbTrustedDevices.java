package io.github.cognitoemailotp.aws;

import io.github.cognitoemailotp.layer.InvalidSettingException;
import io.github.cognitoemailotp.layer.TriggerFailureException;
import io.github.cognitoemailotp.layer.device.DeviceCap;
import io.github.cognitoemailotp.layer.device.DeviceKey;
import io.github.cognitoemailotp.layer.device.TrustedDevice;
import io.github.cognitoemailotp.layer.device.TrustedDeviceSettings;
import io.github.cognitoemailotp.layer.device.TrustedDeviceSteps;
import io.github.cognitoemailotp.layer.device.TrustedDevices;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The trusted devices in a DynamoDB table (template.yaml's {@code TrustedDeviceTable}): one item
 * per user and device, keyed by the user's {@code sub} (partition key) and the device id (sort
 * key), holding the device's public key (base64 SPKI), its name, {@code createdAt}, {@code
 * lastUsedAt} and {@code expiresAt} (epoch seconds; {@code expiresAt} is also the table's TTL
 * attribute, which only tidies: every read and condition here treats an item past it as gone).
 *
 * <ul>
 *   <li>{@link #find}: one strongly consistent {@code GetItem}.
 *   <li>{@link #register}: {@code PutItem}, then a {@code Query} of the user's devices and a {@code
 *       DeleteItem} for each that {@link DeviceCap#toEvict} says goes (at most {@link
 *       TrustedDevices#MAX_PER_USER} stay).
 *   <li>{@link #markUsed}: one {@code UpdateItem} whose condition re-checks the device (alive, same
 *       key), so a device revoked since its challenge is refused.
 *   <li>{@link #list}, {@link #remove}, {@link #removeAll}: {@code Query} and {@code DeleteItem}.
 * </ul>
 *
 * <p>Every call has {@link DynamoDbCalls#CALL_BUDGET}; a store that cannot be reached, is slow,
 * throttles, is missing or holds an item this code did not write throws {@link
 * TriggerFailureException} naming the table and what to fix, never the key.
 */
public final class DynamoDbTrustedDevices implements TrustedDevices {

  /** The environment variable holding the table's name, set by the template from {@code !Ref}. */
  public static final String TABLE_VARIABLE = "TRUSTED_DEVICE_TABLE";

  static final String MARK_USED = "SET lastUsedAt = :now";
  static final String MARK_USED_IF = "expiresAt > :now AND publicKey = :publicKey";

  private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");

  private final DynamoDbClient dynamo;
  private final String table;
  private final Duration callBudget;

  public DynamoDbTrustedDevices(DynamoDbClient dynamo, String table) {
    this(dynamo, table, DynamoDbCalls.CALL_BUDGET);
  }

  /** With another time budget per call, for tests on a loaded machine. */
  public DynamoDbTrustedDevices(DynamoDbClient dynamo, String table, Duration callBudget) {
    this.dynamo = dynamo;
    this.table = table;
    this.callBudget = callBudget;
  }

  /** The devices of the function's environment: the table from {@link #TABLE_VARIABLE}. */
  public static DynamoDbTrustedDevices fromEnvironment(
      Map<String, String> environment, Region region) {
    return new DynamoDbTrustedDevices(
        DynamoDbCalls.clientBuilder(region).build(), tableName(environment));
  }

  /**
   * The trusted-device steps of the function's environment: {@link TrustedDeviceSteps#OFF} (no
   * client, no table read) when {@code TRUSTED_DEVICE_DAYS} is 0, otherwise the table from {@link
   * #TABLE_VARIABLE}. An invalid value of either stops init with a message naming it.
   */
  public static TrustedDeviceSteps steps(Map<String, String> environment, Region region) {
    TrustedDeviceSettings settings = TrustedDeviceSettings.fromEnvironment(environment);
    return settings.enabled()
        ? new TrustedDeviceSteps(settings, fromEnvironment(environment, region))
        : TrustedDeviceSteps.OFF;
  }

  /** The same on a DynamoDB client the function already has (one client, one set of sockets). */
  public static TrustedDeviceSteps steps(Map<String, String> environment, DynamoDbClient dynamo) {
    TrustedDeviceSettings settings = TrustedDeviceSettings.fromEnvironment(environment);
    return settings.enabled()
        ? new TrustedDeviceSteps(
            settings, new DynamoDbTrustedDevices(dynamo, tableName(environment)))
        : TrustedDeviceSteps.OFF;
  }

  public static String tableName(Map<String, String> environment) {
    String name = environment.getOrDefault(TABLE_VARIABLE, "").strip();
    if (!TABLE_NAME.matcher(name).matches()) {
      throw new InvalidSettingException(
          TABLE_VARIABLE
              + " is \""
              + name
              + "\"; it must name the trusted-device table (3 to 255 letters, digits, '_', '-',"
              + " '.'), as the template sets it with !Ref TrustedDeviceTable");
    }
    return name;
  }

  @Override
  public Optional<TrustedDevice> find(String sub, String deviceId, Instant now) {
    Map<String, AttributeValue> item;
    try {
      item =
          dynamo
              .getItem(
                  r ->
                      r.tableName(table)
                          .key(key(sub, deviceId))
                          .consistentRead(true)
                          .overrideConfiguration(o -> o.apiCallTimeout(callBudget)))
              .item();
    } catch (SdkException e) {
      throw failure("The device store did not answer", e, "dynamodb:GetItem");
    }
    if (item == null || item.isEmpty()) {
      return Optional.empty();
    }
    TrustedDevice device = parse(item);
    return device.aliveAt(now) ? Optional.of(device) : Optional.empty();
  }

  @Override
  public List<String> register(TrustedDevice device, Instant now) {
    try {
      dynamo.putItem(
          r ->
              r.tableName(table)
                  .item(toItem(device))
                  .overrideConfiguration(o -> o.apiCallTimeout(callBudget)));
    } catch (SdkException e) {
      throw failure("The device store did not take the device", e, "dynamodb:PutItem");
    }
    List<String> evict;
    try {
      evict = DeviceCap.toEvict(list(device.sub()), device.deviceId(), MAX_PER_USER, now);
      for (String deviceId : evict) {
        delete(device.sub(), deviceId);
      }
    } catch (SdkException e) {
      throw failure(
          "The device is registered, but the user's oldest devices could not be removed",
          e,
          "dynamodb:Query and dynamodb:DeleteItem");
    }
    return evict;
  }

  @Override
  public boolean markUsed(String sub, String deviceId, String publicKey, Instant now) {
    try {
      dynamo.updateItem(
          r ->
              r.tableName(table)
                  .key(key(sub, deviceId))
                  .updateExpression(MARK_USED)
                  .conditionExpression(MARK_USED_IF)
                  .expressionAttributeValues(
                      Map.of(
                          ":now", number(now.getEpochSecond()),
                          ":publicKey", AttributeValue.fromS(publicKey)))
                  .overrideConfiguration(o -> o.apiCallTimeout(callBudget)));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    } catch (SdkException e) {
      throw failure("The device store did not answer", e, "dynamodb:UpdateItem");
    }
  }

  @Override
  public List<TrustedDevice> list(String sub) {
    List<TrustedDevice> devices = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    try {
      do {
        Map<String, AttributeValue> from = start;
        QueryResponse page =
            dynamo.query(
                r ->
                    r.tableName(table)
                        .keyConditionExpression("#sub = :sub")
                        .expressionAttributeNames(Map.of("#sub", "sub"))
                        .expressionAttributeValues(Map.of(":sub", AttributeValue.fromS(sub)))
                        .consistentRead(true)
                        .exclusiveStartKey(from)
                        .overrideConfiguration(o -> o.apiCallTimeout(callBudget)));
        for (Map<String, AttributeValue> item : page.items()) {
          devices.add(parse(item));
        }
        start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
      } while (start != null && !start.isEmpty());
    } catch (SdkException e) {
      throw failure("The device store did not list the devices", e, "dynamodb:Query");
    }
    devices.sort(
        Comparator.comparing(TrustedDevice::createdAt).thenComparing(TrustedDevice::deviceId));
    return devices;
  }

  @Override
  public boolean remove(String sub, String deviceId) {
    try {
      return delete(sub, deviceId);
    } catch (SdkException e) {
      throw failure("The device store did not remove the device", e, "dynamodb:DeleteItem");
    }
  }

  @Override
  public int removeAll(String sub) {
    int removed = 0;
    for (TrustedDevice device : list(sub)) {
      if (remove(sub, device.deviceId())) {
        removed++;
      }
    }
    return removed;
  }

  private boolean delete(String sub, String deviceId) {
    return dynamo
        .deleteItem(
            r ->
                r.tableName(table)
                    .key(key(sub, deviceId))
                    .returnValues(ReturnValue.ALL_OLD)
                    .overrideConfiguration(o -> o.apiCallTimeout(callBudget)))
        .hasAttributes();
  }

  private static Map<String, AttributeValue> key(String sub, String deviceId) {
    return Map.of("sub", AttributeValue.fromS(sub), "deviceId", AttributeValue.fromS(deviceId));
  }

  static Map<String, AttributeValue> toItem(TrustedDevice device) {
    return Map.of(
        "sub", AttributeValue.fromS(device.sub()),
        "deviceId", AttributeValue.fromS(device.deviceId()),
        "publicKey", AttributeValue.fromS(device.publicKey()),
        "name", AttributeValue.fromS(device.name()),
        "createdAt", number(device.createdAt().getEpochSecond()),
        "lastUsedAt", number(device.lastUsedAt().getEpochSecond()),
        "expiresAt", number(device.expiresAt().getEpochSecond()));
  }

  /** Reads an item; one this code did not write (a missing or malformed attribute) throws. */
  private TrustedDevice parse(Map<String, AttributeValue> item) {
    try {
      TrustedDevice device =
          new TrustedDevice(
              item.get("sub").s(),
              item.get("deviceId").s(),
              item.get("publicKey").s(),
              item.get("name").s(),
              Instant.ofEpochSecond(Long.parseLong(item.get("createdAt").n())),
              Instant.ofEpochSecond(Long.parseLong(item.get("lastUsedAt").n())),
              Instant.ofEpochSecond(Long.parseLong(item.get("expiresAt").n())));
      if (DeviceKey.parse(device.publicKey())
          .filter(key -> key.deviceId().equals(device.deviceId()))
          .isEmpty()) {
        throw new IllegalArgumentException("the key does not match the id");
      }
      return device;
    } catch (RuntimeException e) {
      throw new TriggerFailureException(
          "The device store holds an item this code did not write in the table "
              + table
              + " ("
              + e.getClass().getSimpleName()
              + "); remove it");
    }
  }

  private static AttributeValue number(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  private TriggerFailureException failure(String what, SdkException e, String actions) {
    return new TriggerFailureException(
        what + ": " + DynamoDbCalls.explain(e, table, callBudget, actions), e);
  }
}
