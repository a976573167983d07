package io.github.cognitoemailotp.layer.lock;

import io.github.cognitoemailotp.layer.InvalidSettingException;
import io.github.cognitoemailotp.layer.Setting;
import io.github.cognitoemailotp.layer.internal.Environment;
import java.util.Map;

/**
 * How the lockout is configured; each value's variable, default and range are declared in {@link
 * Setting}.
 *
 * <p>With the lock in place, someone who holds a user's password gets at most {@code
 * MaxConsecutiveWrongCodes} guesses before the lock, each right with chance {@code 10^-CodeLength}:
 * together at most {@link #MAX_GUESS_CHANCE}. A combination worse than that is refused here, at
 * init, as template.yaml's {@code Rules} refuse it at deploy time (docs/security.md has the table).
 *
 * @param maxConsecutiveWrongCodes wrong codes in a row that lock a user, {@link
 *     Setting#MAX_CONSECUTIVE_WRONG_CODES}
 * @param codeLength digits per code, {@link Setting#CODE_LENGTH}
 * @param recoveryByEmail whether users reset their own password by email ({@link
 *     Setting#PASSWORD_RECOVERY} {@code email}), which the lock email tells them to do; otherwise
 *     ({@code admin-only}) it tells them to ask their administrator
 */
public record LockSettings(int maxConsecutiveWrongCodes, int codeLength, boolean recoveryByEmail) {

  /** The worst chance of guessing a code before the lock that a deployment may have: 1 in 1,000. */
  public static final double MAX_GUESS_CHANCE = 1.0 / 1000;

  public LockSettings {
    if (maxConsecutiveWrongCodes < 1) {
      throw new IllegalArgumentException("a lock needs at least one wrong code");
    }
    if (guessChance(maxConsecutiveWrongCodes, codeLength) > MAX_GUESS_CHANCE) {
      throw new InvalidSettingException(
          Setting.MAX_CONSECUTIVE_WRONG_CODES.variable()
              + "="
              + maxConsecutiveWrongCodes
              + " with "
              + Setting.CODE_LENGTH.variable()
              + "="
              + codeLength
              + " gives someone who has a user's password a 1 in "
              + Math.round(Math.pow(10, codeLength) / maxConsecutiveWrongCodes)
              + " chance to guess a code before the lock, worse than 1 in 1000; lower"
              + " MaxConsecutiveWrongCodes or raise CodeLength");
    }
  }

  /** Reads the settings; an invalid value or combination throws naming the variables. */
  public static LockSettings fromEnvironment(Map<String, String> variables) {
    Environment environment = new Environment(variables);
    String recovery = environment.optionalText(Setting.PASSWORD_RECOVERY);
    if (!recovery.isEmpty() && !recovery.equals("admin-only") && !recovery.equals("email")) {
      throw new InvalidSettingException(
          Setting.PASSWORD_RECOVERY.variable()
              + " is \""
              + recovery
              + "\"; it must be admin-only or email (default admin-only)");
    }
    return new LockSettings(
        environment.number(Setting.MAX_CONSECUTIVE_WRONG_CODES),
        environment.number(Setting.CODE_LENGTH),
        recovery.equals("email"));
  }

  /** The chance that one of {@code guesses} guesses of a {@code codeLength}-digit code is right. */
  public static double guessChance(int guesses, int codeLength) {
    return guesses / Math.pow(10, codeLength);
  }
}
