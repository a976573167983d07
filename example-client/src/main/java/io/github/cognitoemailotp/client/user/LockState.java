package io.github.cognitoemailotp.client.user;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A user's item in the lock table (issue 23): the consecutive wrong codes since their last correct
 * one, and when the lock started, present only while they are locked. No item: no wrong codes and
 * no lock.
 *
 * @param wrongCodes consecutive wrong codes since the last correct one
 * @param lockedAt when the lock started; empty when the user is not locked
 */
public record LockState(int wrongCodes, Optional<Instant> lockedAt) {

  static final String WRONG_CODES = "wrongCodes";
  static final String LOCKED_AT = "lockedAt";

  /** The state of a user without an item. */
  public static final LockState NONE = new LockState(0, Optional.empty());

  public boolean locked() {
    return lockedAt.isPresent();
  }

  /**
   * Reads an item as Verify writes it.
   *
   * @throws IllegalStateException when the item is not one Verify wrote (so nothing is guessed)
   */
  static LockState of(Map<String, AttributeValue> item) {
    if (item == null || item.isEmpty()) {
      return NONE;
    }
    try {
      AttributeValue wrongCodes = item.get(WRONG_CODES);
      AttributeValue lockedAt = item.get(LOCKED_AT);
      return new LockState(
          wrongCodes == null ? 0 : Integer.parseInt(wrongCodes.n()),
          lockedAt == null
              ? Optional.empty()
              : Optional.of(Instant.ofEpochSecond(Long.parseLong(lockedAt.n()))));
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "the user's lock item is not one the functions wrote (wrongCodes and lockedAt must be"
              + " numbers)",
          e);
    }
  }
}
