package io.github.cognitoemailotp.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cognitoemailotp.layer.gate.GateSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GateSettingsTest {

  @Test
  void unsetGatesEveryClient() {
    assertThat(GateSettings.fromEnvironment(Map.of()).ungatedClientIds()).isEmpty();
    assertThat(GateSettings.fromEnvironment(Map.of("UNGATED_CLIENT_IDS", " ")).ungatedClientIds())
        .isEmpty();
  }

  @Test
  void aListIsSplitOnCommasWithBlanksAndEmptyItemsIgnored() {
    assertThat(
            GateSettings.fromEnvironment(
                    Map.of("UNGATED_CLIENT_IDS", " abc123 ,,def_456+x, abc123 ,"))
                .ungatedClientIds())
        .containsExactlyInAnyOrder("abc123", "def_456+x");
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc def", "abc;def", "a-b", "ü"})
  void anythingThatIsNotAClientIdStopsInitNamingTheVariable(String value) {
    assertThatThrownBy(() -> GateSettings.fromEnvironment(Map.of("UNGATED_CLIENT_IDS", value)))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageStartingWith("UNGATED_CLIENT_IDS holds \"")
        .hasMessageContaining("comma-separated list of app client ids");
  }

  @Test
  void aClientIdOf128IsAllowedAndOf129IsNotAndIsShortenedInTheMessage() {
    assertThat(GateSettings.parse("a".repeat(128)).ungatedClientIds()).hasSize(1);
    assertThatThrownBy(() -> GateSettings.parse("a".repeat(129)))
        .hasMessageContaining("a".repeat(64) + "...\"");
  }
}
