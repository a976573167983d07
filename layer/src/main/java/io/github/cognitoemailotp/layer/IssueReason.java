package io.github.cognitoemailotp.layer;

/**
 * Why Create issued a custom challenge; recorded in its metadata so Define can count from history.
 */
public enum IssueReason {
  /** The first custom challenge of the sign-in: a new code, emailed. */
  FIRST(true, false),
  /** After a wrong answer, while the code is still valid: the same code, no email. */
  RETRY(false, false),
  /** After a wrong answer, once the code had expired: a new code, emailed. */
  RENEWED(true, false),
  /** The client asked for a new code and got one: emailed. */
  RESEND(true, true),
  /** The client asked for a new code and was refused (limit or cooldown): the same code. */
  RESEND_REFUSED(false, true),
  /**
   * The client asked for a new code after the old one had expired: a new code, emailed, whatever
   * the limit and cooldown say, and not counted as a resend (a wrong answer would have renewed it
   * too).
   */
  RESEND_RENEWED(true, true);

  private final boolean emailsNewCode;
  private final boolean answersResendRequest;

  IssueReason(boolean emailsNewCode, boolean answersResendRequest) {
    this.emailsNewCode = emailsNewCode;
    this.answersResendRequest = answersResendRequest;
  }

  /**
   * The reason {@code name} names ({@link #name()}'s spelling). Not {@code valueOf}: {@code
   * Enum.valueOf} finds the constants by reflection, about 10 ms on the first answer of a cold
   * start (docs/performance.md); a look through {@link #values()} costs nothing.
   *
   * @throws IllegalArgumentException when no reason has that name
   */
  public static IssueReason named(String name) {
    for (IssueReason reason : values()) {
      if (reason.name().equals(name)) {
        return reason;
      }
    }
    throw new IllegalArgumentException("no issue reason is named " + name);
  }

  /** Whether a new code was generated and emailed for this challenge. */
  public boolean emailsNewCode() {
    return emailsNewCode;
  }

  /**
   * Whether this challenge answers a resend request, which means the answer before it was a request
   * for a new code and not a guess.
   */
  public boolean answersResendRequest() {
    return answersResendRequest;
  }
}
