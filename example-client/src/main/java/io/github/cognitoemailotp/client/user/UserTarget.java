package io.github.cognitoemailotp.client.user;

import java.util.Optional;

/**
 * Where one user's state is kept: their pool, the code-email budget table, the lock table, the
 * trusted-device table when the stack has one, and the settings that explain the numbers. From the
 * stack ({@link UserStackReader}) or from options.
 *
 * @param userPoolId the user pool
 * @param budgetTable the stack's {@code CodeEmailBudgetTable} (output {@code
 *     CodeEmailBudgetTableName})
 * @param lockTable the stack's {@code UserLockTable} (output {@code UserLockTableName})
 * @param deviceTable the stack's {@code TrustedDeviceTable} (output {@code TrustedDeviceTableName},
 *     which exists only with {@code TrustedDeviceDays} above 0); empty: trusted devices are off
 * @param settings the limits and the metrics namespace, each with where it came from
 */
public record UserTarget(
    String userPoolId,
    String budgetTable,
    String lockTable,
    Optional<String> deviceTable,
    OperatorSettings settings) {}
