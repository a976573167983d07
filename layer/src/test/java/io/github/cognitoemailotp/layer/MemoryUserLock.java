package io.github.cognitoemailotp.layer;

import io.github.cognitoemailotp.layer.lock.UserLock;
import io.github.cognitoemailotp.layer.lock.WrongCodeCount;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link UserLock} in memory with the DynamoDB store's rules (one item per user, changed under a
 * lock as one conditional write changes one item): a count of wrong codes in a row, the limit-th
 * one starts the lock, a correct code clears the count unless locked, unlock deletes the item.
 */
final class MemoryUserLock implements UserLock {

  private record Item(int wrongCodes, Instant lockedAt) {}

  private final int limit;
  private final Map<String, Item> items = new HashMap<>();

  MemoryUserLock(int limit) {
    this.limit = limit;
  }

  /** With the default limit, {@link Setting#MAX_CONSECUTIVE_WRONG_CODES}. */
  MemoryUserLock() {
    this(Setting.MAX_CONSECUTIVE_WRONG_CODES.defaultNumber());
  }

  @Override
  public synchronized Optional<Instant> lockedSince(String userSub) {
    Item item = items.get(userSub);
    return item == null ? Optional.empty() : Optional.ofNullable(item.lockedAt());
  }

  @Override
  public synchronized WrongCodeCount countWrong(String userSub, Instant now) {
    Item item = items.getOrDefault(userSub, new Item(0, null));
    if (item.lockedAt() != null) {
      return new WrongCodeCount(item.wrongCodes(), WrongCodeCount.Outcome.ALREADY_LOCKED);
    }
    int count = item.wrongCodes() + 1;
    boolean lockNow = count >= limit;
    items.put(userSub, new Item(count, lockNow ? now : null));
    return new WrongCodeCount(
        count, lockNow ? WrongCodeCount.Outcome.LOCKED_NOW : WrongCodeCount.Outcome.COUNTED);
  }

  @Override
  public synchronized boolean clearAfterCorrect(String userSub) {
    Item item = items.get(userSub);
    if (item != null && item.lockedAt() != null) {
      return false;
    }
    items.remove(userSub);
    return true;
  }

  @Override
  public synchronized WrongCodeCount unlock(String userSub) {
    Item item = items.remove(userSub);
    if (item == null) {
      return new WrongCodeCount(0, WrongCodeCount.Outcome.COUNTED);
    }
    return new WrongCodeCount(
        item.wrongCodes(),
        item.lockedAt() == null
            ? WrongCodeCount.Outcome.COUNTED
            : WrongCodeCount.Outcome.ALREADY_LOCKED);
  }

  /** The user's consecutive wrong codes. */
  synchronized int wrongCodes(String userSub) {
    Item item = items.get(userSub);
    return item == null ? 0 : item.wrongCodes();
  }
}
