package io.github.cognitoemailotp.layer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Map;

/** Verify Auth Challenge's rule. */
public final class AnswerCheck {

  private AnswerCheck() {}

  /**
   * Whether the answer is right: it equals the code once surrounding whitespace is removed, and the
   * code has not expired. A resend request is never right (and its answer is never compared, so a
   * resend cannot be used as a free guess). Missing parameters are simply wrong.
   *
   * <p>The comparison runs in constant time ({@link MessageDigest#isEqual}), so the time taken does
   * not tell an attacker how many leading digits they got right.
   */
  public static boolean isCorrect(
      String answer, Map<String, String> privateParameters, boolean resendRequested, Instant now) {
    if (resendRequested) {
      return false;
    }
    String code = privateParameters.getOrDefault(IssuedChallenge.CODE, "");
    String expiresAt = privateParameters.getOrDefault(IssuedChallenge.EXPIRES_AT, "");
    if (code.isEmpty() || expiresAt.isEmpty()) {
      return false;
    }
    long expiresAtSeconds;
    try {
      expiresAtSeconds = Long.parseLong(expiresAt);
    } catch (NumberFormatException e) {
      return false;
    }
    boolean matches =
        MessageDigest.isEqual(
            answer.strip().getBytes(StandardCharsets.UTF_8), code.getBytes(StandardCharsets.UTF_8));
    return matches && now.getEpochSecond() < expiresAtSeconds;
  }
}
