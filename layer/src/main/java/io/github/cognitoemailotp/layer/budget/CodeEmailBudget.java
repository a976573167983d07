package io.github.cognitoemailotp.layer.budget;

import io.github.cognitoemailotp.layer.TriggerFailureException;
import java.time.Instant;

/**
 * Where Create spends a user's code-email budget ({@link CodeEmailLimits}) before each email. The
 * Create function implements it with a DynamoDB table and one atomic conditional write per email,
 * so concurrent sign-ins of one user can never spend more than the budget.
 */
@FunctionalInterface
public interface CodeEmailBudget {

  /**
   * Spends one email of {@code userSub}'s budget, or refuses.
   *
   * @param userSub the user's {@code sub}, the only thing the store keeps about them
   * @param now the current time, which picks the hour and day windows
   * @throws TriggerFailureException when the store cannot answer in time: no email may be sent then
   */
  BudgetSpend spend(String userSub, Instant now);
}
