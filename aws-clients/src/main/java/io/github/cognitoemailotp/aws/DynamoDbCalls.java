package io.github.cognitoemailotp.aws;

import java.time.Duration;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * What every function's DynamoDB store shares: the client builder (with {@link
 * AwsClients#DYNAMODB}'s time budget and short, fixed retry pauses), what is left of a call's time,
 * and how a failure is said in a log line.
 */
public final class DynamoDbCalls {

  /** All DynamoDB calls of one store operation together, retries included. */
  public static final Duration CALL_BUDGET = AwsClients.DYNAMODB.call();

  /**
   * Pauses before a retry: short and fixed, so that up to three attempts fit in {@link
   * #CALL_BUDGET} and a throttled or failing store is reported as such rather than as a timeout.
   */
  public static final Duration RETRY_DELAY = Duration.ofMillis(25);

  public static final Duration THROTTLED_RETRY_DELAY = Duration.ofMillis(100);

  private DynamoDbCalls() {}

  /**
   * A DynamoDB client builder with {@link AwsClients#DYNAMODB}'s timeouts, the shared credentials,
   * HTTP client and priming stop, and the short fixed retry pauses above. {@code
   * AWS_ENDPOINT_URL_DYNAMODB}, when set, points the SDK at another endpoint (the local stack).
   */
  public static DynamoDbClientBuilder clientBuilder(Region region) {
    return AwsClients.configure(DynamoDbClient.builder(), region, AwsClients.DYNAMODB)
        .overrideConfiguration(
            AwsClients.overrideConfiguration(AwsClients.DYNAMODB).toBuilder()
                .retryStrategy(
                    AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(AwsClients.DYNAMODB.maxAttempts())
                        .backoffStrategy(BackoffStrategy.fixedDelay(RETRY_DELAY))
                        .throttlingBackoffStrategy(
                            BackoffStrategy.fixedDelay(THROTTLED_RETRY_DELAY))
                        .build())
                .build());
  }

  /**
   * Takes {@code request} through {@code dynamo} as far as it goes without writing, for SnapStart
   * priming: marshalled, its endpoint resolved, credentials fetched and signed, and then {@link
   * AwsClients.StopBeforeTransmission} ends it unsent. Nothing is written and no connection is
   * opened (none can go stale in the snapshot). Never throws.
   *
   * @return whether the request got as far as its signature
   */
  public static boolean signWithoutSending(DynamoDbClient dynamo, UpdateItemRequest request) {
    try {
      dynamo.updateItem(
          request.toBuilder()
              .overrideConfiguration(
                  request
                      .overrideConfiguration()
                      .map(AwsRequestOverrideConfiguration::toBuilder)
                      .orElseGet(AwsRequestOverrideConfiguration::builder)
                      .putExecutionAttribute(AwsClients.PRIMING, true)
                      .build())
              .build());
      return false;
    } catch (RuntimeException e) {
      return AwsClients.primingStop(e).map(AwsClients.PrimingStopped::signed).orElse(false);
    }
  }

  /** What is left until {@code deadline} (a {@link System#nanoTime()}); at least a millisecond. */
  public static Duration remaining(long deadline) {
    return Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
  }

  /**
   * Says what went wrong with a call on {@code table}, for a log line or a trigger's message.
   *
   * @param callBudget the time the calls had
   * @param actions the IAM actions the function needs on the table, for an access refusal
   */
  public static String explain(SdkException e, String table, Duration callBudget, String actions) {
    if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
      return "DynamoDB did not answer within " + callBudget.toMillis() + " ms";
    }
    if (e instanceof DynamoDbException service) {
      AwsErrorDetails details = service.awsErrorDetails();
      String code = details == null ? "" : details.errorCode();
      return switch (code == null ? "" : code) {
        case "ProvisionedThroughputExceededException",
            "ThrottlingException",
            "RequestLimitExceeded" ->
            "DynamoDB throttled the request (" + code + ")";
        case "ResourceNotFoundException" -> "the table " + table + " does not exist";
        case "AccessDeniedException", "UnrecognizedClientException" ->
            "the function may not use the table "
                + table
                + " ("
                + code
                + "); its role needs "
                + actions
                + " on it";
        default -> "DynamoDB answered " + (code == null || code.isEmpty() ? "an error" : code);
      };
    }
    return "DynamoDB could not be reached (" + e.getClass().getSimpleName() + ")";
  }
}
