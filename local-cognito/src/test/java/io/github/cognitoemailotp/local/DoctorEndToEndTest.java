package io.github.cognitoemailotp.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code example-client doctor} (its jar, as a user runs it) against the local stack: the client
 * and triggers the template makes pass, the table is found, what the local stack has no API for
 * (Lambda policies, SES identities and account) is reported as not checked, never as passed; and a
 * missing table is a finding with exit code 9.
 */
@ExtendWith(LocalStack.Extension.class)
class DoctorEndToEndTest {

  record Run(int exitCode, String output) {}

  static Run doctor(LocalStack stack, String... tables) throws Exception {
    Path jar = Path.of("..", "example-client", "target", "example-client.jar");
    assertThat(jar).as("built by the example-client module").exists();
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
                "doctor",
                "--pool-id",
                stack.cognito.userPoolId(),
                "--client-id",
                stack.cognito.clientId(),
                "--endpoint-url",
                stack.cognito.endpoint(),
                "--email-sender",
                "no-reply@example.com"));
    for (String table : tables) {
      command.add("--table");
      command.add(table);
    }
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("AWS_ACCESS_KEY_ID", "local");
    builder.environment().put("AWS_SECRET_ACCESS_KEY", "local");
    builder.environment().put("AWS_ENDPOINT_URL_SESV2", stack.ses.url());
    builder.environment().put("AWS_ENDPOINT_URL_DYNAMODB", stack.cognito.dynamoDb().endpoint());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), output);
  }

  @Test
  void theLocalStackHasNothingToFixAndSaysWhatItCouldNotCheck(LocalStack stack) throws Exception {
    Run run = doctor(stack, "CodeEmailBudgetTable");
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output())
        .contains("OK          CLIENT_FLOWS")
        .contains("allows only ALLOW_CUSTOM_AUTH and ALLOW_REFRESH_TOKEN_AUTH")
        .contains(
            "OK          TRIGGERS            The pool's LambdaConfig has DefineAuthChallenge,"
                + " CreateAuthChallenge, VerifyAuthChallengeResponse, PreTokenGeneration")
        .contains("NOT_CHECKED TRIGGER_PERMISSIONS")
        .contains("NOT_CHECKED SENDER_IDENTITY")
        .contains("NOT_CHECKED SES_ACCOUNT")
        .contains(
            "OK          TABLES              CodeEmailBudgetTable: the table CodeEmailBudgetTable is ACTIVE.")
        .contains("Nothing to fix in " + stack.cognito.userPoolId());
  }

  @Test
  void aMissingTableIsAFindingWithWhatToDo(LocalStack stack) throws Exception {
    Run run = doctor(stack, "CodeEmailBudgetTable", "NoSuchTable");
    assertThat(run.exitCode()).as(run.output()).isEqualTo(9);
    assertThat(run.output())
        .contains(
            "FAIL        TABLES              NoSuchTable: the table NoSuchTable does not exist")
        .contains("Deploy the stack again")
        .contains("1 thing to fix in " + stack.cognito.userPoolId());
  }
}
