package io.github.cognitoemailotp.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cognitoemailotp.layer.metrics.MetricsSettings;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MetricsSettingsTest {

  @ParameterizedTest
  @ValueSource(strings = {"", "  "})
  void anUnsetNamespaceIsTheDefault(String value) {
    assertThat(MetricsSettings.fromEnvironment(Map.of("METRICS_NAMESPACE", value)))
        .isEqualTo(MetricsSettings.DEFAULT);
    assertThat(MetricsSettings.fromEnvironment(Map.of()).namespace()).isEqualTo("CognitoEmailOtp");
  }

  @ParameterizedTest
  @ValueSource(strings = {"MyApp", "Auth/Email-OTP_1.0", "a#b:c d", "A", "AWS", "AZ", "az", "09"})
  void aCloudWatchNamespaceIsKept(String value) {
    assertThat(MetricsSettings.fromEnvironment(Map.of("METRICS_NAMESPACE", value)).namespace())
        .isEqualTo(value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"AWS/Lambda", ":x", "a*b", "é", "a\"b", "@", "[", "`", "{"})
  void anInvalidNamespaceStopsInitWithTheRules(String value) {
    assertThatThrownBy(() -> MetricsSettings.fromEnvironment(Map.of("METRICS_NAMESPACE", value)))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageStartingWith("METRICS_NAMESPACE is \"" + value + "\"; it must be a CloudWatch")
        .hasMessageEndingWith("(default CognitoEmailOtp)");
  }

  @org.junit.jupiter.api.Test
  void aNamespaceHasAtMost255Characters() {
    assertThat(new MetricsSettings("n".repeat(255)).namespace()).hasSize(255);
    assertThatThrownBy(() -> new MetricsSettings("n".repeat(256)))
        .isInstanceOf(InvalidSettingException.class);
  }
}
