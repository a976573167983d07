package io.github.cognitoemailotp.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cognitoemailotp.layer.InvalidSettingException;
import io.github.cognitoemailotp.layer.VerifyAuthChallenge;
import io.github.cognitoemailotp.layer.lock.LockSettings;
import io.github.cognitoemailotp.layer.metrics.MetricsSettings;
import io.github.cognitoemailotp.testkit.Events;
import io.github.cognitoemailotp.testkit.FakeContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The handler as Lambda runs it: event bytes in, response bytes out, one log line. */
class VerifyAuthChallengeHandlerTest {

  /** The fixtures' code expires at 1795752300. */
  private static final Instant BEFORE_EXPIRY = Instant.ofEpochSecond(1_795_752_100L);

  private final FakeContext context = new FakeContext("VerifyAuthChallenge");
  private final RecordingPasses passes = new RecordingPasses();

  private String invoke(byte[] event, Instant now) throws IOException {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    new VerifyAuthChallengeHandler(
            new VerifyAuthChallenge(
                Clock.fixed(now, ZoneOffset.UTC),
                MetricsSettings.DEFAULT,
                passes,
                new CountingLock(),
                new LockSettings(100, 6, false),
                notice -> {}))
        .handleRequest(new ByteArrayInputStream(event), output, context);
    return output.toString(StandardCharsets.UTF_8);
  }

  private String invoke(String fixture) throws IOException {
    return invoke(Events.load(fixture), BEFORE_EXPIRY);
  }

  @Test
  void rightCodeIsCorrect() throws IOException {
    assertThat(invoke("verify-right-answer.json"))
        .endsWith("\"response\":{\"answerCorrect\":true}}");
  }

  @Test
  void codeWithSurroundingWhitespaceIsCorrect() throws IOException {
    assertThat(invoke("verify-answer-with-whitespace.json"))
        .endsWith("\"response\":{\"answerCorrect\":true}}");
  }

  @Test
  void wrongCodeIsWrong() throws IOException {
    assertThat(invoke("verify-wrong-answer.json"))
        .endsWith("\"response\":{\"answerCorrect\":false}}");
  }

  @Test
  void expiredCodeIsWrong() throws IOException {
    assertThat(
            invoke(Events.load("verify-right-answer.json"), Instant.ofEpochSecond(1_795_752_300L)))
        .endsWith("\"response\":{\"answerCorrect\":false}}");
  }

  @Test
  void resendRequestIsWrongWithoutComparing() throws IOException {
    assertThat(invoke("verify-resend-request.json"))
        .endsWith("\"response\":{\"answerCorrect\":false}}");
    assertThat(context.capturingLogger().text()).contains("the answer was not compared");
  }

  @Test
  void missingAnswerAndParametersAreWrongNotAnError() throws IOException {
    String event = "{\"triggerSource\":\"VerifyAuthChallengeResponse_Authentication\"}";
    assertThat(invoke(event.getBytes(StandardCharsets.UTF_8), BEFORE_EXPIRY))
        .endsWith("\"response\":{\"answerCorrect\":false}}");
  }

  @Test
  void malformedEventIsWrongWithALogLineSayingWhy() throws IOException {
    assertThat(invoke("not json".getBytes(StandardCharsets.UTF_8), BEFORE_EXPIRY))
        .isEqualTo("{\"response\":{\"answerCorrect\":false}}");
    assertThat(context.capturingLogger().text()).contains("malformed event");
  }

  @Test
  void logNeverHoldsTheCodeOrTheAnswer() throws IOException {
    invoke("verify-right-answer.json");
    invoke("verify-wrong-answer.json");
    assertThat(context.capturingLogger().lines()).hasSize(2);
    assertThat(context.capturingLogger().text())
        .contains("\"outcome\":\"ANSWER_CORRECT\"", "\"outcome\":\"ANSWER_WRONG\"")
        .doesNotContain("482913", "482914", "jane.doe@example.com");
  }

  @Test
  void aRightCodeLeavesOnePassForItsUserAndClientAndAWrongOneNone() throws IOException {
    invoke("verify-right-answer.json");
    invoke("verify-wrong-answer.json");
    invoke("verify-resend-request.json");
    assertThat(passes.recorded())
        .containsExactly("a3c1f2d4-5b6e-4f70-8a9b-0c1d2e3f4a5b/5example1client2id3abcdefg");
  }

  /** What the template gives the function, but the tables. */
  static final Map<String, String> ENVIRONMENT =
      Map.of(
          "AWS_REGION", "us-east-1",
          "SECOND_FACTOR_PASS_TABLE", "passes",
          "USER_LOCK_TABLE", "locks",
          "EMAIL_SENDER", "no-reply@example.com");

  static Map<String, String> without(String variable) {
    Map<String, String> environment = new java.util.HashMap<>(ENVIRONMENT);
    environment.remove(variable);
    return environment;
  }

  @Test
  void initNeedsTheTablesTheSenderAndTheRegion() {
    for (String variable : ENVIRONMENT.keySet()) {
      assertThatThrownBy(() -> new VerifyAuthChallengeHandler(without(variable)))
          .as(variable)
          .isInstanceOf(InvalidSettingException.class)
          .hasMessageStartingWith(variable + " is");
    }
  }

  @Test
  void initRefusesALockThatLetsAPasswordHolderGuessTooOften() {
    Map<String, String> weak = new java.util.HashMap<>(ENVIRONMENT);
    weak.put("CODE_LENGTH", "4");
    weak.put("MAX_CONSECUTIVE_WRONG_CODES", "20");
    assertThatThrownBy(() -> new VerifyAuthChallengeHandler(weak))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("MAX_CONSECUTIVE_WRONG_CODES=20")
        .hasMessageContaining("CODE_LENGTH=4");
  }

  @Test
  void theEnvironmentsConstructorAnswersWithoutAStoreCallForAResend() throws IOException {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    // A resend request compares nothing and writes nothing, so no call reaches the real tables.
    new VerifyAuthChallengeHandler(ENVIRONMENT)
        .handleRequest(
            new ByteArrayInputStream(Events.load("verify-resend-request.json")), output, context);
    assertThat(output.toString(StandardCharsets.UTF_8))
        .endsWith("\"response\":{\"answerCorrect\":false}}");
  }

  @Test
  void onlyASnapStartInitRegistersThePriming() {
    Map<String, String> snapStart = new java.util.HashMap<>(ENVIRONMENT);
    snapStart.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
    SnapStartPriming priming = new VerifyAuthChallengeHandler(snapStart).priming();
    assertThat(priming).isNotNull();
    assertThat(priming.functionName()).isEqualTo("VerifyAuthChallenge");
    Map<String, String> onDemand = new java.util.HashMap<>(ENVIRONMENT);
    onDemand.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
    assertThat(new VerifyAuthChallengeHandler(onDemand).priming()).isNull();
    assertThat(new VerifyAuthChallengeHandler(ENVIRONMENT).priming()).isNull();
  }
}
