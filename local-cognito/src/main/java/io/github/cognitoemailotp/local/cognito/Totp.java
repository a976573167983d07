package io.github.cognitoemailotp.local.cognito;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords as authenticator apps make them and Cognito checks them (RFC 6238
 * over RFC 4226): HMAC-SHA1, 30-second steps from the Unix epoch, 6 digits. A code is accepted in
 * its own step and one step either side, for clocks that drift. Secrets travel as base32 (RFC 4648,
 * no padding), the form AssociateSoftwareToken's {@code SecretCode} has.
 */
final class Totp {

  static final int STEP_SECONDS = 30;
  static final int DIGITS = 6;
  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Totp() {}

  /** A new secret of 32 random bytes, base32 without padding (52 characters). */
  static String newSecret() {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    return base32(secret);
  }

  /** The code for the step that contains {@code at}. */
  static String code(String base32Secret, Instant at) {
    return codeForStep(base32Secret, Math.floorDiv(at.getEpochSecond(), STEP_SECONDS));
  }

  /** Whether {@code code} is the code of {@code at}'s step or of the step before or after it. */
  static boolean accepts(String base32Secret, String code, Instant at) {
    if (code == null || !code.matches("[0-9]{" + DIGITS + "}")) {
      return false;
    }
    long step = Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
    boolean accepted = false;
    for (long candidate = step - 1; candidate <= step + 1; candidate++) {
      // Constant time and no early exit: which step matched is nobody's business.
      accepted |=
          MessageDigest.isEqual(
              codeForStep(base32Secret, candidate).getBytes(StandardCharsets.US_ASCII),
              code.getBytes(StandardCharsets.US_ASCII));
    }
    return accepted;
  }

  private static String codeForStep(String base32Secret, long step) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(fromBase32(base32Secret), "HmacSHA1"));
      byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
      int offset = hash[hash.length - 1] & 0x0f;
      int binary = ByteBuffer.wrap(hash, offset, 4).getInt() & 0x7fffffff;
      return String.format(Locale.ROOT, "%0" + DIGITS + "d", binary % 1_000_000);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is unavailable", e);
    }
  }

  static String base32(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(BASE32.charAt((buffer << (5 - bits)) & 31));
    }
    return out.toString();
  }

  static byte[] fromBase32(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int buffer = 0;
    int bits = 0;
    for (char c : text.toUpperCase(Locale.ROOT).replace("=", "").toCharArray()) {
      int value = BASE32.indexOf(c);
      if (value < 0) {
        throw new IllegalArgumentException("not base32");
      }
      buffer = (buffer << 5) | value;
      bits += 5;
      if (bits >= 8) {
        out.write((buffer >> (bits - 8)) & 0xff);
        bits -= 8;
      }
    }
    return out.toByteArray();
  }
}
