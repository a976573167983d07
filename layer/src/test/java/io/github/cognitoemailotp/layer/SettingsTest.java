package io.github.cognitoemailotp.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cognitoemailotp.layer.budget.CodeEmailLimits;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SettingsTest {

  @Test
  void flowDefaultsWhenUnset() {
    assertThat(FlowSettings.fromEnvironment(Map.of())).isEqualTo(new FlowSettings(3, 2, false));
  }

  @Test
  void flowReadsEveryVariable() {
    assertThat(
            FlowSettings.fromEnvironment(
                Map.of("MAX_ATTEMPTS", "5", "MAX_RESENDS", "0", "REQUIRE_VERIFIED_EMAIL", "TRUE")))
        .isEqualTo(new FlowSettings(5, 0, true));
  }

  @Test
  void createReadsEveryVariable() {
    CreateSettings settings =
        CreateSettings.fromEnvironment(
            Map.of(
                "EMAIL_SENDER", "no-reply@example.com",
                "CODE_LENGTH", "8",
                "CODE_TTL_SECONDS", "120",
                "RESEND_COOLDOWN_SECONDS", "0",
                "SES_CONFIGURATION_SET", "otp"));
    assertThat(settings)
        .isEqualTo(
            new CreateSettings(
                new FlowSettings(3, 2, false),
                "no-reply@example.com",
                8,
                Duration.ofSeconds(120),
                Duration.ZERO,
                "otp"));
  }

  @Test
  void outOfRangeNumberNamesTheVariableAndRange() {
    assertThatThrownBy(() -> FlowSettings.fromEnvironment(Map.of("MAX_ATTEMPTS", "0")))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessage("MAX_ATTEMPTS is \"0\"; it must be a whole number from 1 to 10 (default 3)");
    assertThatThrownBy(() -> FlowSettings.fromEnvironment(Map.of("MAX_RESENDS", "three")))
        .hasMessageContaining("MAX_RESENDS")
        .hasMessageContaining("0 to 5");
  }

  @Test
  void rangeEndsAreAccepted() {
    assertThat(FlowSettings.fromEnvironment(Map.of("MAX_ATTEMPTS", "1", "MAX_RESENDS", "5")))
        .isEqualTo(new FlowSettings(1, 5, false));
    assertThat(FlowSettings.fromEnvironment(Map.of("MAX_ATTEMPTS", "10", "MAX_RESENDS", "0")))
        .isEqualTo(new FlowSettings(10, 0, false));
    assertThatThrownBy(() -> FlowSettings.fromEnvironment(Map.of("MAX_ATTEMPTS", "11")))
        .hasMessageContaining("MAX_ATTEMPTS");
  }

  @Test
  void senderNeedsSomethingOnEachSideOfTheAt() {
    assertThatThrownBy(() -> CreateSettings.fromEnvironment(Map.of("EMAIL_SENDER", "@example.com")))
        .hasMessageContaining("EMAIL_SENDER");
    assertThatThrownBy(() -> CreateSettings.fromEnvironment(Map.of("EMAIL_SENDER", "sender@")))
        .hasMessageContaining("EMAIL_SENDER");
    assertThat(CreateSettings.fromEnvironment(Map.of("EMAIL_SENDER", "a@b")).emailSender())
        .isEqualTo("a@b");
  }

  @Test
  void invalidFlagNamesTheVariable() {
    assertThatThrownBy(() -> FlowSettings.fromEnvironment(Map.of("REQUIRE_VERIFIED_EMAIL", "yes")))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("REQUIRE_VERIFIED_EMAIL")
        .hasMessageContaining("true or false");
  }

  @Test
  void senderIsRequired() {
    assertThatThrownBy(() -> CreateSettings.fromEnvironment(Map.of()))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("EMAIL_SENDER");
    assertThatThrownBy(() -> CreateSettings.fromEnvironment(Map.of("EMAIL_SENDER", "a@b@c")))
        .hasMessageContaining("EMAIL_SENDER");
  }

  @ParameterizedTest
  @EnumSource(
      value = Setting.class,
      names = {
        "CODE_LENGTH",
        "MAX_ATTEMPTS",
        "CODE_TTL_SECONDS",
        "MAX_RESENDS",
        "RESEND_COOLDOWN_SECONDS",
        "MAX_SIGN_IN_MINUTES",
        "MAX_CODE_EMAILS_PER_HOUR",
        "MAX_CODE_EMAILS_PER_DAY"
      })
  void numbersDefaultInsideTheirRange(Setting setting) {
    assertThat(setting.kind()).isEqualTo(Setting.Kind.NUMBER);
    assertThat(setting.defaultNumber()).isBetween(setting.min(), setting.max());
  }

  @Test
  void codeStateAcceptsExactlyTheCodeLengthsTheSettingAllows() {
    java.time.Instant now = java.time.Instant.ofEpochSecond(1_700_000_000);
    for (int length = 1; length <= Setting.CODE_LENGTH.max() + 2; length++) {
      String code = "7".repeat(length);
      boolean allowed = length >= Setting.CODE_LENGTH.min() && length <= Setting.CODE_LENGTH.max();
      if (allowed) {
        assertThat(new CodeState(IssueReason.FIRST, code, now, now).code()).isEqualTo(code);
      } else {
        assertThatThrownBy(() -> new CodeState(IssueReason.FIRST, code, now, now))
            .as("length " + length)
            .isInstanceOf(IllegalArgumentException.class);
      }
    }
  }

  @Test
  void readingASettingAsAnotherKindIsAProgrammingError() {
    assertThatThrownBy(
            () ->
                new io.github.cognitoemailotp.layer.internal.Environment(Map.of())
                    .flag(Setting.CODE_LENGTH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CODE_LENGTH");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
    "MAX_SIGN_IN_MINUTES, 2, 3 to 60 (default 15)",
    "MAX_SIGN_IN_MINUTES, 61, 3 to 60 (default 15)",
    "MAX_CODE_EMAILS_PER_HOUR, 0, 1 to 100 (default 10)",
    "MAX_CODE_EMAILS_PER_HOUR, 101, 1 to 100 (default 10)",
    "MAX_CODE_EMAILS_PER_DAY, 0, 1 to 1000 (default 30)",
    "MAX_CODE_EMAILS_PER_DAY, 1001, 1 to 1000 (default 30)"
  })
  void limitsOutOfRangeNameTheVariableAndRange(String name, String value, String range) {
    assertThatThrownBy(
            () -> {
              FlowSettings.fromEnvironment(Map.of(name, value));
              CodeEmailLimits.fromEnvironment(Map.of(name, value));
            })
        .isInstanceOf(InvalidSettingException.class)
        .hasMessage(name + " is \"" + value + "\"; it must be a whole number from " + range);
  }

  @Test
  void limitsDefaultAndReadTheirVariables() {
    assertThat(CodeEmailLimits.fromEnvironment(Map.of())).isEqualTo(new CodeEmailLimits(10, 30));
    assertThat(
            CodeEmailLimits.fromEnvironment(
                Map.of("MAX_CODE_EMAILS_PER_HOUR", "100", "MAX_CODE_EMAILS_PER_DAY", "1")))
        .isEqualTo(new CodeEmailLimits(100, 1));
    assertThat(FlowSettings.fromEnvironment(Map.of()).maxSignIn())
        .isEqualTo(Duration.ofMinutes(15));
    assertThat(FlowSettings.fromEnvironment(Map.of("MAX_SIGN_IN_MINUTES", "3")).maxSignIn())
        .isEqualTo(Duration.ofMinutes(3));
    assertThat(FlowSettings.fromEnvironment(Map.of("MAX_SIGN_IN_MINUTES", "60")).maxSignIn())
        .isEqualTo(Duration.ofMinutes(60));
  }
}
