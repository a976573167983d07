package io.github.cognitoemailotp.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cognitoemailotp.client.audit.Finding;
import io.github.cognitoemailotp.client.audit.PoolAudit;
import io.github.cognitoemailotp.client.audit.StackFunctions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The pool the template creates has nothing that skips the code: the audit finds nothing (notes,
 * such as the recovery setting, skip nothing).
 */
@ExtendWith(LocalStack.Extension.class)
class NewPoolAuditTest {

  @Test
  void theNewPoolStackAuditsClean(LocalStack stack) {
    assertThat(
            new PoolAudit(stack.admin)
                .audit(
                    stack.cognito.userPoolId(),
                    new StackFunctions(
                        stack.cognito.lambdaConfig().entrySet().stream()
                            .filter(entry -> StackFunctions.ALL.containsKey(entry.getKey()))
                            .collect(
                                java.util.stream.Collectors.toMap(
                                    java.util.Map.Entry::getKey, java.util.Map.Entry::getValue)))))
        .filteredOn(finding -> finding.kind() == Finding.Kind.FINDING)
        .isEmpty();
  }

  @Test
  void theAuditCommandExitsZeroOnTheNewPool(LocalStack stack) throws Exception {
    Path jar = Path.of("..", "example-client", "target", "example-client.jar");
    assertThat(jar).as("built by the example-client module").exists();
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
                "audit",
                "--pool-id",
                stack.cognito.userPoolId(),
                "--endpoint-url",
                stack.cognito.endpoint())
            .redirectErrorStream(true);
    builder.environment().put("AWS_ACCESS_KEY_ID", "local");
    builder.environment().put("AWS_SECRET_ACCESS_KEY", "local");
    Process audit = builder.start();
    String output = new String(audit.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(audit.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(audit.exitValue()).as(output).isZero();
    assertThat(output).contains("Nothing found in " + stack.cognito.userPoolId());
  }
}
