package io.github.cognitoemailotp.layer.budget;

import io.github.cognitoemailotp.layer.Setting;
import io.github.cognitoemailotp.layer.internal.Environment;
import java.util.Map;

/**
 * How many code emails one user may receive, across all their sign-ins. A stolen password then buys
 * a few emails, and each email only {@code MAX_ATTEMPTS} guesses (docs/security.md has the
 * numbers).
 *
 * @param maxPerHour emails per clock hour (UTC), {@link Setting#MAX_CODE_EMAILS_PER_HOUR}
 * @param maxPerDay emails per day (UTC), {@link Setting#MAX_CODE_EMAILS_PER_DAY}
 */
public record CodeEmailLimits(int maxPerHour, int maxPerDay) {

  public CodeEmailLimits {
    if (maxPerHour < 1 || maxPerDay < 1) {
      throw new IllegalArgumentException("a budget allows at least one email");
    }
  }

  /** Reads the limits; an invalid value throws with the variable's name and allowed range. */
  public static CodeEmailLimits fromEnvironment(Map<String, String> variables) {
    Environment environment = new Environment(variables);
    return new CodeEmailLimits(
        environment.number(Setting.MAX_CODE_EMAILS_PER_HOUR),
        environment.number(Setting.MAX_CODE_EMAILS_PER_DAY));
  }
}
