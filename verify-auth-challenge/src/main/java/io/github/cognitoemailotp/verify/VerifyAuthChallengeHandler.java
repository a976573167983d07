package io.github.cognitoemailotp.verify;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.github.cognitoemailotp.layer.MetricsSettings;
import io.github.cognitoemailotp.layer.VerifyAuthChallenge;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;

/**
 * Lambda entry point of the Verify Auth Challenge trigger. It needs no settings but the metrics'
 * namespace (METRICS_NAMESPACE): the code and its expiry arrive in the private challenge parameters
 * Create wrote. With SnapStart, {@link SnapStartPriming} runs a trigger once before the snapshot.
 */
public final class VerifyAuthChallengeHandler implements RequestStreamHandler {

  private final VerifyAuthChallenge trigger;

  /** Held so CRaC, which holds resources weakly, still calls it at the checkpoint. */
  private final SnapStartPriming priming;

  /** Reads METRICS_NAMESPACE; an invalid one stops init. */
  public VerifyAuthChallengeHandler() {
    this.trigger =
        new VerifyAuthChallenge(
            Clock.systemUTC(), MetricsSettings.fromEnvironment(System.getenv()));
    this.priming = SnapStartPriming.register(new SnapStartPriming());
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
