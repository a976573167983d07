package io.github.cognitoemailotp.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A reason is found by the name it is written with, as valueOf would, without reflection. */
class IssueReasonTest {

  @ParameterizedTest
  @EnumSource(IssueReason.class)
  void eachReasonIsFoundByItsName(IssueReason reason) {
    assertThat(IssueReason.named(reason.name())).isSameAs(reason);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "first", "FIRST ", "RESEND_", "UNKNOWN"})
  void anyOtherNameIsRefused(String name) {
    assertThatThrownBy(() -> IssueReason.named(name)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aMissingNameIsRefused() {
    assertThatThrownBy(() -> IssueReason.named(null)).isInstanceOf(RuntimeException.class);
  }
}
