package io.github.cognitoemailotp.create;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The handler's init in a JVM of its own, as a cold start runs it: it prints nothing of its own, in
 * particular none of SLF4J's "Failed to load class org.slf4j.impl.StaticLoggerBinder" lines (the
 * SDK's slf4j-api without a binding), which would land in every cold start's log.
 */
class ColdStartOutputTest {

  /** Runs the handler's init: the no-argument constructor, which Lambda calls. */
  public static void main(String[] args) {
    new CreateAuthChallengeHandler();
  }

  @Test
  void theHandlersInitPrintsNoSlf4jWarning() throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ColdStartOutputTest.class.getName()));
    builder.environment().clear();
    builder.environment().put("EMAIL_SENDER", "no-reply@example.com");
    builder.environment().put("CODE_EMAIL_BUDGET_TABLE", "stack-CodeEmailBudgetTable-1");
    builder.environment().put("USER_LOCK_TABLE", "stack-UserLockTable-1");
    builder.environment().put("AWS_REGION", "us-east-1");
    builder.environment().put("AWS_ACCESS_KEY_ID", "local");
    builder.environment().put("AWS_SECRET_ACCESS_KEY", "local");
    builder.environment().put("AWS_ENDPOINT_URL", "http://127.0.0.1:9");
    builder.redirectErrorStream(true);
    builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output)
        .as("the init's output")
        .doesNotContain("SLF4J")
        .doesNotContain("StaticLoggerBinder");
  }
}
