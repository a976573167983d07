package io.github.cognitoemailotp.define;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.github.cognitoemailotp.layer.DefineAuthChallenge;
import io.github.cognitoemailotp.layer.FlowSettings;
import io.github.cognitoemailotp.layer.SnapStartHook;
import io.github.cognitoemailotp.layer.metrics.MetricsSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * Lambda entry point of the Define Auth Challenge trigger. A stream handler: the layer reads the
 * event's JSON itself, which starts faster than the runtime's object mapping. For a SnapStart init
 * (and only then: registering the hook is a cost an on-demand start would pay for nothing), {@link
 * SnapStartPriming} runs the trigger once before the snapshot.
 */
public final class DefineAuthChallengeHandler implements RequestStreamHandler {

  private final DefineAuthChallenge trigger;

  /** Held so CRaC, which holds resources weakly, still calls it; null unless a SnapStart init. */
  private final SnapStartPriming priming;

  /**
   * Reads MAX_ATTEMPTS, MAX_RESENDS, REQUIRE_VERIFIED_EMAIL and METRICS_NAMESPACE; an invalid one
   * stops init. AWS_LAMBDA_INITIALIZATION_TYPE says whether to register the priming.
   */
  public DefineAuthChallengeHandler() {
    this(System.getenv());
  }

  DefineAuthChallengeHandler(Map<String, String> environment) {
    this(
        new DefineAuthChallenge(
            FlowSettings.fromEnvironment(environment),
            MetricsSettings.fromEnvironment(environment)),
        environment);
  }

  /** Without the priming, whatever the environment (tests). */
  DefineAuthChallengeHandler(DefineAuthChallenge trigger) {
    this(trigger, Map.of());
  }

  /** Registers the priming for a SnapStart init ({@link SnapStartHook#isSnapStartInit}). */
  DefineAuthChallengeHandler(DefineAuthChallenge trigger, Map<String, String> environment) {
    this.trigger = trigger;
    this.priming =
        SnapStartHook.isSnapStartInit(environment)
            ? SnapStartHook.register(new SnapStartPriming(trigger))
            : null;
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
