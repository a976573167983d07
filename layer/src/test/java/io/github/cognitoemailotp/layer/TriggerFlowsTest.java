package io.github.cognitoemailotp.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import io.github.cognitoemailotp.layer.budget.BudgetSpend;
import io.github.cognitoemailotp.layer.internal.Json;
import io.github.cognitoemailotp.layer.lock.LockSettings;
import io.github.cognitoemailotp.layer.metrics.MetricsSettings;
import io.github.cognitoemailotp.testkit.CapturingLogger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The three triggers' flows in the layer: bytes in, bytes out, one log line, no Lambda needed. */
class TriggerFlowsTest {

  static final Instant NOW = Instant.ofEpochSecond(1_795_752_100L);
  final CapturingLogger logger = new CapturingLogger();
  final List<CodeEmail> sent = new ArrayList<>();

  CreateAuthChallenge create(CodeSender sender) {
    return new CreateAuthChallenge(
        new MemoryUserLock(),
        new CreateSettings(
            new FlowSettings(3, 2, false),
            "no-reply@example.com",
            6,
            Duration.ofMinutes(5),
            Duration.ofSeconds(30),
            ""),
        sender,
        (sub, now) -> BudgetSpend.grant(),
        length -> "135790",
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void defineLogsAFailureAsWarnAndAChallengeAsInfo() {
    DefineAuthChallenge define =
        new DefineAuthChallenge(new FlowSettings(3, 2, false), Clock.fixed(NOW, ZoneOffset.UTC));
    define.handle(new History().event(Trigger.DEFINE_AUTH_CHALLENGE), logger);
    define.handle(new History().srpA(true).event(Trigger.DEFINE_AUTH_CHALLENGE), logger);
    assertThat(logger.lines())
        .extracting(CapturingLogger.Line::level)
        .containsExactly(LogLevel.WARN, LogLevel.INFO);
  }

  @Test
  void defineAnswersAnUnreadableEventWithOnlyAFailure() {
    byte[] response =
        new DefineAuthChallenge(new FlowSettings(3, 2, false), Clock.fixed(NOW, ZoneOffset.UTC))
            .handle("[1]".getBytes(StandardCharsets.UTF_8), logger);
    assertThat(text(response))
        .isEqualTo("{\"response\":{\"issueTokens\":false,\"failAuthentication\":true}}");
    assertThat(logger.text())
        .contains("\"userPoolId\":\"\"", "\"maskedEmail\":\"\"", "the event is not a JSON object");
  }

  @Test
  void verifyChecksTheAnswerAndLogsWhy() {
    MemoryPasses passes = new MemoryPasses();
    VerifyAuthChallenge verify =
        new VerifyAuthChallenge(
            Clock.fixed(NOW, ZoneOffset.UTC),
            MetricsSettings.DEFAULT,
            passes,
            new MemoryUserLock(),
            new LockSettings(10, 6, false),
            notice -> {});
    String event =
        "{\"triggerSource\":\"VerifyAuthChallengeResponse_Authentication\",\"userPoolId\":\"p\","
            + "\"callerContext\":{\"clientId\":\"app\"},\"request\":"
            + "{\"userAttributes\":{\"sub\":\"u-1\"},\"privateChallengeParameters\":{\"code\":\"482913\",\"expiresAt\":\"1795752300\"},"
            + "\"challengeAnswer\":\"ANSWER\"%s}}";
    assertThat(
            text(
                verify.handle(
                    String.format(event, "")
                        .replace("ANSWER", "482913")
                        .getBytes(StandardCharsets.UTF_8),
                    logger)))
        .endsWith("\"response\":{\"answerCorrect\":true}}");
    assertThat(
            text(
                verify.handle(
                    String.format(event, "")
                        .replace("ANSWER", "000000")
                        .getBytes(StandardCharsets.UTF_8),
                    logger)))
        .endsWith("\"response\":{\"answerCorrect\":false}}");
    assertThat(
            text(
                verify.handle(
                    String.format(event, ",\"clientMetadata\":{\"resend\":\"true\"}")
                        .replace("ANSWER", "482913")
                        .getBytes(StandardCharsets.UTF_8),
                    logger)))
        .endsWith("\"response\":{\"answerCorrect\":false}}");
    assertThat(text(verify.handle("{".getBytes(StandardCharsets.UTF_8), logger)))
        .isEqualTo("{\"response\":{\"answerCorrect\":false}}");
    assertThat(logger.lines())
        .extracting(CapturingLogger.Line::message)
        .satisfiesExactly(
            first -> assertThat(first).contains("ANSWER_CORRECT", "the code matches"),
            second -> assertThat(second).contains("ANSWER_WRONG", "the answer is wrong"),
            third -> assertThat(third).contains("ANSWER_WRONG", "the answer was not compared"),
            fourth -> assertThat(fourth).contains("ANSWER_WRONG", "malformed event"));
    assertThat(logger.lines())
        .extracting(CapturingLogger.Line::level)
        .containsExactly(LogLevel.INFO, LogLevel.INFO, LogLevel.INFO, LogLevel.WARN);
    assertThat(passes.recorded()).containsExactly("u-1/app");
  }

  @Test
  void createEmailsANewCodeAndReturnsTheChallenge() {
    byte[] response =
        create(sent::add)
            .handle(History.afterPassword().event(Trigger.CREATE_AUTH_CHALLENGE), logger);
    assertThat(sent)
        .containsExactly(
            new CodeEmail("jane.doe@example.com", "135790", Duration.ofMinutes(5), ""));
    assertThat(text(response))
        .contains("\"privateChallengeParameters\":{")
        .contains("\"challengeMetadata\":\"EMAIL_OTP.v1:FIRST:1795752100:1795752400:135790\"");
    assertThat(logger.text())
        .contains("\"outcome\":\"FIRST\"", "\"reason\":\"code challenge issued\"");
  }

  @Test
  void createSendsNothingWhenTheCodeStands() {
    History history = History.afterPassword().answer(IssueReason.FIRST, false);
    byte[] response =
        create(sent::add).handle(history.event(Trigger.CREATE_AUTH_CHALLENGE), logger);
    assertThat(sent).isEmpty();
    assertThat(text(response)).contains("EMAIL_OTP.v1:RETRY:");
  }

  @Test
  void createLogsTheResendOutcome() {
    History history = History.afterPassword().answer(IssueReason.FIRST, false).resendRequested();
    create(sent::add).handle(history.event(Trigger.CREATE_AUTH_CHALLENGE), logger);
    assertThat(logger.text()).contains("\"reason\":\"resend SENT\"");
  }

  @Test
  void createTurnsAnUnexpectedErrorIntoAClearFailure() {
    CreateAuthChallenge failing =
        create(
            email -> {
              throw new IllegalStateException("boom 135790");
            });
    assertThatThrownBy(
            () ->
                failing.handle(
                    History.afterPassword().event(Trigger.CREATE_AUTH_CHALLENGE), logger))
        .isInstanceOf(TriggerFailureException.class)
        .hasMessage(
            "CreateAuthChallenge failed unexpectedly (java.lang.IllegalStateException); see the function's log");
    assertThat(logger.lines())
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.level()).isEqualTo(LogLevel.ERROR);
              assertThat(line.message())
                  .contains("\"outcome\":\"FAILED\"")
                  .doesNotContain("135790");
            });
  }

  @Test
  void createPassesTheSendersMessageOn() {
    CreateAuthChallenge rejecting =
        create(
            email -> {
              throw new TriggerFailureException("SES rejected the email");
            });
    assertThatThrownBy(
            () ->
                rejecting.handle(
                    History.afterPassword().event(Trigger.CREATE_AUTH_CHALLENGE), logger))
        .hasMessage("SES rejected the email");
  }

  @Test
  void codeEmailNeverPrintsTheCodeOrAddress() {
    assertThat(
            new CodeEmail("jane.doe@example.com", "135790", Duration.ofMinutes(5), "ja").toString())
        .isEqualTo("CodeEmail[recipient=j***@e***.com, locale=ja]");
  }

  @Test
  void jsonWritesEveryValueKind() throws Exception {
    Map<String, Object> document = new java.util.LinkedHashMap<>();
    document.put("int", 1);
    document.put("long", 2L);
    document.put("number", new Json.Number("3.5"));
    document.put("null", null);
    document.put("nullLiteral", Json.NULL);
    document.put("list", List.of(true, "x"));
    assertThat(text(Json.write(document)))
        .isEqualTo(
            "{\"int\":1,\"long\":2,\"number\":3.5,\"null\":null,\"nullLiteral\":null,\"list\":[true,\"x\"]}");
    assertThat(Json.parse(Json.write(document))).isInstanceOf(Map.class);
  }

  @Test
  void jsonSaysWhatIsWrongWithoutQuoting() {
    assertThatThrownBy(() -> Json.parse("{\"a\":".getBytes(StandardCharsets.UTF_8)))
        .hasMessageStartingWith(
            "the event cannot be read: it ends before the JSON value is complete");
    assertThatThrownBy(
            () ->
                Json.parse(("[".repeat(3000) + "]".repeat(3000)).getBytes(StandardCharsets.UTF_8)))
        .hasMessageStartingWith("the event cannot be read: it is nested too deeply");
    assertThatThrownBy(() -> Json.parse("{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8)))
        .hasMessageStartingWith("the event cannot be read: a field appears twice");
    assertThatThrownBy(() -> Json.parse("{\"a\": secret123}".getBytes(StandardCharsets.UTF_8)))
        .hasMessageStartingWith("the event cannot be read: it is not valid JSON (line 1, column")
        .hasMessageNotContaining("secret123");
    assertThatThrownBy(() -> Json.parse("1 2".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("the event cannot be read");
  }

  @Test
  void triggerSourceIsQuotedShortAndPrintable() {
    String source = "\u00e9".repeat(70);
    assertThatThrownBy(
            () ->
                TriggerEvent.parse(
                    ("{\"triggerSource\":\"" + source + "\"}").getBytes(StandardCharsets.UTF_8),
                    Trigger.DEFINE_AUTH_CHALLENGE))
        .hasMessage(
            "triggerSource is \""
                + "?".repeat(64)
                + "...\", expected \"DefineAuthChallenge_Authentication\"");
  }
}
