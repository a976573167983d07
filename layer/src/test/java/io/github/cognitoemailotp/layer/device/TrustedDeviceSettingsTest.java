package io.github.cognitoemailotp.layer.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cognitoemailotp.layer.InvalidSettingException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TrustedDeviceSettingsTest {

  @ParameterizedTest
  @CsvSource(
      value = {"'',0,false", "0,0,false", "1,1,true", "' 30 ',30,true", "365,365,true"},
      quoteCharacter = '\'')
  void allowedValues(String text, int days, boolean enabled) {
    TrustedDeviceSettings settings =
        TrustedDeviceSettings.fromEnvironment(Map.of("TRUSTED_DEVICE_DAYS", text));
    assertThat(settings.days()).isEqualTo(days);
    assertThat(settings.enabled()).isEqualTo(enabled);
    assertThat(settings.lifetime()).isEqualTo(Duration.ofDays(days));
  }

  @Test
  void unsetIsOff() {
    assertThat(TrustedDeviceSettings.fromEnvironment(Map.of()))
        .isEqualTo(TrustedDeviceSettings.OFF);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "366", "30d", "1.5", "abc", "99999999999"})
  void anythingElseStopsTheFunctionNamingTheVariableAndTheRange(String text) {
    assertThatThrownBy(
            () -> TrustedDeviceSettings.fromEnvironment(Map.of("TRUSTED_DEVICE_DAYS", text)))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("TRUSTED_DEVICE_DAYS")
        .hasMessageContaining("from 0 to 365");
  }

  @Test
  void theRecordRefusesOutOfRangeDaysToo() {
    assertThatThrownBy(() -> new TrustedDeviceSettings(366))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("TrustedDeviceDays");
  }
}
