package io.github.cognitoemailotp.aws;

import io.github.cognitoemailotp.layer.InvalidSettingException;
import io.github.cognitoemailotp.layer.TriggerFailureException;
import io.github.cognitoemailotp.layer.lock.UserLock;
import io.github.cognitoemailotp.layer.lock.WrongCodeCount;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The users' locks in a DynamoDB table (template.yaml's {@code UserLockTable}): one item per user
 * who typed a wrong code since their last correct one, keyed by their {@code sub}, holding {@code
 * wrongCodes}, the wrong codes in a row, and, while locked, {@code lockedAt}, the epoch second the
 * lock started. No TTL, no address or other personal data. docs/design.md ("Lockout") shows the
 * item.
 *
 * <ul>
 *   <li>A wrong code: {@code ADD wrongCodes 1} if not locked and below the last count before the
 *       limit; else {@code SET wrongCodes = limit, lockedAt = now} if not locked and at that count
 *       (this write, and only this one, starts the lock); else a consistent read tells whether the
 *       user is locked or a correct code cleared the count in between (then again). DynamoDB
 *       applies the writes to one item one at a time, so of any number of concurrent wrong codes
 *       exactly the limit-th one locks.
 *   <li>A correct code: {@code DeleteItem} if not locked; the failed condition means locked.
 *   <li>Is the user locked (Create, before an email): a consistent {@code GetItem}.
 *   <li>Unlock (the Post Confirmation trigger, an operator): {@code DeleteItem}, returning what was
 *       there.
 * </ul>
 *
 * <p>Fails closed: a store that cannot be reached, is slow or throttles within {@link
 * DynamoDbCalls#CALL_BUDGET} throws {@link TriggerFailureException}; the caller fails the sign-in.
 */
public final class DynamoDbUserLock implements UserLock {

  /** The environment variable holding the table's name, set by the template from {@code !Ref}. */
  public static final String TABLE_VARIABLE = "USER_LOCK_TABLE";

  /** A key no user has (a sub is a UUID), for SnapStart priming. */
  public static final String PRIMING_KEY = "snapstart-priming";

  /**
   * Writes per wrong code: count, lock, and again after a correct code cleared the item in between;
   * more means the item changes faster than any real sign-in.
   */
  static final int MAX_ROUNDS = 3;

  private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");

  static final String COUNT = "ADD wrongCodes :one";
  static final String COUNT_IF =
      "attribute_not_exists(lockedAt) AND (attribute_not_exists(wrongCodes) OR wrongCodes < :last)";
  static final String LOCK = "SET wrongCodes = :limit, lockedAt = :now";
  static final String LOCK_IF = "attribute_not_exists(lockedAt) AND wrongCodes >= :last";
  static final String NOT_LOCKED = "attribute_not_exists(lockedAt)";

  private final DynamoDbClient dynamo;
  private final String table;
  private final int limit;
  private final Duration callBudget;

  /**
   * @param limit wrong codes in a row that lock a user (MAX_CONSECUTIVE_WRONG_CODES)
   */
  public DynamoDbUserLock(DynamoDbClient dynamo, String table, int limit) {
    this(dynamo, table, limit, DynamoDbCalls.CALL_BUDGET);
  }

  /** With another time budget per operation, for tests on a loaded machine. */
  public DynamoDbUserLock(DynamoDbClient dynamo, String table, int limit, Duration callBudget) {
    if (limit < 1) {
      throw new IllegalArgumentException("a lock needs at least one wrong code");
    }
    this.dynamo = dynamo;
    this.table = table;
    this.limit = limit;
    this.callBudget = callBudget;
  }

  /** The locks of the function's environment: the table from {@link #TABLE_VARIABLE}. */
  public static DynamoDbUserLock fromEnvironment(
      Map<String, String> environment, Region region, int limit) {
    return new DynamoDbUserLock(
        DynamoDbCalls.clientBuilder(region).build(), tableName(environment), limit);
  }

  /** These locks (their table, limit and time) on another client: SnapStart priming's. */
  public DynamoDbUserLock withClient(DynamoDbClient other) {
    return new DynamoDbUserLock(other, table, limit, callBudget);
  }

  public static String tableName(Map<String, String> environment) {
    String name = environment.getOrDefault(TABLE_VARIABLE, "").strip();
    if (!TABLE_NAME.matcher(name).matches()) {
      throw new InvalidSettingException(
          TABLE_VARIABLE
              + " is \""
              + name
              + "\"; it must name the lock table (3 to 255 letters, digits, '_', '-', '.'),"
              + " as the template sets it with !Ref UserLockTable");
    }
    return name;
  }

  @Override
  public Optional<Instant> lockedSince(String userSub) {
    try {
      return lockedAt(read(userSub, callBudget));
    } catch (SdkException e) {
      throw failure(e, "dynamodb:GetItem");
    }
  }

  @Override
  public WrongCodeCount countWrong(String userSub, Instant now) {
    long deadline = System.nanoTime() + callBudget.toNanos();
    try {
      for (int round = 0; round < MAX_ROUNDS; round++) {
        try {
          Map<String, AttributeValue> counted =
              dynamo
                  .updateItem(
                      update(userSub, COUNT, COUNT_IF, now, DynamoDbCalls.remaining(deadline))
                          .toBuilder()
                          .returnValues(ReturnValue.UPDATED_NEW)
                          .build())
                  .attributes();
          return new WrongCodeCount(wrongCodes(counted), WrongCodeCount.Outcome.COUNTED);
        } catch (ConditionalCheckFailedException e) {
          // Locked, or this code reaches the limit: the lock write decides which.
        }
        try {
          dynamo.updateItem(update(userSub, LOCK, LOCK_IF, now, DynamoDbCalls.remaining(deadline)));
          return new WrongCodeCount(limit, WrongCodeCount.Outcome.LOCKED_NOW);
        } catch (ConditionalCheckFailedException e) {
          // Locked already, or a correct code cleared the count in between: the item says which.
        }
        Map<String, AttributeValue> item = read(userSub, DynamoDbCalls.remaining(deadline));
        if (lockedAt(item).isPresent()) {
          return new WrongCodeCount(wrongCodes(item), WrongCodeCount.Outcome.ALREADY_LOCKED);
        }
      }
    } catch (SdkException e) {
      throw failure(e, "dynamodb:UpdateItem and dynamodb:GetItem");
    }
    throw new TriggerFailureException(
        "The lock store did not count the wrong code: the item changed " + MAX_ROUNDS + " times");
  }

  @Override
  public boolean clearAfterCorrect(String userSub) {
    try {
      dynamo.deleteItem(
          DeleteItemRequest.builder()
              .tableName(table)
              .key(key(userSub))
              .conditionExpression(NOT_LOCKED)
              .overrideConfiguration(o -> o.apiCallTimeout(callBudget))
              .build());
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    } catch (SdkException e) {
      throw failure(e, "dynamodb:DeleteItem");
    }
  }

  @Override
  public WrongCodeCount unlock(String userSub) {
    try {
      DeleteItemResponse deleted =
          dynamo.deleteItem(
              DeleteItemRequest.builder()
                  .tableName(table)
                  .key(key(userSub))
                  .returnValues(ReturnValue.ALL_OLD)
                  .overrideConfiguration(o -> o.apiCallTimeout(callBudget))
                  .build());
      Map<String, AttributeValue> old = deleted.hasAttributes() ? deleted.attributes() : Map.of();
      return new WrongCodeCount(
          wrongCodes(old),
          lockedAt(old).isPresent()
              ? WrongCodeCount.Outcome.ALREADY_LOCKED
              : WrongCodeCount.Outcome.COUNTED);
    } catch (SdkException e) {
      throw failure(e, "dynamodb:DeleteItem");
    }
  }

  /**
   * Takes the client as far as it goes without writing, for SnapStart priming: a wrong-code count
   * for a key no user has is marshalled, signed and stopped unsent. Never throws.
   *
   * @return whether the request got as far as its signature
   */
  public boolean warmUp(Instant now) {
    return DynamoDbCalls.signWithoutSending(
        dynamo, update(PRIMING_KEY, COUNT, COUNT_IF, now, callBudget));
  }

  /** One conditional write on the item of {@code userSub}. */
  UpdateItemRequest update(
      String userSub, String update, String condition, Instant now, Duration timeout) {
    Map<String, AttributeValue> values =
        update.equals(LOCK)
            ? Map.of(
                ":limit", number(limit),
                ":last", number(limit - 1),
                ":now", number(now.getEpochSecond()))
            : Map.of(":one", number(1), ":last", number(limit - 1));
    return UpdateItemRequest.builder()
        .tableName(table)
        .key(key(userSub))
        .updateExpression(update)
        .conditionExpression(condition)
        .expressionAttributeValues(values)
        .overrideConfiguration(o -> o.apiCallTimeout(timeout))
        .build();
  }

  private Map<String, AttributeValue> read(String userSub, Duration timeout) {
    Map<String, AttributeValue> item =
        dynamo
            .getItem(
                GetItemRequest.builder()
                    .tableName(table)
                    .key(key(userSub))
                    .consistentRead(true)
                    .overrideConfiguration(o -> o.apiCallTimeout(timeout))
                    .build())
            .item();
    return item == null ? Map.of() : item;
  }

  private static Map<String, AttributeValue> key(String userSub) {
    return Map.of("sub", AttributeValue.fromS(userSub));
  }

  private static Optional<Instant> lockedAt(Map<String, AttributeValue> item) {
    AttributeValue lockedAt = item.get("lockedAt");
    return lockedAt == null || lockedAt.n() == null
        ? Optional.empty()
        : Optional.of(Instant.ofEpochSecond(Long.parseLong(lockedAt.n())));
  }

  private static int wrongCodes(Map<String, AttributeValue> item) {
    AttributeValue count = item.get("wrongCodes");
    return count == null || count.n() == null ? 0 : Integer.parseInt(count.n());
  }

  private static AttributeValue number(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  private TriggerFailureException failure(SdkException e, String actions) {
    return new TriggerFailureException(
        "The lock store did not answer: " + DynamoDbCalls.explain(e, table, callBudget, actions),
        e);
  }
}
