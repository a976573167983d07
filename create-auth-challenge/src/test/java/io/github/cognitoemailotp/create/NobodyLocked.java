package io.github.cognitoemailotp.create;

import io.github.cognitoemailotp.layer.lock.UserLock;
import io.github.cognitoemailotp.layer.lock.WrongCodeCount;
import java.time.Instant;
import java.util.Optional;

/**
 * A {@link UserLock} for tests about something else: nobody is locked. The lock's own behaviour is
 * tested in the layer (LockoutTest), in aws-clients (DynamoDbUserLockTest) and end to end.
 */
final class NobodyLocked implements UserLock {

  static final NobodyLocked INSTANCE = new NobodyLocked();

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
