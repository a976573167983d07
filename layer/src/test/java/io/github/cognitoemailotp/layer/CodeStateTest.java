package io.github.cognitoemailotp.layer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cognitoemailotp.layer.budget.CodeTally;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CodeStateTest {

  private static final CodeState STATE =
      new CodeState(
          IssueReason.RESEND,
          "0042",
          Instant.ofEpochSecond(1_795_752_000L),
          Instant.ofEpochSecond(1_795_752_300L));

  @Test
  void metadataRoundTrips() {
    assertThat(STATE.toMetadata()).isEqualTo("EMAIL_OTP.v1:RESEND:1795752000:1795752300:0042");
    assertThat(CodeState.fromMetadata(STATE.toMetadata())).contains(STATE);
  }

  @Test
  void foreignMetadataIsEmpty() {
    assertThat(CodeState.fromMetadata("")).isEmpty();
    assertThat(CodeState.fromMetadata("CODE-482913")).isEmpty();
    assertThat(CodeState.fromMetadata("EMAIL_OTP.v1:GUESS:1:2:1234")).isEmpty();
    assertThat(CodeState.fromMetadata("EMAIL_OTP.v1:FIRST:1:2:12")).isEmpty();
    assertThat(CodeState.fromMetadata("EMAIL_OTP.v1:FIRST:2:1:1234")).isEmpty();
    assertThat(CodeState.fromMetadata("EMAIL_OTP.v1:FIRST:x:2:1234")).isEmpty();
    assertThat(CodeState.fromMetadata("EMAIL_OTP.v1:FIRST:1:2:1234:extra")).isEmpty();
    assertThat(CodeState.fromMetadata("EMAIL_OTP.v2:FIRST:1:2:1234")).isEmpty();
  }

  @Test
  void emptyTallyHasNoCodeInForce() throws Exception {
    CodeTally tally = CodeTally.of(java.util.List.of(), true);
    assertThat(tally.codeInForce()).isEmpty();
    assertThat(tally.lastAnswerCorrect()).isFalse();
    assertThat(tally.wrongAnswers()).isZero();
  }

  @Test
  void expiresAtItsExpiryInstant() {
    assertThat(STATE.expiredAt(Instant.ofEpochSecond(1_795_752_299L))).isFalse();
    assertThat(STATE.expiredAt(Instant.ofEpochSecond(1_795_752_300L))).isTrue();
  }
}
