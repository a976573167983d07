package io.github.cognitoemailotp.create;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.github.cognitoemailotp.aws.AwsClients;
import io.github.cognitoemailotp.aws.DynamoDbTrustedDevices;
import io.github.cognitoemailotp.aws.DynamoDbUserLock;
import io.github.cognitoemailotp.aws.EmailTemplates;
import io.github.cognitoemailotp.aws.SesEmailSender;
import io.github.cognitoemailotp.layer.CodeGenerator;
import io.github.cognitoemailotp.layer.CreateAuthChallenge;
import io.github.cognitoemailotp.layer.CreateSettings;
import io.github.cognitoemailotp.layer.SnapStartHook;
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
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * Lambda entry point of the Create Auth Challenge trigger. Settings, templates, the SES client and
 * the code-email budget's DynamoDB client are built once at init; codes are made per invocation
 * (see {@link CodeGenerator#secureRandom()}). For a SnapStart init (and only then, {@link
 * SnapStartHook}), {@link SnapStartPriming} warms the trigger's path and both clients before the
 * snapshot, without sending an email or writing.
 */
public final class CreateAuthChallengeHandler implements RequestStreamHandler {

  private final CreateAuthChallenge trigger;

  /** Held so CRaC, which holds resources weakly, still calls it; null unless a SnapStart init. */
  private final SnapStartPriming priming;

  /**
   * Reads the environment; an invalid variable stops init with a message naming it.
   * AWS_LAMBDA_INITIALIZATION_TYPE says whether to register the priming.
   */
  public CreateAuthChallengeHandler() {
    this(System.getenv());
  }

  private CreateAuthChallengeHandler(Map<String, String> environment) {
    this(
        CreateSettings.fromEnvironment(environment),
        AwsClients.region(environment),
        MetricsSettings.fromEnvironment(environment),
        environment);
  }

  private CreateAuthChallengeHandler(
      CreateSettings settings,
      Region region,
      MetricsSettings metricsSettings,
      Map<String, String> environment) {
    this(
        settings,
        region,
        SesEmailSender.client(region),
        DynamoDbCodeEmailBudget.clientBuilder(region).build(),
        EmailTemplates.load(),
        metricsSettings,
        environment);
  }

  /** The budget and the lock share one DynamoDB client: one set of credentials, one pool. */
  private CreateAuthChallengeHandler(
      CreateSettings settings,
      Region region,
      SesV2Client ses,
      DynamoDbClient dynamo,
      EmailTemplates templates,
      MetricsSettings metricsSettings,
      Map<String, String> environment) {
    this(
        settings,
        region,
        ses,
        DynamoDbCodeEmailBudget.fromEnvironment(environment, dynamo),
        new DynamoDbUserLock(
            dynamo,
            DynamoDbUserLock.tableName(environment),
            LockSettings.fromEnvironment(environment).maxConsecutiveWrongCodes()),
        templates,
        metricsSettings,
        DynamoDbTrustedDevices.steps(environment, dynamo),
        SnapStartHook.isSnapStartInit(environment));
  }

  private CreateAuthChallengeHandler(
      CreateSettings settings,
      Region region,
      SesV2Client ses,
      DynamoDbCodeEmailBudget budget,
      DynamoDbUserLock lock,
      EmailTemplates templates,
      MetricsSettings metricsSettings,
      TrustedDeviceSteps devices,
      boolean snapStartInit) {
    this.trigger =
        new CreateAuthChallenge(
            lock,
            settings,
            new SesEmailSender(
                ses, settings.emailSender(), settings.sesConfigurationSet(), templates, region),
            budget,
            CodeGenerator.secureRandom(),
            UtcClock.INSTANCE,
            metricsSettings,
            devices);
    // Loads and first-runs the DynamoDB client's request path at init (signed, never sent), so the
    // first sign-in's budget call is not the one that pays for it, with or without SnapStart.
    budget.warmUp(UtcClock.INSTANCE.instant());
    this.priming =
        snapStartInit
            ? SnapStartHook.register(
                new SnapStartPriming(settings, region, ses, budget, lock, templates))
            : null;
  }

  CreateAuthChallengeHandler(CreateAuthChallenge trigger) {
    this.trigger = trigger;
    this.priming = null;
  }

  /** The registered priming, or null when this is not a SnapStart init. */
  SnapStartPriming priming() {
    return priming;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    output.write(trigger.handle(input.readAllBytes(), context.getLogger()));
  }
}
