package io.github.cognitoemailotp.define;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.github.cognitoemailotp.layer.DefineAuthChallenge;
import io.github.cognitoemailotp.layer.FlowSettings;
import io.github.cognitoemailotp.layer.MetricsSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Lambda entry point of the Define Auth Challenge trigger. A stream handler: the layer reads the
 * event's JSON itself, which starts faster than the runtime's object mapping. With SnapStart,
 * {@link SnapStartPriming} runs the trigger once before the snapshot.
 */
public final class DefineAuthChallengeHandler implements RequestStreamHandler {

  private final DefineAuthChallenge trigger;

  /** Held so CRaC, which holds resources weakly, still calls it at the checkpoint. */
  private final SnapStartPriming priming;

  /**
   * Reads MAX_ATTEMPTS, MAX_RESENDS, REQUIRE_VERIFIED_EMAIL and METRICS_NAMESPACE; an invalid one
   * stops init.
   */
  public DefineAuthChallengeHandler() {
    this(
        new DefineAuthChallenge(
            FlowSettings.fromEnvironment(System.getenv()),
            MetricsSettings.fromEnvironment(System.getenv())));
  }

  /** Registers the priming too: without CRaC that does nothing. */
  DefineAuthChallengeHandler(DefineAuthChallenge trigger) {
    this.trigger = trigger;
    this.priming = SnapStartPriming.register(new SnapStartPriming(trigger));
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    output.write(trigger.handle(input.readAllBytes(), context.getLogger()));
  }
}
