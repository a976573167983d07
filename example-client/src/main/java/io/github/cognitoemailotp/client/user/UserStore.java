package io.github.cognitoemailotp.client.user;

import io.github.cognitoemailotp.layer.budget.BudgetWindows;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * One user's items in the stack's two tables, keyed by their {@code sub}: read with consistent
 * reads, and deleted one table at a time, returning what was there ({@code ALL_OLD}) so the command
 * reports what it cleared, not what it read a moment before.
 */
public final class UserStore {

  private final DynamoDbClient dynamo;
  private final String budgetTable;
  private final String lockTable;

  public UserStore(DynamoDbClient dynamo, String budgetTable, String lockTable) {
    this.dynamo = dynamo;
    this.budgetTable = budgetTable;
    this.lockTable = lockTable;
  }

  /** The user's budget windows and counts; empty when no code email was counted yet. */
  public Optional<BudgetWindows.Counts> budget(String sub) {
    return budgetCounts(
        dynamo.getItem(r -> r.tableName(budgetTable).key(key(sub)).consistentRead(true)).item());
  }

  /** The user's consecutive wrong codes and lock. */
  public LockState lock(String sub) {
    return LockState.of(
        dynamo.getItem(r -> r.tableName(lockTable).key(key(sub)).consistentRead(true)).item());
  }

  /** Deletes the lock item (unlocks, clears the count); returns what it held. */
  public LockState deleteLock(String sub) {
    Map<String, AttributeValue> old =
        dynamo
            .deleteItem(r -> r.tableName(lockTable).key(key(sub)).returnValues(ReturnValue.ALL_OLD))
            .attributes();
    try {
      return LockState.of(old);
    } catch (IllegalStateException e) {
      throw new IllegalStateException("the lock item was deleted, but " + e.getMessage(), e);
    }
  }

  /** Deletes the budget item (both windows start again); returns what it held. */
  public Optional<BudgetWindows.Counts> deleteBudget(String sub) {
    Map<String, AttributeValue> old =
        dynamo
            .deleteItem(
                r -> r.tableName(budgetTable).key(key(sub)).returnValues(ReturnValue.ALL_OLD))
            .attributes();
    try {
      return budgetCounts(old);
    } catch (IllegalStateException e) {
      throw new IllegalStateException("the budget item was deleted, but " + e.getMessage(), e);
    }
  }

  public String budgetTable() {
    return budgetTable;
  }

  public String lockTable() {
    return lockTable;
  }

  /**
   * @throws IllegalStateException when the item is not one Create wrote
   */
  static Optional<BudgetWindows.Counts> budgetCounts(Map<String, AttributeValue> item) {
    if (item == null || item.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new BudgetWindows.Counts(
              Long.parseLong(item.get("hourStart").n()),
              Integer.parseInt(item.get("hourEmails").n()),
              Long.parseLong(item.get("dayStart").n()),
              Integer.parseInt(item.get("dayEmails").n())));
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "the user's budget item is not one the functions wrote (hourStart, hourEmails, dayStart"
              + " and dayEmails must be numbers)",
          e);
    }
  }

  private static Map<String, AttributeValue> key(String sub) {
    return Map.of("sub", AttributeValue.fromS(sub));
  }
}
