package io.github.cognitoemailotp.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cognitoemailotp.local.template.ClientSettings;
import io.github.cognitoemailotp.local.template.FunctionSettings;
import io.github.cognitoemailotp.local.template.PoolSettings;
import io.github.cognitoemailotp.local.template.StackTemplate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Functions run through the real Lambda runtime client in child JVMs, with Cognito's retries. */
class LambdaTriggerInvokerTest {

  @TempDir Path directory;

  private LambdaTriggerInvoker invoker(
      String defineHandler, int timeoutSeconds, Map<String, String> environment) {
    StackTemplate stack =
        new StackTemplate(
            Map.<String, String>of(),
            new PoolSettings(
                List.of("email"), 8, true, true, true, false, true, Set.of(), Set.of(), Set.of()),
            new ClientSettings(
                Set.of("ALLOW_CUSTOM_AUTH"),
                true,
                3,
                false,
                Set.of(),
                Set.of(),
                ClientSettings.DEFAULT_REFRESH_TOKEN_VALIDITY),
            List.of(
                new FunctionSettings(
                    "DefineAuthChallenge",
                    "define-auth-challenge/",
                    defineHandler,
                    environment,
                    timeoutSeconds,
                    1024,
                    "DefineAuthChallenge",
                    "TEXT")));
    return new LambdaTriggerInvoker(stack, System.getenv(), "us-east-1", directory, 3);
  }

  @Test
  void realDefineHandlerAnswersThroughTheRuntimeClient() throws Exception {
    try (LambdaTriggerInvoker invoker =
        invoker(
            "io.github.cognitoemailotp.define.DefineAuthChallengeHandler::handleRequest",
            5,
            Map.of("MAX_ATTEMPTS", "3"))) {
      String event =
          "{\"version\":\"1\",\"triggerSource\":\"DefineAuthChallenge_Authentication\",\"region\":\"us-east-1\","
              + "\"userPoolId\":\"us-east-1_LocalPool1\",\"userName\":\"u\",\"request\":{\"userAttributes\":{},"
              + "\"session\":[{\"challengeName\":\"SRP_A\",\"challengeResult\":true,\"challengeMetadata\":null}],"
              + "\"userNotFound\":false},\"response\":{}}";
      String response =
          new String(
              invoker.invoke(Trigger.DEFINE_AUTH_CHALLENGE, event.getBytes(StandardCharsets.UTF_8)),
              StandardCharsets.UTF_8);
      assertThat(response).contains("\"challengeName\":\"PASSWORD_VERIFIER\"");
      assertThat(awaitLog("SRP_A done, password next"))
          .as("the handler's JSON line, written whole in Lambda's Text log format")
          .startsWith("{\"level\":\"INFO\",\"trigger\":\"DEFINE_AUTH_CHALLENGE\"");
    }
  }

  private String awaitLog(String text) throws Exception {
    Path log = directory.resolve("DefineAuthChallenge.log");
    for (int i = 0; i < 100; i++) {
      if (Files.exists(log)) {
        for (String line : Files.readAllLines(log)) {
          if (line.contains(text)) {
            return line;
          }
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no log line with " + text);
  }

  @Test
  void logRecordsStayOneJsonObjectPerLineWhateverElseTheFunctionPrints() throws Exception {
    try (LambdaTriggerInvoker invoker =
        invoker(NoisyHandler.class.getName() + "::handleRequest", 5, Map.of())) {
      for (int i = 0; i < 3; i++) {
        invoker.invoke(Trigger.DEFINE_AUTH_CHALLENGE, "{}".getBytes(StandardCharsets.UTF_8));
      }
    }
    // Closed, the environments have handed over everything they printed.
    List<String> lines =
        Files.readAllLines(directory.resolve("DefineAuthChallenge.log"), StandardCharsets.UTF_8);
    assertThat(lines.stream().filter(line -> line.contains("\"record\"")))
        .as("each record whole on a line of its own: %s", lines)
        .containsExactly(
            "{\"level\":\"INFO\",\"record\":1}",
            "{\"level\":\"INFO\",\"record\":2}",
            "{\"level\":\"INFO\",\"record\":1}",
            "{\"level\":\"INFO\",\"record\":2}",
            "{\"level\":\"INFO\",\"record\":1}",
            "{\"level\":\"INFO\",\"record\":2}");
    assertThat(String.join("\n", lines))
        .as("no frame header bytes in the log")
        .doesNotContain("\u00a5", "\ufffd")
        .contains("SLF4J: junk at init without a newline");
  }

  @Test
  void functionErrorCarriesItsMessage() {
    try (LambdaTriggerInvoker invoker =
        invoker(FailingHandler.class.getName() + "::handleRequest", 5, Map.of())) {
      assertThatThrownBy(
              () ->
                  invoker.invoke(
                      Trigger.DEFINE_AUTH_CHALLENGE, "{}".getBytes(StandardCharsets.UTF_8)))
          .isInstanceOf(TriggerFailedException.class)
          .hasMessage("the mailbox is on fire");
    }
  }

  @Test
  void functionPastItsTimeoutIsTriedThreeTimesThenFails() throws Exception {
    Path count = directory.resolve("count");
    try (LambdaTriggerInvoker invoker =
        invoker(
            SlowHandler.class.getName() + "::handleRequest",
            1,
            Map.of("COUNT_FILE", count.toString()))) {
      // Cognito's wait includes a cold start; three environments started beforehand make each
      // attempt reach the handler even when a JVM takes longer than the 1 s to start here.
      invoker.warmUp(3);
      assertThatThrownBy(
              () ->
                  invoker.invoke(
                      Trigger.DEFINE_AUTH_CHALLENGE, "{}".getBytes(StandardCharsets.UTF_8)))
          .isInstanceOf(TriggerFailedException.class)
          .hasMessage("Task timed out after 1.00 seconds");
    }
    assertThat(Files.readString(count)).isEqualTo("xxx");
  }

  @Test
  void missingFunctionIsAClearFailure() {
    try (LambdaTriggerInvoker invoker =
        invoker(FailingHandler.class.getName() + "::handleRequest", 5, Map.of())) {
      assertThatThrownBy(
              () ->
                  invoker.invoke(
                      Trigger.CREATE_AUTH_CHALLENGE, "{}".getBytes(StandardCharsets.UTF_8)))
          .hasMessage("no function is attached to CreateAuthChallenge");
    }
  }
}
