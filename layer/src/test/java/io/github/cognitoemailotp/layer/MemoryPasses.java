package io.github.cognitoemailotp.layer;

import io.github.cognitoemailotp.layer.gate.SecondFactorPasses;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link SecondFactorPasses} in memory with the DynamoDB store's rules: a count per user and client
 * that lapses {@link SecondFactorPasses#LIFETIME} after its latest pass, changed under a lock as
 * one conditional write changes one item. It also lists what was recorded, for assertions.
 */
final class MemoryPasses implements SecondFactorPasses {

  private record Item(int passes, long expiresAt) {}

  private final Map<String, Item> items = new HashMap<>();
  private final List<String> recorded = new ArrayList<>();

  @Override
  public synchronized void record(String userSub, String clientId, Instant now) {
    String key = userSub + "/" + clientId;
    Item item = items.get(key);
    long second = now.getEpochSecond();
    int alive = item != null && item.expiresAt() > second ? item.passes() : 0;
    items.put(key, new Item(alive + 1, second + LIFETIME.toSeconds()));
    recorded.add(key);
  }

  @Override
  public synchronized boolean consume(String userSub, String clientId, Instant now) {
    String key = userSub + "/" + clientId;
    Item item = items.get(key);
    if (item == null || item.passes() < 1 || item.expiresAt() <= now.getEpochSecond()) {
      return false;
    }
    items.put(key, new Item(item.passes() - 1, item.expiresAt()));
    return true;
  }

  /** What was recorded, as {@code sub/clientId}, oldest first. */
  synchronized List<String> recorded() {
    return List.copyOf(recorded);
  }
}
