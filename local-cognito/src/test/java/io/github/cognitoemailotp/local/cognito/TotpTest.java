package io.github.cognitoemailotp.local.cognito;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpTest {

  /** RFC 6238 appendix B's SHA-1 secret, base32. */
  private static final String RFC_SECRET =
      Totp.base32("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

  @Test
  void base32IsRfc4648WithoutPadding() {
    assertThat(RFC_SECRET).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    assertThat(new String(Totp.fromBase32(RFC_SECRET), StandardCharsets.US_ASCII))
        .isEqualTo("12345678901234567890");
  }

  /** RFC 6238 appendix B (SHA-1), the last 6 of its 8 digits. */
  @ParameterizedTest
  @CsvSource({
    "59, 287082",
    "1111111109, 081804",
    "1111111111, 050471",
    "1234567890, 005924",
    "2000000000, 279037",
    "20000000000, 353130"
  })
  void codesAreRfc6238s(long epochSecond, String code) {
    assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(epochSecond))).isEqualTo(code);
  }

  @Test
  void acceptsTheStepBeforeAndAfterButNoFurther() {
    Instant now = Instant.ofEpochSecond(1_111_111_111);
    String secret = Totp.newSecret();
    assertThat(secret).hasSize(52).matches("[A-Z2-7]+");
    for (int step = -1; step <= 1; step++) {
      assertThat(Totp.accepts(secret, Totp.code(secret, now.plusSeconds(30L * step)), now))
          .as("step %d", step)
          .isTrue();
    }
    assertThat(Totp.accepts(secret, Totp.code(secret, now.plusSeconds(60)), now)).isFalse();
    assertThat(Totp.accepts(secret, Totp.code(secret, now.minusSeconds(60)), now)).isFalse();
    assertThat(Totp.accepts(secret, "12345", now)).isFalse();
    assertThat(Totp.accepts(secret, "", now)).isFalse();
  }
}
