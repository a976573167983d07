package io.github.cognitoemailotp.gate;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.github.cognitoemailotp.aws.AwsClients;
import io.github.cognitoemailotp.aws.DynamoDbSecondFactorPasses;
import io.github.cognitoemailotp.layer.SnapStartHook;
import io.github.cognitoemailotp.layer.TokenGate;
import io.github.cognitoemailotp.layer.gate.GateSettings;
import io.github.cognitoemailotp.layer.internal.UtcClock;
import io.github.cognitoemailotp.layer.metrics.MetricsSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import software.amazon.awssdk.regions.Region;

/**
 * Lambda entry point of the token gate, the pool's Pre Token Generation trigger ({@link TokenGate}
 * decides). Settings and the pass table's DynamoDB client are built once at init. A refusal is
 * thrown out of {@link #handleRequest}: Cognito then issues no tokens. For a SnapStart init (and
 * only then, {@link SnapStartHook}), {@link SnapStartPriming} warms the gate's path and its client
 * before the snapshot, without a write.
 */
public final class TokenGateHandler implements RequestStreamHandler {

  private final TokenGate gate;

  /** Held so CRaC, which holds resources weakly, still calls it; null unless a SnapStart init. */
  private final SnapStartPriming priming;

  /**
   * Reads UNGATED_CLIENT_IDS, SECOND_FACTOR_PASS_TABLE, METRICS_NAMESPACE and AWS_REGION; an
   * invalid one stops init with a message naming it. AWS_LAMBDA_INITIALIZATION_TYPE says whether to
   * register the priming.
   */
  public TokenGateHandler() {
    this(System.getenv());
  }

  TokenGateHandler(Map<String, String> environment) {
    this(
        GateSettings.fromEnvironment(environment),
        MetricsSettings.fromEnvironment(environment),
        AwsClients.region(environment),
        environment);
  }

  private TokenGateHandler(
      GateSettings settings,
      MetricsSettings metricsSettings,
      Region region,
      Map<String, String> environment) {
    this(
        settings,
        metricsSettings,
        region,
        DynamoDbSecondFactorPasses.fromEnvironment(environment, region),
        SnapStartHook.isSnapStartInit(environment));
  }

  private TokenGateHandler(
      GateSettings settings,
      MetricsSettings metricsSettings,
      Region region,
      DynamoDbSecondFactorPasses passes,
      boolean snapStartInit) {
    this.gate = new TokenGate(settings, passes, UtcClock.INSTANCE, metricsSettings);
    // Loads and first-runs the DynamoDB client's request path at init (signed, never sent), so the
    // first sign-in's consume is not the one that pays for it, with or without SnapStart.
    passes.warmUp(UtcClock.INSTANCE.instant());
    this.priming =
        snapStartInit ? SnapStartHook.register(new SnapStartPriming(region, passes)) : null;
  }

  TokenGateHandler(TokenGate gate) {
    this.gate = gate;
    this.priming = null;
  }

  /** The registered priming, or null when this is not a SnapStart init. */
  SnapStartPriming priming() {
    return priming;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    output.write(gate.handle(input.readAllBytes(), context.getLogger()));
  }
}
