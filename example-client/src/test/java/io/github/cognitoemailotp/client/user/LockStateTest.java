package io.github.cognitoemailotp.client.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The lock item as Verify writes it (issue 23): read, and refused when it is not one. */
class LockStateTest {

  @Test
  void noItemIsNoWrongCodesAndNoLock() {
    assertThat(LockState.of(Map.of())).isEqualTo(LockState.NONE);
    assertThat(LockState.of(null).locked()).isFalse();
  }

  @Test
  void anItemWithLockedAtIsALockSinceThen() {
    LockState state =
        LockState.of(
            Map.of(
                "sub", AttributeValue.fromS("s"),
                "wrongCodes", AttributeValue.fromN("10"),
                "lockedAt", AttributeValue.fromN("1796270400")));

    assertThat(state.locked()).isTrue();
    assertThat(state.wrongCodes()).isEqualTo(10);
    assertThat(state.lockedAt()).contains(Instant.ofEpochSecond(1796270400));
  }

  @Test
  void anItemWithoutLockedAtCountsWrongCodesWithoutALock() {
    LockState state =
        LockState.of(
            Map.of("sub", AttributeValue.fromS("s"), "wrongCodes", AttributeValue.fromN("4")));

    assertThat(state).isEqualTo(new LockState(4, Optional.empty()));
  }

  @Test
  void anItemTheFunctionsDidNotWriteIsRefused() {
    assertThatThrownBy(() -> LockState.of(Map.of("wrongCodes", AttributeValue.fromS("four"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not one the functions wrote");
  }
}
