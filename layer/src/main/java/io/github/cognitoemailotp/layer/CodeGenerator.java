package io.github.cognitoemailotp.layer;

import java.security.SecureRandom;

/** Makes one-time codes; {@link #secureRandom()} in production, a fixed sequence in tests. */
@FunctionalInterface
public interface CodeGenerator {

  /** A code of {@code length} decimal digits, zero-padded. */
  String next(int length);

  /**
   * Codes uniform over all {@code 10^length} values, from a {@link SecureRandom} made for each
   * code.
   *
   * <p>The generator is created inside the call, never at init: a Lambda SnapStart snapshot taken
   * after init would otherwise hand every restored environment the same random state and so the
   * same codes. {@code nextLong(bound)} is uniform (no modulo bias).
   */
  static CodeGenerator secureRandom() {
    return length -> {
      long bound = 1;
      for (int i = 0; i < length; i++) {
        bound *= 10;
      }
      long value = new SecureRandom().nextLong(bound);
      String digits = Long.toString(value);
      return "0".repeat(length - digits.length()) + digits;
    };
  }
}
