package io.github.cognitoemailotp.layer.gate;

import io.github.cognitoemailotp.layer.TokenGate;
import io.github.cognitoemailotp.layer.TriggerFailureException;
import java.time.Instant;

/**
 * Where a correct code answer leaves its trace for the token gate: Verify records one second-factor
 * pass for the user and the app client of the sign-in, and the token gate consumes one before it
 * lets Cognito issue tokens ({@link TokenGate}). The functions implement it with a DynamoDB table
 * (one item per user and client holding a count of passes and when they expire), so that each pass
 * serves at most one token issuance, whatever the concurrency.
 */
public interface SecondFactorPasses {

  /** How long a pass lives after the correct answer that made it (docs/design.md says why). */
  java.time.Duration LIFETIME = java.time.Duration.ofSeconds(60);

  /**
   * Records one pass for {@code userSub} signing in through {@code clientId}, alive until {@code
   * now} plus {@link #LIFETIME}.
   *
   * @throws TriggerFailureException when the store cannot take it in time
   */
  void record(String userSub, String clientId, Instant now);

  /**
   * Consumes one live pass of {@code userSub} for {@code clientId}.
   *
   * @return whether there was one (and it is now spent)
   * @throws TriggerFailureException when the store cannot answer in time
   */
  boolean consume(String userSub, String clientId, Instant now);
}
