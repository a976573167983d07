package io.github.cognitoemailotp.create;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cognitoemailotp.layer.CreateSettings;
import io.github.cognitoemailotp.layer.InvalidSettingException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Create function's settings as read at init: invalid values stop it, naming the variable. */
class CreateSettingsAtInitTest {

  static CreateSettings read(String name, String value) {
    Map<String, String> environment = new HashMap<>(Map.of("EMAIL_SENDER", "no-reply@example.com"));
    environment.put(name, value);
    return CreateSettings.fromEnvironment(environment);
  }

  @ParameterizedTest
  @ValueSource(strings = {"3", "11", "abc", "0", "-6", "6.0", "99999999999"})
  void invalidCodeLengthNamesTheVariableAndTheRange(String value) {
    assertThatThrownBy(() -> read("CODE_LENGTH", value))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("CODE_LENGTH")
        .hasMessageContaining("4 to 10");
  }

  @ParameterizedTest
  @ValueSource(ints = {4, 5, 6, 7, 8, 9, 10})
  void everyCodeLengthFromFourToTenIsAccepted(int length) {
    assertThat(read("CODE_LENGTH", Integer.toString(length)).codeLength()).isEqualTo(length);
  }

  @Test
  void missingSenderNamesEmailSender() {
    assertThatThrownBy(() -> CreateSettings.fromEnvironment(Map.of()))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("EMAIL_SENDER");
  }

  @Test
  void blankSenderNamesEmailSender() {
    assertThatThrownBy(() -> CreateSettings.fromEnvironment(Map.of("EMAIL_SENDER", "  ")))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("EMAIL_SENDER");
  }

  @Test
  void unsetVariablesTakeTheDocumentedDefaults() {
    CreateSettings settings =
        CreateSettings.fromEnvironment(Map.of("EMAIL_SENDER", "no-reply@example.com"));
    assertThat(settings.codeLength()).isEqualTo(6);
    assertThat(settings.codeTtl()).isEqualTo(Duration.ofSeconds(300));
    assertThat(settings.resendCooldown()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.sesConfigurationSet()).isEmpty();
    assertThat(settings.flow().maxAttempts()).isEqualTo(3);
    assertThat(settings.flow().maxResends()).isEqualTo(2);
    assertThat(settings.flow().requireVerifiedEmail()).isFalse();
  }

  @Test
  void emptyVariablesAsTheTemplatePassesThemTakeTheDefaults() {
    assertThat(read("CODE_LENGTH", "").codeLength()).isEqualTo(6);
    assertThat(read("SES_CONFIGURATION_SET", "").sesConfigurationSet()).isEmpty();
  }

  @Test
  void invalidTtlAndCooldownNameTheirVariables() {
    assertThatThrownBy(() -> read("CODE_TTL_SECONDS", "59"))
        .hasMessageContaining("CODE_TTL_SECONDS")
        .hasMessageContaining("60 to 600");
    assertThatThrownBy(() -> read("RESEND_COOLDOWN_SECONDS", "301"))
        .hasMessageContaining("RESEND_COOLDOWN_SECONDS")
        .hasMessageContaining("0 to 300");
  }
}
