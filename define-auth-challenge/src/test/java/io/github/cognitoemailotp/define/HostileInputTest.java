package io.github.cognitoemailotp.define;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cognitoemailotp.testkit.FakeContext;
import io.github.cognitoemailotp.testkit.HostileEvents;
import io.github.cognitoemailotp.testkit.Sampling;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * 100,000 malformed and adversarial events: the handler never throws, always answers, never issues
 * tokens unless the session shows a successful SRP_A, PASSWORD_VERIFIER and a correct last answer,
 * and never logs the planted code.
 */
class HostileInputTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> FIXTURES =
      List.of(
          "define-srp-a.json",
          "define-srp-a-user-not-found.json",
          "define-password-verified.json",
          "define-password-wrong.json",
          "define-empty-session.json",
          "define-wrong-answer.json",
          "define-correct-answer.json",
          "define-resend-request.json");

  private final DefineAuthChallengeHandler handler =
      new DefineAuthChallengeHandler(
          new io.github.cognitoemailotp.layer.DefineAuthChallenge(
              io.github.cognitoemailotp.layer.FlowSettings.fromEnvironment(java.util.Map.of()),
              io.github.cognitoemailotp.layer.metrics.MetricsSettings.DEFAULT,
              // A minute after the fixtures' first code was sent (MAX_SIGN_IN_MINUTES counts).
              java.time.Clock.fixed(
                  java.time.Instant.ofEpochSecond(1_795_752_060L), java.time.ZoneOffset.UTC)));

  @Test
  void hostileEventsNeverCrashNeverEarnTokensAndNeverLeakTheCode() {
    Sampling.check(
        100_000,
        random -> HostileEvents.next(random, FIXTURES),
        event -> {
          FakeContext context = new FakeContext("DefineAuthChallenge");
          ByteArrayOutputStream output = new ByteArrayOutputStream();
          try {
            handler.handleRequest(new ByteArrayInputStream(event), output, context);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          JsonNode response = read(output.toByteArray()).path("response");
          assertThat(response.path("issueTokens").isBoolean()).isTrue();
          if (response.path("issueTokens").asBoolean()) {
            assertThat(earnedTokens(event)).as("tokens for %s", new String(event)).isTrue();
          }
          assertThat(context.capturingLogger().lines()).hasSize(1);
          assertThat(HostileEvents.withoutTimestamps(context.capturingLogger().text()))
              .doesNotContain(HostileEvents.PLANTED_CODE);
        });
  }

  /** An independent reading of the necessary conditions: password proven, last answer right. */
  private static boolean earnedTokens(byte[] event) {
    JsonNode session = read(event).path("request").path("session");
    int last = session.size() - 1;
    return last >= 2
        && "SRP_A".equals(session.get(0).path("challengeName").asText())
        && session.get(0).path("challengeResult").asBoolean(false)
        && "PASSWORD_VERIFIER".equals(session.get(1).path("challengeName").asText())
        && session.get(1).path("challengeResult").asBoolean(false)
        && "CUSTOM_CHALLENGE".equals(session.get(last).path("challengeName").asText())
        && session.get(last).path("challengeResult").asBoolean(false)
        && !read(event).path("request").path("userNotFound").asBoolean(false);
  }

  private static JsonNode read(byte[] json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
