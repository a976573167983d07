package io.github.cognitoemailotp.verify;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.github.cognitoemailotp.aws.AwsClients;
import io.github.cognitoemailotp.aws.DynamoDbCalls;
import io.github.cognitoemailotp.aws.DynamoDbSecondFactorPasses;
import io.github.cognitoemailotp.aws.DynamoDbTrustedDevices;
import io.github.cognitoemailotp.aws.DynamoDbUserLock;
import io.github.cognitoemailotp.layer.EmailSenderSettings;
import io.github.cognitoemailotp.layer.SnapStartHook;
import io.github.cognitoemailotp.layer.VerifyAuthChallenge;
import io.github.cognitoemailotp.layer.device.TrustedDeviceSteps;
import io.github.cognitoemailotp.layer.internal.UtcClock;
import io.github.cognitoemailotp.layer.lock.LockSettings;
import io.github.cognitoemailotp.layer.metrics.MetricsSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Lambda entry point of the Verify Auth Challenge trigger. The code and its expiry arrive in the
 * private challenge parameters Create wrote; a correct answer leaves a second-factor pass in the
 * pass table (SECOND_FACTOR_PASS_TABLE) for the token gate, and every answer changes the user's
 * wrong-code count in the lock table (USER_LOCK_TABLE). Both stores share one DynamoDB client,
 * built once at init; the lock notice's SES client is built on the first lock ({@link
 * LazyLockNotices}). With SnapStart, {@link SnapStartPriming} warms the trigger's path and the
 * DynamoDB client before the snapshot, without a write.
 */
public final class VerifyAuthChallengeHandler implements RequestStreamHandler {

  private final VerifyAuthChallenge trigger;

  /** Held so CRaC, which holds resources weakly, still calls it; null unless a SnapStart init. */
  private final SnapStartPriming priming;

  /**
   * Reads METRICS_NAMESPACE, SECOND_FACTOR_PASS_TABLE, USER_LOCK_TABLE,
   * MAX_CONSECUTIVE_WRONG_CODES, CODE_LENGTH, PASSWORD_RECOVERY, EMAIL_SENDER,
   * SES_CONFIGURATION_SET, TRUSTED_DEVICE_DAYS (and, when it is not 0, TRUSTED_DEVICE_TABLE) and
   * AWS_REGION; an invalid one, or a weak combination of the lock's settings, stops init with a
   * message naming it. AWS_LAMBDA_INITIALIZATION_TYPE says whether to register the priming.
   */
  public VerifyAuthChallengeHandler() {
    this(System.getenv());
  }

  VerifyAuthChallengeHandler(Map<String, String> environment) {
    this(
        environment,
        AwsClients.region(environment),
        LockSettings.fromEnvironment(environment),
        EmailSenderSettings.fromEnvironment(environment));
  }

  private VerifyAuthChallengeHandler(
      Map<String, String> environment,
      Region region,
      LockSettings lockSettings,
      EmailSenderSettings senderSettings) {
    this(
        environment,
        region,
        lockSettings,
        senderSettings,
        DynamoDbCalls.clientBuilder(region).build());
  }

  private VerifyAuthChallengeHandler(
      Map<String, String> environment,
      Region region,
      LockSettings lockSettings,
      EmailSenderSettings senderSettings,
      DynamoDbClient dynamo) {
    this(
        MetricsSettings.fromEnvironment(environment),
        region,
        lockSettings,
        new DynamoDbSecondFactorPasses(dynamo, DynamoDbSecondFactorPasses.tableName(environment)),
        new DynamoDbUserLock(
            dynamo,
            DynamoDbUserLock.tableName(environment),
            lockSettings.maxConsecutiveWrongCodes()),
        new LazyLockNotices(senderSettings, region),
        DynamoDbTrustedDevices.steps(environment, dynamo),
        SnapStartHook.isSnapStartInit(environment));
  }

  private VerifyAuthChallengeHandler(
      MetricsSettings metricsSettings,
      Region region,
      LockSettings lockSettings,
      DynamoDbSecondFactorPasses passes,
      DynamoDbUserLock lock,
      LazyLockNotices notices,
      TrustedDeviceSteps devices,
      boolean snapStartInit) {
    this.trigger =
        new VerifyAuthChallenge(
            UtcClock.INSTANCE, metricsSettings, passes, lock, lockSettings, notices, devices);
    // Loads and first-runs the DynamoDB client's request path at init (signed, never sent), so the
    // first answer's write is not the one that pays for it, with or without SnapStart.
    passes.warmUp(UtcClock.INSTANCE.instant());
    this.priming =
        snapStartInit
            ? SnapStartHook.register(new SnapStartPriming(region, passes, lock, lockSettings))
            : null;
  }

  /** The registered priming, or null when this is not a SnapStart init. */
  SnapStartPriming priming() {
    return priming;
  }

  VerifyAuthChallengeHandler(VerifyAuthChallenge trigger) {
    this.trigger = trigger;
    this.priming = null;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    output.write(trigger.handle(input.readAllBytes(), context.getLogger()));
  }
}
