package io.github.cognitoemailotp.layer;

import io.github.cognitoemailotp.layer.budget.CodeTally;
import java.util.Optional;

/**
 * Define's answer and why, for the log line.
 *
 * @param next the step Cognito takes next
 * @param reason a short explanation without secrets
 * @param tally the custom challenges so far ({@link CodeTally#NONE} before the first)
 * @param failure why the sign-in failed, in a word for the metrics; present exactly when {@code
 *     next} is {@link NextStep#FAIL_AUTHENTICATION}
 */
public record DefineDecision(
    NextStep next, String reason, CodeTally tally, Optional<SignInFailure> failure) {

  public DefineDecision {
    if ((next == NextStep.FAIL_AUTHENTICATION) != failure.isPresent()) {
      throw new IllegalArgumentException("a failure, and only a failure, has a SignInFailure");
    }
  }

  /** A decision that goes on (or issues tokens). */
  public DefineDecision(NextStep next, String reason, CodeTally tally) {
    this(next, reason, tally, Optional.empty());
  }

  static DefineDecision fail(SignInFailure failure, String reason) {
    return new DefineDecision(
        NextStep.FAIL_AUTHENTICATION, reason, CodeTally.NONE, Optional.of(failure));
  }
}
