package io.github.cognitoemailotp.client.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cognitoemailotp.layer.Setting;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The limits the command explains a user's state with, and where each came from. */
class OperatorSettingsTest {

  @Test
  void whatIsNotGivenIsTheTemplatesDefault() {
    OperatorSettings settings = OperatorSettings.of(Map.of(), OperatorSettings.Source.STACK);

    assertThat(settings.number(Setting.MAX_CODE_EMAILS_PER_HOUR))
        .isEqualTo(Setting.MAX_CODE_EMAILS_PER_HOUR.defaultNumber());
    assertThat(settings.source("MaxCodeEmailsPerHour")).isEqualTo(OperatorSettings.Source.DEFAULT);
  }

  @Test
  void aGivenValueWinsAndSaysWhereItCameFrom() {
    OperatorSettings settings =
        OperatorSettings.of(
            Map.of("MaxCodeEmailsPerDay", "12", "EmailSender", "a@example.com"),
            OperatorSettings.Source.STACK);

    assertThat(settings.number(Setting.MAX_CODE_EMAILS_PER_DAY)).isEqualTo(12);
    assertThat(settings.source("MaxCodeEmailsPerDay")).isEqualTo(OperatorSettings.Source.STACK);
  }

  @Test
  void theLockLimitIsGivenOrTheTemplatesDefault() {
    OperatorSettings given =
        OperatorSettings.of(
            Map.of("MaxConsecutiveWrongCodes", "5"), OperatorSettings.Source.OPTION);

    assertThat(given.number(Setting.MAX_CONSECUTIVE_WRONG_CODES)).isEqualTo(5);
    assertThat(
            OperatorSettings.of(Map.of(), OperatorSettings.Source.OPTION)
                .number(Setting.MAX_CONSECUTIVE_WRONG_CODES))
        .isEqualTo(Setting.MAX_CONSECUTIVE_WRONG_CODES.defaultNumber());
  }

  @Test
  void aNumberOutOfRangeNamesTheParameterItsSourceAndTheRange() {
    OperatorSettings settings =
        OperatorSettings.of(Map.of("MaxCodeEmailsPerHour", "101"), OperatorSettings.Source.STACK);

    assertThatThrownBy(() -> settings.number(Setting.MAX_CODE_EMAILS_PER_HOUR))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "MaxCodeEmailsPerHour is \"101\" (from the stack's parameters); it must be a whole"
                + " number from 1 to 100");
  }
}
