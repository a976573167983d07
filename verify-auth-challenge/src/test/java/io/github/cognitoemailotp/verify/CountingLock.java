package io.github.cognitoemailotp.verify;

import io.github.cognitoemailotp.layer.lock.UserLock;
import io.github.cognitoemailotp.layer.lock.WrongCodeCount;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link UserLock} for tests about something else: it counts wrong codes and correct ones and
 * never locks. The lock itself is tested in the layer (LockoutTest), in aws-clients
 * (DynamoDbUserLockTest) and end to end.
 */
final class CountingLock implements UserLock {

  final AtomicInteger wrong = new AtomicInteger();
  final AtomicInteger cleared = new AtomicInteger();

  @Override
  public Optional<Instant> lockedSince(String userSub) {
    return Optional.empty();
  }

  @Override
  public WrongCodeCount countWrong(String userSub, Instant now) {
    return new WrongCodeCount(wrong.incrementAndGet(), WrongCodeCount.Outcome.COUNTED);
  }

  @Override
  public boolean clearAfterCorrect(String userSub) {
    cleared.incrementAndGet();
    return true;
  }

  @Override
  public WrongCodeCount unlock(String userSub) {
    return new WrongCodeCount(0, WrongCodeCount.Outcome.COUNTED);
  }
}
