package io.github.cognitoemailotp.layer;

import io.github.cognitoemailotp.layer.budget.BudgetSpend;
import io.github.cognitoemailotp.layer.budget.BudgetWindows;
import io.github.cognitoemailotp.layer.budget.CodeEmailBudget;
import io.github.cognitoemailotp.layer.budget.CodeEmailLimits;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link CodeEmailBudget} in memory with the same arithmetic as the DynamoDB store ({@link
 * BudgetWindows}), one user's counts changed under a lock as one conditional write changes one
 * item.
 */
final class MemoryBudget implements CodeEmailBudget {

  private final CodeEmailLimits limits;
  private final Map<String, BudgetWindows.Counts> items = new HashMap<>();

  MemoryBudget(CodeEmailLimits limits) {
    this.limits = limits;
  }

  @Override
  public synchronized BudgetSpend spend(String userSub, Instant now) {
    Optional<BudgetWindows.Counts> stored = Optional.ofNullable(items.get(userSub));
    long hour = BudgetWindows.hourStart(now);
    long day = BudgetWindows.dayStart(now);
    switch (BudgetWindows.next(stored, limits, now)) {
      case START_DAY -> items.put(userSub, new BudgetWindows.Counts(hour, 1, day, 1));
      case START_HOUR ->
          items.put(userSub, new BudgetWindows.Counts(hour, 1, day, stored.get().dayEmails() + 1));
      case ADD_TO_BOTH -> {
        BudgetWindows.Counts counts = stored.get();
        items.put(
            userSub,
            new BudgetWindows.Counts(hour, counts.hourEmails() + 1, day, counts.dayEmails() + 1));
      }
      case NONE -> {
        return BudgetWindows.refusal(stored.get(), limits, now);
      }
    }
    return BudgetSpend.grant();
  }

  synchronized Optional<BudgetWindows.Counts> counts(String userSub) {
    return Optional.ofNullable(items.get(userSub));
  }
}
