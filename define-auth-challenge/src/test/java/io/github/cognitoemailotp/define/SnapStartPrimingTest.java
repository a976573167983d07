package io.github.cognitoemailotp.define;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.github.cognitoemailotp.layer.DefineAuthChallenge;
import io.github.cognitoemailotp.layer.FlowSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SnapStart priming runs the trigger on its built-in event and logs one line naming no user. */
class SnapStartPrimingTest {

  SnapStartPriming priming() {
    return new SnapStartPriming(new DefineAuthChallenge(FlowSettings.fromEnvironment(Map.of())));
  }

  @Test
  void primingRunsTheTriggerToItsAnswer() {
    assertThat(priming().prime()).isTrue();
  }

  @Test
  void theCheckpointLogsOneLineThatNamesNoUser() {
    PrintStream original = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      priming().beforeCheckpoint(null);
    } finally {
      System.setOut(original);
    }
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .isEqualTo("SnapStart priming: DefineAuthChallenge path warmed" + System.lineSeparator())
        .doesNotContain("priming@example.invalid");
  }

  @Test
  void anEventThatDoesNotGetTheExpectedAnswerIsReportedAsFailed() {
    String other =
        SnapStartPriming.EVENT.replace(
            "\"PASSWORD_VERIFIER\",\"challengeResult\":true",
            "\"PASSWORD_VERIFIER\",\"challengeResult\":false");
    assertThat(other).isNotEqualTo(SnapStartPriming.EVENT);
    assertThat(
            new SnapStartPriming(
                    new DefineAuthChallenge(FlowSettings.fromEnvironment(Map.of())), other)
                .prime())
        .isFalse();
  }

  @Test
  void aTriggerThatThrowsIsReportedAsFailedAndNeverThrown() {
    assertThat(
            new SnapStartPriming(
                    new DefineAuthChallenge(FlowSettings.fromEnvironment(Map.of())), null)
                .prime())
        .isFalse();
  }

  @Test
  void theReportSaysWhenItFailed() {
    assertThat(SnapStartPriming.report(false))
        .isEqualTo("SnapStart priming: DefineAuthChallenge path failed");
  }

  @Test
  void restoringChangesNothingAndRegisteringKeepsTheResource() {
    SnapStartPriming priming = priming();
    assertThatCode(() -> priming.afterRestore(null)).doesNotThrowAnyException();
    assertThat(SnapStartPriming.register(priming)).isSameAs(priming);
  }
}
