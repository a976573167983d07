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
 * such as the recovery setting, skip nothing). On a template that does not wire the token gate, the
 * audit finds exactly that: the missing gate, and (other tests invite users on the shared stack)
 * the invited users it leaves without the code.
 */
@ExtendWith(LocalStack.Extension.class)
class NewPoolAuditTest {

  @Test
  void theNewPoolStackAuditsClean(LocalStack stack) {
    java.util.List<Finding.Check> findings =
        new PoolAudit(stack.admin)
                .audit(
                    stack.cognito.userPoolId(),
                    new StackFunctions(
                        stack.cognito.lambdaConfig().entrySet().stream()
                            .filter(entry -> StackFunctions.ALL.containsKey(entry.getKey()))
                            .collect(
                                java.util.stream.Collectors.toMap(
                                    java.util.Map.Entry::getKey, java.util.Map.Entry::getValue))))
                .stream()
                .filter(finding -> finding.kind() == Finding.Kind.FINDING)
                .map(Finding::check)
                .toList();
    if (InvitedUserEndToEndTest.hasTheGate(stack)) {
      assertThat(findings).isEmpty();
    } else {
      assertThat(findings)
          .contains(Finding.Check.TOKEN_GATE)
          .isSubsetOf(Finding.Check.TOKEN_GATE, Finding.Check.FORCE_CHANGE_PASSWORD);
    }
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
    if (InvitedUserEndToEndTest.hasTheGate(stack)) {
      assertThat(audit.exitValue()).as(output).isZero();
      assertThat(output).contains("Nothing found in " + stack.cognito.userPoolId());
    } else {
      assertThat(audit.exitValue()).as(output).isEqualTo(9);
      assertThat(output).contains("TOKEN_GATE: LambdaConfig has no PreTokenGeneration");
    }
  }
}
