package io.github.cognitoemailotp.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The template in both modes, as CloudFormation would deploy it: {@code tools/check_template.py}
 * expands it with aws-sam-translator (the SAM transform) for a new pool and for an existing one
 * (ExistingUserPoolArn), with and without a configuration set, checks the pool (none in existing
 * mode), the client's pool, the permissions' SourceArn and the outputs, and runs cfn-lint with each
 * parameter set.
 */
class TemplateModesTest {

  static final String EXISTING_POOL =
      "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbCdEf123";

  static Path root;

  /** A finished run of the checker. */
  record Run(int exitCode, String output) {}

  @BeforeAll
  static void findTheToolsOrSkip() throws Exception {
    root = Path.of("").toAbsolutePath();
    while (!Files.exists(root.resolve("template.yaml"))) {
      root = root.getParent();
    }
    assumeTrue(
        run("python3", "-c", "import samtranslator, yaml").exitCode() == 0,
        "python3 with aws-sam-translator and PyYAML is not installed");
    assumeTrue(run("cfn-lint", "--version").exitCode() == 0, "cfn-lint is not on PATH");
  }

  static Run run(String... command) throws IOException, InterruptedException {
    Process process;
    try {
      process =
          new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
    } catch (IOException notInstalled) {
      return new Run(-1, notInstalled.getMessage());
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
    return new Run(process.exitValue(), output);
  }

  static Run checkTemplate(Path template, String... options) throws Exception {
    List<String> command =
        new ArrayList<>(List.of("python3", "tools/check_template.py", "--template"));
    command.add(template.toString());
    command.addAll(List.of(options));
    return run(command.toArray(String[]::new));
  }

  @Test
  void bothModesExpandAndLintCleanWithEveryParameterSet() throws Exception {
    Run run = checkTemplate(root.resolve("template.yaml"));
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output())
        .contains("check_template: ok [EmailSender=no-reply@example.com]")
        .contains(
            "check_template: ok [EmailSender=otp@mail.example.org SesConfigurationSet=otp-events]")
        .contains(
            "check_template: ok [EmailSender=no-reply@example.com ExistingUserPoolArn="
                + EXISTING_POOL
                + "]")
        .contains(
            "check_template: ok [EmailSender=otp@mail.example.org SesConfigurationSet=otp-events"
                + " ExistingUserPoolArn="
                + EXISTING_POOL
                + "]")
        .doesNotContain("FAIL");
  }

  @Test
  void aPermissionNotScopedToTheExistingPoolIsCaught(@TempDir Path directory) throws Exception {
    String template = Files.readString(root.resolve("template.yaml"));
    String scoped =
        "SourceArn: !If [CreateUserPool, !GetAtt CognitoUserPool.Arn, !Ref ExistingUserPoolArn]";
    assertThat(template).contains(scoped);
    Path sabotaged = directory.resolve("template.yaml");
    Files.writeString(
        sabotaged,
        template.replaceFirst(
            java.util.regex.Pattern.quote(scoped), "SourceArn: !GetAtt CognitoUserPool.Arn"));
    Run run = checkTemplate(sabotaged, "--no-lint");
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.output())
        .contains(
            "FAIL [EmailSender=no-reply@example.com ExistingUserPoolArn="
                + EXISTING_POOL
                + "] DefineAuthChallengeCognitoPermission lets Cognito invoke without SourceArn ="
                + " the pool's ARN (it is CognitoUserPool.Arn, expected "
                + EXISTING_POOL
                + ")");
  }
}
