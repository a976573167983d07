package io.github.cognitoemailotp.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import io.github.cognitoemailotp.layer.gate.SecondFactorPasses;
import io.github.cognitoemailotp.layer.lock.LockSettings;
import io.github.cognitoemailotp.layer.metrics.MetricsSettings;
import io.github.cognitoemailotp.testkit.CapturingLogger;
import io.github.cognitoemailotp.testkit.Events;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Verify leaves a second-factor pass for the token gate on a correct answer, and only then. */
class VerifyRecordsPassTest {

  static final Instant NOW = Instant.ofEpochSecond(1_795_752_100L);
  static final String NOT_RECORDED =
      "The code was right, but the sign-in could not be completed. Sign in again in a moment.";

  final CapturingLogger logger = new CapturingLogger();
  final MemoryPasses passes = new MemoryPasses();

  VerifyAuthChallenge verify(SecondFactorPasses store) {
    return new VerifyAuthChallenge(
        Clock.fixed(NOW, ZoneOffset.UTC),
        MetricsSettings.DEFAULT,
        store,
        new MemoryUserLock(),
        new LockSettings(10, 6, false),
        notice -> {});
  }

  @Test
  void aCorrectAnswerRecordsOnePassForItsUserAndClient() {
    verify(passes).handle(Events.load("verify-right-answer.json"), logger);
    assertThat(passes.recorded())
        .containsExactly("a3c1f2d4-5b6e-4f70-8a9b-0c1d2e3f4a5b/5example1client2id3abcdefg");
    assertThat(
            passes.consume(
                "a3c1f2d4-5b6e-4f70-8a9b-0c1d2e3f4a5b", "5example1client2id3abcdefg", NOW))
        .isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"verify-wrong-answer.json", "verify-resend-request.json"})
  void aWrongAnswerOrAResendRecordsNothing(String event) {
    verify(passes).handle(Events.load(event), logger);
    assertThat(passes.recorded()).isEmpty();
  }

  @Test
  void aStoreThatFailsEndsTheSignInWithAMessageAndAnErrorLine() {
    SecondFactorPasses down =
        new SecondFactorPasses() {
          @Override
          public void record(String userSub, String clientId, Instant now) {
            throw new TriggerFailureException("The pass store did not take the pass: throttled");
          }

          @Override
          public boolean consume(String userSub, String clientId, Instant now) {
            return false;
          }
        };
    assertThatThrownBy(() -> verify(down).handle(Events.load("verify-right-answer.json"), logger))
        .isInstanceOf(TriggerFailureException.class)
        .hasMessage(NOT_RECORDED);
    assertThat(logger.lines())
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.level()).isEqualTo(LogLevel.ERROR);
              assertThat(line.message())
                  .contains("\"level\":\"ERROR\"", "PASS_NOT_RECORDED", "throttled")
                  .doesNotContain("482913");
            });
  }

  @Test
  void anUnexpectedStoreErrorAlsoEndsTheSignIn() {
    SecondFactorPasses broken =
        new SecondFactorPasses() {
          @Override
          public void record(String userSub, String clientId, Instant now) {
            throw new IllegalStateException("boom");
          }

          @Override
          public boolean consume(String userSub, String clientId, Instant now) {
            return false;
          }
        };
    assertThatThrownBy(() -> verify(broken).handle(Events.load("verify-right-answer.json"), logger))
        .hasMessage(NOT_RECORDED);
    assertThat(logger.text()).contains("unexpected error: java.lang.IllegalStateException");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"sub\"", "\"clientId\""})
  void aCorrectAnswerWithoutSubOrClientEndsTheSignIn(String field) {
    byte[] event =
        new String(Events.load("verify-right-answer.json"), StandardCharsets.UTF_8)
            .replace(field + ":", "\"renamed\":")
            .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> verify(passes).handle(event, logger)).hasMessage(NOT_RECORDED);
    assertThat(logger.text()).contains("names no user sub or no callerContext.clientId");
    assertThat(passes.recorded()).isEmpty();
  }
}
