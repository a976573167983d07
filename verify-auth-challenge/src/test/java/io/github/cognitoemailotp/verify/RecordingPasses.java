package io.github.cognitoemailotp.verify;

import io.github.cognitoemailotp.layer.gate.SecondFactorPasses;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Records the passes Verify leaves, as {@code sub/clientId}; never consumes one. */
final class RecordingPasses implements SecondFactorPasses {

  private final List<String> recorded = new ArrayList<>();

  @Override
  public synchronized void record(String userSub, String clientId, Instant now) {
    recorded.add(userSub + "/" + clientId);
  }

  @Override
  public boolean consume(String userSub, String clientId, Instant now) {
    throw new UnsupportedOperationException("Verify never consumes a pass");
  }

  synchronized List<String> recorded() {
    return List.copyOf(recorded);
  }
}
