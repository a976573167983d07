package io.github.cognitoemailotp.layer.lock;

/**
 * What counting one wrong code did ({@link UserLock#countWrong}), or what an unlock cleared ({@link
 * UserLock#unlock}).
 *
 * @param wrongCodes consecutive wrong codes of the user, this one included
 * @param outcome whether the user is locked, and since this code or before it
 */
public record WrongCodeCount(int wrongCodes, Outcome outcome) {

  /** Where the user stands after the count. */
  public enum Outcome {
    /** Counted; the user is not locked. */
    COUNTED,
    /** This code reached the limit: the lock starts now (the user is told, once). */
    LOCKED_NOW,
    /** The user was locked already; the code was not counted. */
    ALREADY_LOCKED
  }

  /** Whether the user is locked after this count. */
  public boolean locked() {
    return outcome != Outcome.COUNTED;
  }
}
