package io.github.cognitoemailotp.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cognitoemailotp.layer.TriggerFailureException;
import io.github.cognitoemailotp.layer.VerifyAuthChallenge;
import io.github.cognitoemailotp.layer.lock.LockSettings;
import io.github.cognitoemailotp.layer.metrics.MetricsSettings;
import io.github.cognitoemailotp.testkit.FakeContext;
import io.github.cognitoemailotp.testkit.HostileEvents;
import io.github.cognitoemailotp.testkit.Sampling;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * 100,000 malformed and adversarial events: the handler never throws, always answers, says
 * "correct" only when the answer is the code it was given, and never logs the code.
 */
class HostileInputTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> FIXTURES =
      List.of(
          "verify-right-answer.json",
          "verify-wrong-answer.json",
          "verify-answer-with-whitespace.json",
          "verify-resend-request.json");

  private final RecordingPasses passes = new RecordingPasses();

  private final VerifyAuthChallengeHandler handler =
      new VerifyAuthChallengeHandler(
          new VerifyAuthChallenge(
              Clock.fixed(Instant.ofEpochSecond(1_795_752_100L), ZoneOffset.UTC),
              MetricsSettings.DEFAULT,
              passes,
              new CountingLock(),
              new LockSettings(100, 6, false),
              notice -> {}));

  @Test
  void hostileEventsNeverCrashNeverPassAWrongAnswerAndNeverLeakTheCode() {
    Sampling.check(
        100_000,
        random -> HostileEvents.next(random, FIXTURES),
        event -> {
          FakeContext context = new FakeContext("VerifyAuthChallenge");
          ByteArrayOutputStream output = new ByteArrayOutputStream();
          int passesBefore = passes.recorded().size();
          boolean correct;
          try {
            handler.handleRequest(new ByteArrayInputStream(event), output, context);
            JsonNode answer = read(output.toByteArray()).path("response").path("answerCorrect");
            assertThat(answer.isBoolean()).isTrue();
            correct = answer.asBoolean();
            assertThat(passes.recorded()).hasSize(passesBefore + (correct ? 1 : 0));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          } catch (TriggerFailureException e) {
            // A correct answer whose event names no user or client: no pass, so no sign-in.
            assertThat(e).hasMessage(VerifyAuthChallenge.NOT_RECORDED);
            assertThat(passes.recorded()).hasSize(passesBefore);
            correct = true;
          }
          if (correct) {
            JsonNode request = read(event).path("request");
            assertThat(request.path("challengeAnswer").asText().strip())
                .isEqualTo(request.path("privateChallengeParameters").path("code").asText());
            assertThat(request.path("clientMetadata").path("resend").asText())
                .isNotEqualToIgnoringCase("true");
          }
          assertThat(context.capturingLogger().lines()).hasSize(1);
          assertThat(HostileEvents.withoutTimestamps(context.capturingLogger().text()))
              .doesNotContain(HostileEvents.PLANTED_CODE);
        });
  }

  private static JsonNode read(byte[] json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
