package io.github.cognitoemailotp.client.user;

import io.github.cognitoemailotp.layer.budget.CodeEmailLimits;

/**
 * Everything the {@code user} command shows about one user, read just before it is printed. No
 * address and no code: the username the operator typed (or only the sub, when they gave that), the
 * {@code sub} the log lines carry, counts, and the trusted devices' ids, names and times (never
 * their keys). A new part of the state is a new component here and a new {@link
 * UserReport.Section}.
 *
 * @param shownAs the user as the heading names them: the username the operator typed, or {@code
 *     with sub <sub>} when they gave the sub
 * @param sub the user's {@code sub}, which the functions' log lines and tables key on
 * @param status the user's {@code UserStatus} (CONFIRMED, FORCE_CHANGE_PASSWORD, ...)
 * @param enabled whether the user is enabled (AdminDisableUser turns it off)
 * @param target the pool, tables and settings read
 * @param limits the code-email limits the budget is explained with
 * @param budget the code emails spent now
 * @param lock the consecutive wrong codes and the lock
 * @param devices the trusted devices (issue 24), or why they are off
 */
public record UserView(
    String shownAs,
    String sub,
    String status,
    boolean enabled,
    UserTarget target,
    CodeEmailLimits limits,
    BudgetUsage budget,
    LockState lock,
    UserDevices devices) {}
