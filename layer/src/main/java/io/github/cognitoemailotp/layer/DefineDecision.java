package io.github.cognitoemailotp.layer;

/**
 * Define's answer and why, for the log line.
 *
 * @param next the step Cognito takes next
 * @param reason a short explanation without secrets
 * @param tally the custom challenges so far ({@link CodeTally#NONE} before the first)
 */
public record DefineDecision(NextStep next, String reason, CodeTally tally) {

  static DefineDecision fail(String reason) {
    return new DefineDecision(NextStep.FAIL_AUTHENTICATION, reason, CodeTally.NONE);
  }
}
