package io.github.cognitoemailotp.aws;

import io.github.cognitoemailotp.layer.InvalidSettingException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * How the functions build their AWS SDK clients, in one place for every service they call (Create's
 * SES and DynamoDB, Verify's and the token gate's DynamoDB): the region Lambda runs in, the role's
 * credentials ({@link #credentials(Map)}), the URL-connection HTTP client, each client's time
 * budget and retries, and what SnapStart priming changes: the stop before transmission for the real
 * clients, the stand-in's endpoint and dummy credentials for its own clients ({@link #forPriming}).
 * Endpoints are the SDK's own: it reads {@code AWS_ENDPOINT_URL_<SERVICE>} and {@code
 * AWS_ENDPOINT_URL} itself.
 *
 * <p>Time: Cognito waits 5 seconds for a trigger, then retries it (a retried Create makes a new
 * code and sends a second, different email; a retried token gate must still fail closed). So every
 * call a function makes has an attempt timeout and a call timeout ({@link CallBudget}) that
 * together end well inside those 5 seconds, leaving room for a cold start and a clear error. The
 * SDK retries an attempt with the same request, so a retry may send the same email twice but never
 * a different code.
 */
public final class AwsClients {

  /**
   * How long one client's calls may take.
   *
   * @param connect to open a connection
   * @param attempt one attempt, from sending to the whole answer (also each read's limit)
   * @param call the whole call, retries and their pauses included
   * @param maxAttempts attempts in all, the first included
   */
  public record CallBudget(Duration connect, Duration attempt, Duration call, int maxAttempts) {}

  /**
   * SES {@code SendEmail}: two attempts of 1.5 s within 3 s. SES answers in well under a second;
   * the margin is for a slow network, and leaves 2 s of Cognito's 5 for the function itself and its
   * DynamoDB calls.
   */
  public static final CallBudget SES =
      new CallBudget(Duration.ofMillis(1000), Duration.ofMillis(1500), Duration.ofMillis(3000), 2);

  /**
   * DynamoDB, the code-email budget (Create's {@code DynamoDbCodeEmailBudget}) and the
   * second-factor passes ({@link DynamoDbSecondFactorPasses}, Verify and the token gate): up to
   * three attempts of 500 ms within 1 s for all the calls of one spend, record or consume. DynamoDB
   * answers in milliseconds; with {@link #SES} this leaves Create 1 s of Cognito's 5 for the
   * function itself, and Verify and the gate 4 s.
   */
  public static final CallBudget DYNAMODB =
      new CallBudget(Duration.ofMillis(300), Duration.ofMillis(500), Duration.ofMillis(1000), 3);

  /** Pause before a retry after a failure (jittered, doubling up to the maximum). */
  public static final Duration RETRY_DELAY = Duration.ofMillis(50);

  public static final Duration MAX_RETRY_DELAY = Duration.ofMillis(200);

  /** Pause before a retry after throttling, which asks for a longer one. */
  public static final Duration THROTTLED_RETRY_DELAY = Duration.ofMillis(250);

  public static final Duration MAX_THROTTLED_RETRY_DELAY = Duration.ofMillis(500);

  /** One credentials provider for every client: see {@link #credentials(Map)}. */
  private static final AwsCredentialsProvider CREDENTIALS = credentials(System.getenv());

  /**
   * Credentials that sign priming's requests to its stand-in ({@link PrimingStandIn}): not the
   * function's, which must not be fetched for, or sent to, anything but AWS.
   */
  private static final AwsCredentialsProvider PRIMING_CREDENTIALS =
      StaticCredentialsProvider.create(
          AwsBasicCredentials.create("SNAPSTART-PRIMING", "snapstart-priming-not-a-secret"));

  /** Marks a call as SnapStart priming: {@link StopBeforeTransmission} ends it unsent. */
  public static final ExecutionAttribute<Boolean> PRIMING =
      new ExecutionAttribute<>("io.github.cognitoemailotp.aws.Priming");

  /** Added to a request to make it a priming call, which is never sent. */
  public static final AwsRequestOverrideConfiguration PRIMING_ONLY =
      AwsRequestOverrideConfiguration.builder().putExecutionAttribute(PRIMING, true).build();

  private AwsClients() {}

  /**
   * The region the function runs in, which Lambda sets as {@code AWS_REGION}.
   *
   * @throws InvalidSettingException when it is not set
   */
  public static Region region(Map<String, String> environment) {
    String region = environment.getOrDefault("AWS_REGION", "").strip();
    if (region.isEmpty()) {
      throw new InvalidSettingException(
          "AWS_REGION is not set; Lambda sets it, elsewhere set it to the region of the stack");
    }
    return Region.of(region);
  }

  /**
   * The function's credentials: from the environment when Lambda put its role's there (an on-demand
   * init sets {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY} and {@code
   * AWS_SESSION_TOKEN}), as the SDK's guide to Lambda start time advises: the SDK's default chain
   * would find the same ones second, after building its providers, about 55 classes more on the
   * first request (docs/performance.md, "Init step by step"). Otherwise the SDK's default chain: a
   * SnapStart init gets no keys in its environment, and the chain reads the container credentials
   * Lambda provides instead.
   */
  static AwsCredentialsProvider credentials(Map<String, String> environment) {
    return environment.getOrDefault("AWS_ACCESS_KEY_ID", "").isBlank()
        ? DefaultCredentialsProvider.builder().build()
        : EnvironmentVariableCredentialsProvider.create();
  }

  /** {@code builder} with the region, credentials, HTTP client, timeouts and retries set. */
  public static <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(
      B builder, Region region, CallBudget budget) {
    return builder
        .region(region)
        .credentialsProvider(CREDENTIALS)
        .httpClient(httpClient(budget))
        .overrideConfiguration(overrideConfiguration(budget));
  }

  /**
   * {@code builder}, already set up as its real client is, turned into a priming client's: sent to
   * {@code standIn} (on 127.0.0.1), signed with dummy credentials, and given {@link
   * #PRIMING_TIME}'s time: the first call through a fresh JVM loads thousands of classes, and at
   * publish time nobody waits for it, so an attempt that outlasts the real budget must not be cut
   * off and retried (a loaded CI machine saw three attempts and "not warmed"). Everything else, the
   * HTTP client's kind, the retry strategy and the interceptors, stays as the real client has it,
   * so priming loads and runs the same path.
   */
  public static <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B forPriming(
      B builder, URI standIn) {
    return builder
        .endpointOverride(standIn)
        .credentialsProvider(PRIMING_CREDENTIALS)
        .httpClient(httpClient(PRIMING_TIME))
        .overrideConfiguration(
            builder.overrideConfiguration().toBuilder()
                .apiCallAttemptTimeout(PRIMING_TIME.attempt())
                .apiCallTimeout(PRIMING_TIME.call())
                .build());
  }

  /** The priming clients' time: generous, since only publishing waits for it. */
  public static final CallBudget PRIMING_TIME =
      new CallBudget(Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofSeconds(60), 1);

  /**
   * The URL-connection HTTP client (the JDK's own HTTP stack: the fewest classes to load, and
   * nothing to renew after a SnapStart restore), with {@code budget}'s connect and read limits.
   */
  public static SdkHttpClient httpClient(CallBudget budget) {
    return UrlConnectionHttpClient.builder()
        .connectionTimeout(budget.connect())
        .socketTimeout(budget.attempt())
        .build();
  }

  /** Timeouts, the retry strategy and the priming stop for {@code budget}. */
  public static ClientOverrideConfiguration overrideConfiguration(CallBudget budget) {
    return ClientOverrideConfiguration.builder()
        .apiCallAttemptTimeout(budget.attempt())
        .apiCallTimeout(budget.call())
        .retryStrategy(retryStrategy(budget.maxAttempts()))
        .addExecutionInterceptor(new StopBeforeTransmission())
        .build();
  }

  /**
   * The SDK's standard strategy (it retries throttling, 5xx answers and transport failures, not a
   * refusal), with short pauses: the call's whole budget is seconds, not the SDK's default.
   */
  public static RetryStrategy retryStrategy(int maxAttempts) {
    return AwsRetryStrategy.standardRetryStrategy().toBuilder()
        .maxAttempts(maxAttempts)
        .backoffStrategy(BackoffStrategy.exponentialDelay(RETRY_DELAY, MAX_RETRY_DELAY))
        .throttlingBackoffStrategy(
            BackoffStrategy.exponentialDelay(THROTTLED_RETRY_DELAY, MAX_THROTTLED_RETRY_DELAY))
        .build();
  }

  /** The priming stop that ended {@code failure}, if a priming stop did. */
  public static Optional<PrimingStopped> primingStop(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof PrimingStopped stopped) {
        return Optional.of(stopped);
      }
    }
    return Optional.empty();
  }

  /**
   * Ends a priming call at the last step before the request leaves the process: by then it has been
   * marshalled, its endpoint resolved, its credentials fetched and its signature computed.
   */
  public static final class StopBeforeTransmission implements ExecutionInterceptor {
    @Override
    public void beforeTransmission(
        Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
      if (Boolean.TRUE.equals(executionAttributes.getAttribute(PRIMING))) {
        throw new PrimingStopped(
            context.httpRequest().firstMatchingHeader("Authorization").isPresent());
      }
    }
  }

  /** A priming call was stopped unsent; {@link #signed()} says whether it got as far as SigV4. */
  public static final class PrimingStopped extends RuntimeException {
    private final boolean signed;

    public PrimingStopped(boolean signed) {
      super("SnapStart priming: stopped before transmission", null, false, false);
      this.signed = signed;
    }

    public boolean signed() {
      return signed;
    }
  }
}
