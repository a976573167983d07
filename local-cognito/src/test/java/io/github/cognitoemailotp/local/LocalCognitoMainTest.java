package io.github.cognitoemailotp.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line as local-demo.sh runs it, in its own process. */
class LocalCognitoMainTest {

  private static Process start(String... arguments) throws Exception {
    return new ProcessBuilder(command(arguments)).start();
  }

  static List<String> command(String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(LocalCognito.class.getName());
    command.addAll(List.of(arguments));
    return command;
  }

  @Test
  void printsOneJsonLineWithWhereItListens() throws Exception {
    Process process =
        start(
            "--port",
            "0",
            "--template",
            "../template.yaml",
            "--parameter-overrides",
            "EmailSender=no-reply@example.com",
            "CodeLength=8");
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(out.readLine())
          .matches(
              "\\{\"endpoint\":\"http://127\\.0\\.0\\.1:\\d+\",\"region\":\"us-east-1\","
                  + "\"userPoolId\":\"us-east-1_LocalPool1\",\"userPoolClientId\":\"7lc0localcognitoclient0001\","
                  + "\"userPoolArn\":\"arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_LocalPool1\","
                  + "\"existingUserPool\":false,\"lambdaConfig\":\\{"
                  + "\"CreateAuthChallenge\":\"arn:aws:lambda:us-east-1:000000000000:function:local-CreateAuthChallenge:live\","
                  + "\"DefineAuthChallenge\":\"arn:aws:lambda:us-east-1:000000000000:function:local-DefineAuthChallenge:live\","
                  + "\"PostConfirmation\":\"arn:aws:lambda:us-east-1:000000000000:function:local-PostConfirmation:live\","
                  + "\"PreTokenGeneration\":\"arn:aws:lambda:us-east-1:000000000000:function:local-TokenGate:live\","
                  + "\"VerifyAuthChallengeResponse\":\"arn:aws:lambda:us-east-1:000000000000:function:local-VerifyAuthChallenge:live\"}}");
    } finally {
      process.destroy();
      assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void anExistingPoolArnServesThatPoolWithTheStacksClient() throws Exception {
    Process process =
        start(
            "--port",
            "0",
            "--template",
            "../template.yaml",
            "--region",
            "eu-west-1",
            "--parameter-overrides",
            "EmailSender=no-reply@example.com",
            "ExistingUserPoolArn=arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Legacy42");
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(out.readLine())
          .matches(
              "\\{\"endpoint\":\"http://127\\.0\\.0\\.1:\\d+\",\"region\":\"eu-west-1\","
                  + "\"userPoolId\":\"eu-west-1_Legacy42\",\"userPoolClientId\":\"7lc0localcognitoclient0001\","
                  + "\"userPoolArn\":\"arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Legacy42\","
                  + "\"existingUserPool\":true,\"lambdaConfig\":\\{"
                  + "\"CreateAuthChallenge\":\"arn:aws:lambda:eu-west-1:123456789012:function:local-CreateAuthChallenge:live\","
                  + "\"DefineAuthChallenge\":\"arn:aws:lambda:eu-west-1:123456789012:function:local-DefineAuthChallenge:live\","
                  + "\"PostConfirmation\":\"arn:aws:lambda:eu-west-1:123456789012:function:local-PostConfirmation:live\","
                  + "\"PreTokenGeneration\":\"arn:aws:lambda:eu-west-1:123456789012:function:local-TokenGate:live\","
                  + "\"VerifyAuthChallengeResponse\":\"arn:aws:lambda:eu-west-1:123456789012:function:local-VerifyAuthChallenge:live\"}}");
    } finally {
      process.destroy();
      assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void anExistingPoolInAnotherRegionIsRefused() throws Exception {
    Process process =
        start(
            "--template",
            "../template.yaml",
            "--parameter-overrides",
            "EmailSender=no-reply@example.com",
            "ExistingUserPoolArn=arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Legacy42");
    String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(errors).contains("pass --region eu-west-1");
  }

  @ParameterizedTest
  @CsvSource({
    "CodeLength=3, parameter CodeLength is 3; its MinValue is 4",
    "MaxCodeEmailsPerHour=0, parameter MaxCodeEmailsPerHour is 0; its MinValue is 1",
    "MaxCodeEmailsPerHour=101, parameter MaxCodeEmailsPerHour is 101; its MaxValue is 100",
    "MaxCodeEmailsPerDay=0, parameter MaxCodeEmailsPerDay is 0; its MinValue is 1",
    "MaxCodeEmailsPerDay=1001, parameter MaxCodeEmailsPerDay is 1001; its MaxValue is 1000",
    "MaxSignInMinutes=2, parameter MaxSignInMinutes is 2; its MinValue is 3",
    "MaxSignInMinutes=61, parameter MaxSignInMinutes is 61; its MaxValue is 60",
  })
  void invalidOverrideStopsWithAMessageAndExitCode2(String override, String message)
      throws Exception {
    Process process =
        start(
            "--template",
            "../template.yaml",
            "--parameter-overrides",
            "EmailSender=no-reply@example.com",
            override);
    String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(errors).contains(message);
  }
}
