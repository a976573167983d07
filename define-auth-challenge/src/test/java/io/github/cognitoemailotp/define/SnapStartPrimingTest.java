package io.github.cognitoemailotp.define;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.github.cognitoemailotp.layer.DefineAuthChallenge;
import io.github.cognitoemailotp.layer.FlowSettings;
import io.github.cognitoemailotp.layer.SnapStartHook;
import io.github.cognitoemailotp.testkit.CracCheckpoint;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SnapStart priming runs the trigger on its built-in event and logs one line naming no user; the
 * handler registers it for a SnapStart init and only then.
 */
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
  void restoringChangesNothing() {
    SnapStartPriming priming = priming();
    assertThatCode(() -> priming.afterRestore(null)).doesNotThrowAnyException();
  }

  @Test
  void aSnapStartInitRegistersThePrimingAndTheCheckpointRunsIt() throws Exception {
    CracCheckpoint.takeRegistered();
    DefineAuthChallengeHandler handler =
        new DefineAuthChallengeHandler(
            Map.of(SnapStartHook.INITIALIZATION_TYPE_VARIABLE, "snap-start"));

    List<javax.crac.Resource> registered = CracCheckpoint.takeRegistered();

    assertThat(handler.priming()).isNotNull();
    assertThat(registered).hasSize(1);
    assertThat(CracCheckpoint.printedBy(registered.getFirst()))
        .isEqualTo("SnapStart priming: DefineAuthChallenge path warmed" + System.lineSeparator());
  }

  @ParameterizedTest
  @ValueSource(strings = {"on-demand", "provisioned-concurrency"})
  void anyOtherInitRegistersNothing(String initializationType) {
    CracCheckpoint.takeRegistered();
    DefineAuthChallengeHandler handler =
        new DefineAuthChallengeHandler(
            Map.of(SnapStartHook.INITIALIZATION_TYPE_VARIABLE, initializationType));

    assertThat(handler.priming()).isNull();
    assertThat(CracCheckpoint.takeRegistered()).isEmpty();
  }

  @Test
  void anInitWithoutTheVariableRegistersNothing() {
    CracCheckpoint.takeRegistered();
    assertThat(new DefineAuthChallengeHandler(Map.of()).priming()).isNull();
    assertThat(CracCheckpoint.takeRegistered()).isEmpty();
  }
}
