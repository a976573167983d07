package io.github.cognitoemailotp.benchmarks;

import io.github.cognitoemailotp.layer.lock.UserLock;
import io.github.cognitoemailotp.layer.lock.WrongCodeCount;
import java.time.Instant;
import java.util.Optional;

/**
 * The lock store of the warm benchmarks: nobody is locked and nothing is kept, so they measure the
 * decisions and not DynamoDB's round trips (the cold-start benchmarks run the real store against
 * dynalite).
 */
public enum NobodyLocked implements UserLock {
  INSTANCE;

  @Override
  public Optional<Instant> lockedSince(String userSub) {
    return Optional.empty();
  }

  @Override
  public WrongCodeCount countWrong(String userSub, Instant now) {
    return new WrongCodeCount(1, WrongCodeCount.Outcome.COUNTED);
  }

  @Override
  public boolean clearAfterCorrect(String userSub) {
    return true;
  }

  @Override
  public WrongCodeCount unlock(String userSub) {
    return new WrongCodeCount(0, WrongCodeCount.Outcome.COUNTED);
  }
}
