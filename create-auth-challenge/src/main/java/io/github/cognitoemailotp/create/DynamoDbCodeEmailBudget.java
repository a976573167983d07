package io.github.cognitoemailotp.create;

import io.github.cognitoemailotp.aws.AwsClients;
import io.github.cognitoemailotp.aws.DynamoDbCalls;
import io.github.cognitoemailotp.layer.InvalidSettingException;
import io.github.cognitoemailotp.layer.TriggerFailureException;
import io.github.cognitoemailotp.layer.budget.BudgetSpend;
import io.github.cognitoemailotp.layer.budget.BudgetWindows;
import io.github.cognitoemailotp.layer.budget.CodeEmailBudget;
import io.github.cognitoemailotp.layer.budget.CodeEmailLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The code-email budgets in a DynamoDB table: one item per user, keyed by their {@code sub}, with
 * the current hour's and day's starts and counts (docs/design.md shows the item and the update
 * expressions). No address or other personal data is stored.
 *
 * <p>One email is one {@code UpdateItem} whose condition expression holds only if the stored
 * windows are the expected ones and under their limits, so concurrent sign-ins of one user are
 * serialised by DynamoDB on that item and can never spend more than the budget: there is no read
 * before the write that decides. The first write tried is {@link #FIRST_WRITE}, the likeliest. When
 * its condition fails, the item as DynamoDB found it (returned with the refusal, {@code
 * ReturnValuesOnConditionCheckFailure}; read with a consistent {@code GetItem} where a store does
 * not return it) says which write applies now ({@link BudgetWindows#next}): another conditional
 * write (a new hour, or the same hour and day), or a refusal with the time the budget allows an
 * email again.
 *
 * <p>Fails closed: a store that cannot be reached, is slow or throttles within {@link #CALL_BUDGET}
 * throws {@link TriggerFailureException}, and no email is sent. The budget leaves SES its time
 * inside Cognito's 5 seconds.
 */
final class DynamoDbCodeEmailBudget implements CodeEmailBudget {

  /** All DynamoDB calls of one spend together, retries included. */
  static final Duration CALL_BUDGET = DynamoDbCalls.CALL_BUDGET;

  /**
   * Conditional writes per spend: the first, then one per change another sign-in made in between (a
   * new hour or day started by it); more means the item is changing faster than any real use.
   */
  static final int MAX_WRITES = 4;

  /**
   * The write tried first: starting the user's day, which is right for a user's first email of the
   * day (a new user's first ever, and a sign-in's first email for anyone who signs in at most once
   * a day, the usual case for a second factor): one call. Anything else takes two (the refusal
   * carries the item, which says what applies), where trying {@code ADD_TO_BOTH} first had made
   * every first email of an hour three calls: a refusal, a read, the write (docs/performance.md).
   */
  static final BudgetWindows.Write FIRST_WRITE = BudgetWindows.Write.START_DAY;

  /** The environment variable holding the table's name, set by the template from {@code !Ref}. */
  static final String TABLE_VARIABLE = "CODE_EMAIL_BUDGET_TABLE";

  /** A key no user has (a sub is a UUID), read by SnapStart priming. */
  static final String PRIMING_KEY = "snapstart-priming";

  private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");

  private static final String ADD_TO_BOTH =
      "SET hourEmails = hourEmails + :one, dayEmails = dayEmails + :one, expiresAt = :expiresAt";
  private static final String ADD_TO_BOTH_IF =
      "hourStart = :hourStart AND dayStart = :dayStart"
          + " AND hourEmails < :maxPerHour AND dayEmails < :maxPerDay";
  private static final String START_HOUR =
      "SET hourStart = :hourStart, hourEmails = :one, dayEmails = dayEmails + :one,"
          + " expiresAt = :expiresAt";
  private static final String START_HOUR_IF =
      "hourStart < :hourStart AND dayStart = :dayStart AND dayEmails < :maxPerDay";
  private static final String START_DAY =
      "SET hourStart = :hourStart, hourEmails = :one, dayStart = :dayStart, dayEmails = :one,"
          + " expiresAt = :expiresAt";
  private static final String START_DAY_IF =
      "attribute_not_exists(dayStart) OR dayStart < :dayStart";

  private final DynamoDbClient dynamo;
  private final String table;
  private final CodeEmailLimits limits;
  private final Duration callBudget;

  DynamoDbCodeEmailBudget(DynamoDbClient dynamo, String table, CodeEmailLimits limits) {
    this(dynamo, table, limits, CALL_BUDGET);
  }

  /** With another time budget per spend, for tests on a loaded machine. */
  DynamoDbCodeEmailBudget(
      DynamoDbClient dynamo, String table, CodeEmailLimits limits, Duration callBudget) {
    this.dynamo = dynamo;
    this.table = table;
    this.limits = limits;
    this.callBudget = callBudget;
  }

  /**
   * The budget of the function's environment: the table from {@link #TABLE_VARIABLE}, the limits
   * from theirs, a client for {@code region} configured as {@link AwsClients} configures every
   * client. {@code AWS_ENDPOINT_URL_DYNAMODB}, when set, points the SDK at another endpoint (the
   * local stack).
   */
  static DynamoDbCodeEmailBudget fromEnvironment(Map<String, String> environment, Region region) {
    return fromEnvironment(environment, clientBuilder(region).build());
  }

  /** The budget of the function's environment on {@code dynamo}, a client the function shares. */
  static DynamoDbCodeEmailBudget fromEnvironment(
      Map<String, String> environment, DynamoDbClient dynamo) {
    return new DynamoDbCodeEmailBudget(
        dynamo, tableName(environment), CodeEmailLimits.fromEnvironment(environment));
  }

  /** The budget's DynamoDB client (the handler's lock shares it). */
  DynamoDbClient client() {
    return dynamo;
  }

  /** This budget (its table, limits and time) on another client: SnapStart priming's. */
  DynamoDbCodeEmailBudget withClient(DynamoDbClient other) {
    return new DynamoDbCodeEmailBudget(other, table, limits, callBudget);
  }

  static String tableName(Map<String, String> environment) {
    String name = environment.getOrDefault(TABLE_VARIABLE, "").strip();
    if (!TABLE_NAME.matcher(name).matches()) {
      throw new InvalidSettingException(
          TABLE_VARIABLE
              + " is \""
              + name
              + "\"; it must name the budget table (3 to 255 letters, digits, '_', '-', '.'),"
              + " as the template sets it with !Ref CodeEmailBudgetTable");
    }
    return name;
  }

  /** The DynamoDB client builder every function uses ({@link DynamoDbCalls#clientBuilder}). */
  static DynamoDbClientBuilder clientBuilder(Region region) {
    return DynamoDbCalls.clientBuilder(region);
  }

  @Override
  public BudgetSpend spend(String userSub, Instant now) {
    long deadline = System.nanoTime() + callBudget.toNanos();
    BudgetWindows.Write write = FIRST_WRITE;
    Optional<BudgetWindows.Counts> stored = Optional.empty();
    try {
      for (int i = 0; i < MAX_WRITES; i++) {
        if (write == BudgetWindows.Write.NONE) {
          return BudgetWindows.refusal(stored.orElseThrow(), limits, now);
        }
        try {
          dynamo.updateItem(update(userSub, write, now, remaining(deadline)));
          return BudgetSpend.grant();
        } catch (ConditionalCheckFailedException e) {
          stored = e.hasItem() ? counts(e.item()) : read(userSub, remaining(deadline));
          write = BudgetWindows.next(stored, limits, now);
        }
      }
    } catch (SdkException e) {
      throw new TriggerFailureException(
          misconfigured(e) ? NOT_SET_UP : TRY_AGAIN, unavailable(explain(e)), e);
    }
    throw new TriggerFailureException(
        TRY_AGAIN,
        unavailable("the user's budget item changed " + MAX_WRITES + " times during one email"),
        null);
  }

  /**
   * Takes the client as far as it goes without writing, for SnapStart priming: the trigger's
   * conditional write for a key no user has is marshalled, its endpoint resolved, credentials
   * fetched and the request signed, and {@link AwsClients.StopBeforeTransmission} ends it unsent.
   * Nothing is written and no connection is opened (none can go stale in the snapshot). Never
   * throws.
   *
   * @return whether the request got as far as its signature
   */
  boolean warmUp(Instant now) {
    return DynamoDbCalls.signWithoutSending(
        dynamo, update(PRIMING_KEY, FIRST_WRITE, now, callBudget));
  }

  /** The conditional write {@code write}, with only the values its expressions use. */
  UpdateItemRequest update(
      String userSub, BudgetWindows.Write write, Instant now, Duration timeout) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":one", number(1));
    values.put(":expiresAt", number(BudgetWindows.expiresAt(now)));
    values.put(":dayStart", number(BudgetWindows.dayStart(now)));
    String update;
    String condition;
    switch (write) {
      case ADD_TO_BOTH -> {
        update = ADD_TO_BOTH;
        condition = ADD_TO_BOTH_IF;
        values.put(":hourStart", number(BudgetWindows.hourStart(now)));
        values.put(":maxPerHour", number(limits.maxPerHour()));
        values.put(":maxPerDay", number(limits.maxPerDay()));
      }
      case START_HOUR -> {
        update = START_HOUR;
        condition = START_HOUR_IF;
        values.put(":hourStart", number(BudgetWindows.hourStart(now)));
        values.put(":maxPerDay", number(limits.maxPerDay()));
      }
      case START_DAY -> {
        update = START_DAY;
        condition = START_DAY_IF;
        values.put(":hourStart", number(BudgetWindows.hourStart(now)));
      }
      default -> throw new IllegalArgumentException("no write for " + write);
    }
    return UpdateItemRequest.builder()
        .tableName(table)
        .key(key(userSub))
        .updateExpression(update)
        .conditionExpression(condition)
        .expressionAttributeValues(values)
        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
        .overrideConfiguration(timeout(timeout))
        .build();
  }

  /**
   * A call's time limit. Built directly, not through the builder's lambda form: a lambda's first
   * use on the first event's path costs a cold start its linkage.
   */
  private static AwsRequestOverrideConfiguration timeout(Duration timeout) {
    return AwsRequestOverrideConfiguration.builder().apiCallTimeout(timeout).build();
  }

  private Optional<BudgetWindows.Counts> read(String userSub, Duration timeout) {
    Map<String, AttributeValue> item =
        dynamo
            .getItem(
                GetItemRequest.builder()
                    .tableName(table)
                    .key(key(userSub))
                    .consistentRead(true)
                    .overrideConfiguration(timeout(timeout))
                    .build())
            .item();
    return counts(item);
  }

  /** The windows and counts of a stored item; empty when there is none. */
  private static Optional<BudgetWindows.Counts> counts(Map<String, AttributeValue> item) {
    if (item == null || item.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new BudgetWindows.Counts(
              Long.parseLong(item.get("hourStart").n()),
              Integer.parseInt(item.get("hourEmails").n()),
              Long.parseLong(item.get("dayStart").n()),
              Integer.parseInt(item.get("dayEmails").n())));
    } catch (RuntimeException e) {
      throw new TriggerFailureException(
          NOT_SET_UP, unavailable("the user's budget item is not one this function wrote"), e);
    }
  }

  private static Map<String, AttributeValue> key(String userSub) {
    return Map.of("sub", AttributeValue.fromS(userSub));
  }

  private static AttributeValue number(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  private static Duration remaining(long deadline) {
    return DynamoDbCalls.remaining(deadline);
  }

  private String explain(SdkException e) {
    return DynamoDbCalls.explain(e, table, callBudget, "dynamodb:UpdateItem and dynamodb:GetItem");
  }

  /**
   * What the app is told when the store is misconfigured (a missing table, denied access, an item
   * this code did not write): like SES's messages, nothing about the table, the role or the region,
   * which go to the log ({@link #unavailable}).
   */
  static final String NOT_SET_UP =
      "The sign-in code could not be sent: sign-in is not set up correctly. Contact support";

  /** What the app is told when the store is slow, throttled, unreachable or failing. */
  static final String TRY_AGAIN = "The sign-in code could not be sent. Try again in a moment";

  /** A failure an operator must fix, as opposed to one that passes by itself. */
  private static boolean misconfigured(SdkException e) {
    if (e instanceof DynamoDbException service && service.statusCode() < 500) {
      AwsErrorDetails details = service.awsErrorDetails();
      String code = details == null || details.errorCode() == null ? "" : details.errorCode();
      return !switch (code) {
        case "ProvisionedThroughputExceededException",
            "ThrottlingException",
            "RequestLimitExceeded" ->
            true;
        default -> false;
      };
    }
    return false;
  }

  /** For the operator's log line: what failed, which table, what to fix. */
  private static String unavailable(String why) {
    return "The code-email budget could not be checked ("
        + why
        + "), so no code was sent. Try again in a moment.";
  }
}
