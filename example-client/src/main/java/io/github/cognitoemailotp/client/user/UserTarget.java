package io.github.cognitoemailotp.client.user;

/**
 * Where one user's state is kept: their pool, the code-email budget table, the lock table, and the
 * settings that explain the numbers. From the stack ({@link UserStackReader}) or from options.
 *
 * @param userPoolId the user pool
 * @param budgetTable the stack's {@code CodeEmailBudgetTable} (output {@code
 *     CodeEmailBudgetTableName})
 * @param lockTable the stack's {@code UserLockTable} (output {@code UserLockTableName})
 * @param settings the limits and the metrics namespace, each with where it came from
 */
public record UserTarget(
    String userPoolId, String budgetTable, String lockTable, OperatorSettings settings) {}
