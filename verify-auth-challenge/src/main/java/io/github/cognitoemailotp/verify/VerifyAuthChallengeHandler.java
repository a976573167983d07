package io.github.cognitoemailotp.verify;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.github.cognitoemailotp.aws.AwsClients;
import io.github.cognitoemailotp.aws.DynamoDbSecondFactorPasses;
import io.github.cognitoemailotp.layer.MetricsSettings;
import io.github.cognitoemailotp.layer.VerifyAuthChallenge;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.regions.Region;

/**
 * Lambda entry point of the Verify Auth Challenge trigger. The code and its expiry arrive in the
 * private challenge parameters Create wrote; a correct answer leaves a second-factor pass in the
 * pass table (SECOND_FACTOR_PASS_TABLE) for the token gate. The table's DynamoDB client is built
 * once at init. With SnapStart, {@link SnapStartPriming} warms the trigger's path and the client
 * before the snapshot, without a write.
 */
public final class VerifyAuthChallengeHandler implements RequestStreamHandler {

  private final VerifyAuthChallenge trigger;

  /** Held so CRaC, which holds resources weakly, still calls it at the checkpoint. */
  private final SnapStartPriming priming;

  /**
   * Reads METRICS_NAMESPACE, SECOND_FACTOR_PASS_TABLE and AWS_REGION; an invalid one stops init
   * with a message naming it.
   */
  public VerifyAuthChallengeHandler() {
    this(System.getenv());
  }

  VerifyAuthChallengeHandler(Map<String, String> environment) {
    this(MetricsSettings.fromEnvironment(environment), AwsClients.region(environment), environment);
  }

  private VerifyAuthChallengeHandler(
      MetricsSettings metricsSettings, Region region, Map<String, String> environment) {
    this(metricsSettings, region, DynamoDbSecondFactorPasses.fromEnvironment(environment, region));
  }

  private VerifyAuthChallengeHandler(
      MetricsSettings metricsSettings, Region region, DynamoDbSecondFactorPasses passes) {
    this.trigger = new VerifyAuthChallenge(Clock.systemUTC(), metricsSettings, passes);
    // Loads and first-runs the DynamoDB client's request path at init (signed, never sent), so the
    // first correct answer's write is not the one that pays for it, with or without SnapStart.
    passes.warmUp(Clock.systemUTC().instant());
    this.priming = SnapStartPriming.register(new SnapStartPriming(region, passes));
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
