package io.github.cognitoemailotp.layer.lock;

import io.github.cognitoemailotp.layer.TriggerFailureException;
import java.time.Instant;
import java.util.Optional;

/**
 * Consecutive wrong codes and the lock they lead to (NIST SP 800-63B 5.2.2), per user across all
 * their sign-ins. Verify counts each wrong answer and clears the count on a correct one; once the
 * count reaches {@link LockSettings#maxConsecutiveWrongCodes()} the user is locked: Verify accepts
 * no answer and Create emails no code until the lock is lifted, by a password reset (the Post
 * Confirmation trigger) or by an operator ({@code example-client user --unlock}). The functions
 * implement it with a DynamoDB table, one item per user (template.yaml's {@code UserLockTable}).
 *
 * <p>Every method throws {@link TriggerFailureException} when the store cannot answer in time; the
 * callers then fail the sign-in (fail closed: a store that is down locks nobody and lets nobody
 * in).
 */
public interface UserLock {

  /** What the app is told when the user is locked (the lock email says how to get back in). */
  String LOCKED_MESSAGE =
      "Sign-in codes are paused for this account after too many wrong codes. Check your email for"
          + " how to get back in.";

  /**
   * When the user's lock started.
   *
   * @return empty when the user is not locked
   */
  Optional<Instant> lockedSince(String userSub);

  /**
   * Counts one wrong code of {@code userSub}; the one that reaches the limit starts the lock. Exact
   * under concurrency: of any number of concurrent wrong codes, the limit-th one and only it comes
   * back {@link WrongCodeCount.Outcome#LOCKED_NOW}.
   */
  WrongCodeCount countWrong(String userSub, Instant now);

  /**
   * A correct code of {@code userSub}: clears the count.
   *
   * @return false when the user is locked (nothing changes; the code must not count)
   */
  boolean clearAfterCorrect(String userSub);

  /**
   * Lifts the lock and clears the count.
   *
   * @return what was cleared: the count, and whether the user was locked
   */
  WrongCodeCount unlock(String userSub);
}
