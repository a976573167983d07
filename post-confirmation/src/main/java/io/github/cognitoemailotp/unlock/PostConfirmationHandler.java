package io.github.cognitoemailotp.unlock;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.github.cognitoemailotp.aws.AwsClients;
import io.github.cognitoemailotp.aws.DynamoDbTrustedDevices;
import io.github.cognitoemailotp.aws.DynamoDbUserLock;
import io.github.cognitoemailotp.layer.PostConfirmation;
import io.github.cognitoemailotp.layer.device.TrustedDeviceSteps;
import io.github.cognitoemailotp.layer.lock.LockSettings;
import io.github.cognitoemailotp.layer.metrics.MetricsSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Map;

/**
 * Lambda entry point of the pool's Post Confirmation trigger ({@link PostConfirmation} decides): a
 * password reset lifts the user's lock. The lock table's DynamoDB client is built once at init and
 * its request path first-run there (signed, never sent). It is not on a sign-in's path, so it has
 * no SnapStart priming hook; the snapshot still holds the built client.
 */
public final class PostConfirmationHandler implements RequestStreamHandler {

  private final PostConfirmation trigger;

  /**
   * Reads USER_LOCK_TABLE, MAX_CONSECUTIVE_WRONG_CODES, CODE_LENGTH, METRICS_NAMESPACE,
   * TRUSTED_DEVICE_DAYS (and, when it is not 0, TRUSTED_DEVICE_TABLE) and AWS_REGION; an invalid
   * one stops init with a message naming it.
   */
  public PostConfirmationHandler() {
    this(System.getenv());
  }

  PostConfirmationHandler(Map<String, String> environment) {
    this(
        MetricsSettings.fromEnvironment(environment),
        DynamoDbUserLock.fromEnvironment(
            environment,
            AwsClients.region(environment),
            LockSettings.fromEnvironment(environment).maxConsecutiveWrongCodes()),
        DynamoDbTrustedDevices.steps(environment, AwsClients.region(environment)));
  }

  private PostConfirmationHandler(
      MetricsSettings metricsSettings, DynamoDbUserLock lock, TrustedDeviceSteps devices) {
    this.trigger = new PostConfirmation(lock, metricsSettings, devices);
    lock.warmUp(Clock.systemUTC().instant());
  }

  PostConfirmationHandler(PostConfirmation trigger) {
    this.trigger = trigger;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    output.write(trigger.handle(input.readAllBytes(), context.getLogger()));
  }
}
