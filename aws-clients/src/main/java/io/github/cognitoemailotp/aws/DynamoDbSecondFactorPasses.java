package io.github.cognitoemailotp.aws;

import io.github.cognitoemailotp.layer.InvalidSettingException;
import io.github.cognitoemailotp.layer.TriggerFailureException;
import io.github.cognitoemailotp.layer.gate.SecondFactorPasses;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The second-factor passes in a DynamoDB table (template.yaml's {@code SecondFactorPassTable}): one
 * item per user and app client, keyed by the user's {@code sub} (partition key) and the client id
 * (sort key), holding {@code passes}, how many passes are left, and {@code expiresAt}, the epoch
 * second when they all lapse (also the table's TTL attribute, which only tidies: an item past
 * {@code expiresAt} is dead to every condition below, whether or not DynamoDB has deleted it yet).
 * No address, code or other personal data is stored.
 *
 * <ul>
 *   <li>Record (Verify, on a correct answer): {@code passes = 1} and {@code expiresAt = now + 60 s}
 *       if there is no live item (none, or lapsed: the likely case, as the gate takes a pass within
 *       seconds and a user rarely signs in again within a minute, so it is tried first and usually
 *       is the only call); otherwise {@code passes + 1} and the same expiry. Two conditional writes
 *       at most, never a read: a lapsed count is never added to.
 *   <li>Consume (the token gate): {@code passes - 1} if {@code passes >= 1} and the item is alive,
 *       one conditional write. DynamoDB applies the writes to one item one at a time, so N recorded
 *       passes serve at most N issuances, and two concurrent correct sign-ins of one user each find
 *       theirs.
 * </ul>
 *
 * <p>Each record and each consume carries a random token of its own ({@code lastRecord}, {@code
 * lastTake}), because the SDK retries an attempt that timed out and DynamoDB may have applied the
 * first one: a consume retried after its pass was taken would find none and refuse the user's
 * tokens (a loaded CI machine saw it), and a record retried could add a second pass. So an add is
 * conditional on not carrying this record's token, and a refused write reads the item (consistent
 * {@code GetItem}, only then): if it carries this call's token, the call's own earlier attempt was
 * applied, and the record is done or the pass is taken.
 *
 * <p>Fails closed: a store that cannot be reached, is slow or throttles within {@link
 * DynamoDbCalls#CALL_BUDGET} throws {@link TriggerFailureException}; the caller refuses.
 */
public final class DynamoDbSecondFactorPasses implements SecondFactorPasses {

  /** The environment variable holding the table's name, set by the template from {@code !Ref}. */
  public static final String TABLE_VARIABLE = "SECOND_FACTOR_PASS_TABLE";

  /** A key no user has (a sub is a UUID), for SnapStart priming. */
  public static final String PRIMING_KEY = "snapstart-priming";

  /**
   * Conditional writes per record: start, add, then one more pair for an item that lapsed in
   * between; more means the item changes faster than any real sign-in.
   */
  static final int MAX_WRITES = 4;

  private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");

  static final String ADD =
      "SET passes = passes + :one, expiresAt = :expiresAt, lastRecord = :token";
  static final String ADD_IF =
      "expiresAt > :now AND (attribute_not_exists(lastRecord) OR lastRecord <> :token)";
  static final String START = "SET passes = :one, expiresAt = :expiresAt, lastRecord = :token";
  static final String START_IF = "attribute_not_exists(expiresAt) OR expiresAt <= :now";
  static final String TAKE = "SET passes = passes - :one, lastTake = :token";
  static final String TAKE_IF = "passes >= :one AND expiresAt > :now";

  private final DynamoDbClient dynamo;
  private final String table;
  private final Duration callBudget;

  public DynamoDbSecondFactorPasses(DynamoDbClient dynamo, String table) {
    this(dynamo, table, DynamoDbCalls.CALL_BUDGET);
  }

  /** With another time budget per operation, for tests on a loaded machine. */
  public DynamoDbSecondFactorPasses(DynamoDbClient dynamo, String table, Duration callBudget) {
    this.dynamo = dynamo;
    this.table = table;
    this.callBudget = callBudget;
  }

  /** The passes of the function's environment: the table from {@link #TABLE_VARIABLE}. */
  public static DynamoDbSecondFactorPasses fromEnvironment(
      Map<String, String> environment, Region region) {
    return new DynamoDbSecondFactorPasses(
        DynamoDbCalls.clientBuilder(region).build(), tableName(environment));
  }

  /** These passes (their table and time) on another client: SnapStart priming's. */
  public DynamoDbSecondFactorPasses withClient(DynamoDbClient other) {
    return new DynamoDbSecondFactorPasses(other, table, callBudget);
  }

  public static String tableName(Map<String, String> environment) {
    String name = environment.getOrDefault(TABLE_VARIABLE, "").strip();
    if (!TABLE_NAME.matcher(name).matches()) {
      throw new InvalidSettingException(
          TABLE_VARIABLE
              + " is \""
              + name
              + "\"; it must name the pass table (3 to 255 letters, digits, '_', '-', '.'),"
              + " as the template sets it with !Ref SecondFactorPassTable");
    }
    return name;
  }

  @Override
  public void record(String userSub, String clientId, Instant now) {
    long deadline = System.nanoTime() + callBudget.toNanos();
    String token = UUID.randomUUID().toString();
    try {
      for (int i = 0; i < MAX_WRITES; i++) {
        boolean add = i % 2 == 1;
        try {
          dynamo.updateItem(
              write(
                  userSub,
                  clientId,
                  add ? ADD : START,
                  add ? ADD_IF : START_IF,
                  now,
                  token,
                  DynamoDbCalls.remaining(deadline)));
          return;
        } catch (ConditionalCheckFailedException e) {
          if (carries(userSub, clientId, "lastRecord", token, deadline)) {
            return; // an attempt of this record that timed out was applied after all
          }
          // Alive (start) or lapsed meanwhile (add): the other write applies now.
        }
      }
    } catch (SdkException e) {
      throw new TriggerFailureException("The pass store did not take the pass: " + explain(e), e);
    }
    throw new TriggerFailureException(
        "The pass store did not take the pass: the item changed " + MAX_WRITES + " times");
  }

  @Override
  public boolean consume(String userSub, String clientId, Instant now) {
    long deadline = System.nanoTime() + callBudget.toNanos();
    String token = UUID.randomUUID().toString();
    try {
      dynamo.updateItem(write(userSub, clientId, TAKE, TAKE_IF, now, token, callBudget));
      return true;
    } catch (ConditionalCheckFailedException e) {
      // No pass, unless an attempt of this consume that timed out took it after all.
      return carries(userSub, clientId, "lastTake", token, deadline);
    } catch (SdkException e) {
      throw new TriggerFailureException("The pass store did not answer: " + explain(e), e);
    }
  }

  /**
   * Takes the client as far as it goes without writing, for SnapStart priming: a consume for a key
   * no user has is marshalled, its endpoint resolved, credentials fetched and the request signed,
   * and {@link AwsClients.StopBeforeTransmission} ends it unsent. Never throws.
   *
   * @return whether the request got as far as its signature
   */
  public boolean warmUp(Instant now) {
    return DynamoDbCalls.signWithoutSending(
        dynamo, write(PRIMING_KEY, PRIMING_KEY, TAKE, TAKE_IF, now, PRIMING_KEY, callBudget));
  }

  /**
   * Whether the item of {@code userSub} and {@code clientId} holds {@code token} in {@code
   * attribute}: a consistent read, after a refused write, within what is left of the call's time.
   */
  private boolean carries(
      String userSub, String clientId, String attribute, String token, long deadline) {
    Map<String, AttributeValue> item =
        dynamo
            .getItem(
                request ->
                    request
                        .tableName(table)
                        .key(key(userSub, clientId))
                        .consistentRead(true)
                        .projectionExpression(attribute)
                        .overrideConfiguration(
                            o -> o.apiCallTimeout(DynamoDbCalls.remaining(deadline))))
            .item();
    AttributeValue value = item == null ? null : item.get(attribute);
    return value != null && token.equals(value.s());
  }

  private static Map<String, AttributeValue> key(String userSub, String clientId) {
    return Map.of("sub", AttributeValue.fromS(userSub), "clientId", AttributeValue.fromS(clientId));
  }

  /** One conditional write on the item of {@code userSub} and {@code clientId}. */
  UpdateItemRequest write(
      String userSub,
      String clientId,
      String update,
      String condition,
      Instant now,
      String token,
      Duration timeout) {
    long nowSecond = now.getEpochSecond();
    Map<String, AttributeValue> values =
        update.contains(":expiresAt")
            ? Map.of(
                ":one", number(1),
                ":now", number(nowSecond),
                ":expiresAt", number(nowSecond + LIFETIME.toSeconds()),
                ":token", AttributeValue.fromS(token))
            : Map.of(
                ":one",
                number(1),
                ":now",
                number(nowSecond),
                ":token",
                AttributeValue.fromS(token));
    return UpdateItemRequest.builder()
        .tableName(table)
        .key(key(userSub, clientId))
        .updateExpression(update)
        .conditionExpression(condition)
        .expressionAttributeValues(values)
        .overrideConfiguration(o -> o.apiCallTimeout(timeout))
        .build();
  }

  private static AttributeValue number(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  private String explain(SdkException e) {
    return DynamoDbCalls.explain(e, table, callBudget, "dynamodb:UpdateItem");
  }
}
