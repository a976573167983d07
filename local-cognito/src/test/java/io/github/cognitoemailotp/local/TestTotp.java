package io.github.cognitoemailotp.local;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** An authenticator app's code (RFC 6238: HMAC-SHA1, 30 s, 6 digits), written apart from Totp. */
final class TestTotp {

  private TestTotp() {}

  static String code(String base32Secret, Instant at) throws Exception {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    StringBuilder bits = new StringBuilder();
    for (char c : base32Secret.replace("=", "").toCharArray()) {
      String chunk = Integer.toBinaryString(alphabet.indexOf(c));
      bits.append("0".repeat(5 - chunk.length())).append(chunk);
    }
    byte[] key = new byte[bits.length() / 8];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) Integer.parseInt(bits.substring(i * 8, i * 8 + 8), 2);
    }
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(key, "HmacSHA1"));
    byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(at.getEpochSecond() / 30).array());
    int offset = hash[hash.length - 1] & 0x0f;
    int binary = ByteBuffer.wrap(hash, offset, 4).getInt() & 0x7fffffff;
    return String.format(Locale.ROOT, "%06d", binary % 1_000_000);
  }
}
