package io.github.cognitoemailotp.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.cognitoemailotp.client.ExitCode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Clients other than the Java API against the local stack: the example client's jar as a process
 * (codes typed on its standard input), AWS's JavaScript client, and the AWS CLI.
 */
@ExtendWith(LocalStack.Extension.class)
class OtherClientsEndToEndTest {

  private static final Path CLIENT_JAR =
      Path.of("..", "example-client", "target", "example-client.jar");

  /** A finished process: exit code and what it printed. */
  record Run(int exitCode, String out, String err) {}

  /** The example client as a person runs it, answering each code prompt with {@code codes}. */
  private static Run runClient(LocalStack stack, String email, String password, CodeAnswers codes)
      throws Exception {
    assertThat(CLIENT_JAR).as("built by the example-client module").exists();
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                CLIENT_JAR.toString(),
                "--pool-id",
                stack.cognito.userPoolId(),
                "--client-id",
                stack.cognito.clientId(),
                "--username",
                email,
                "--endpoint-url",
                stack.cognito.endpoint())
            .start();
    CompletableFuture<String> out =
        CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
    CompletableFuture<String> err =
        CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
    try (BufferedWriter stdin =
        new BufferedWriter(
            new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8))) {
      stdin.write(password + "\n");
      stdin.flush();
      for (String code : codes.answers(stack, email)) {
        stdin.write(code + "\n");
        stdin.flush();
      }
    } catch (IOException closedEarly) {
      // The client may end before reading every line (a wrong password ends it at once).
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), out.get(), err.get());
  }

  @FunctionalInterface
  interface CodeAnswers {
    List<String> answers(LocalStack stack, String email);
  }

  private static String read(java.io.InputStream stream) {
    try {
      return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private static String wrong(String code) {
    return code.equals("000000") ? "111111" : "000000";
  }

  @Test
  void cliSignsInAfterAWrongCode(LocalStack stack) throws Exception {
    String email = stack.newUser();
    Run run =
        runClient(
            stack,
            email,
            LocalStack.PASSWORD,
            (s, address) -> {
              String code = SesEmulator.codeIn(s.ses.awaitEmail(address, 0));
              return List.of(wrong(code), code);
            });
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.SUCCESS.code());
    assertThat(run.out()).contains("Signed in as " + email).contains("The ID token verified");
    assertThat(run.err()).contains("That code was not right.").doesNotContain("\tat ");
  }

  @Test
  void cliEndsWithExitCode4AfterThreeWrongCodes(LocalStack stack) throws Exception {
    String email = stack.newUser();
    Run run =
        runClient(
            stack,
            email,
            LocalStack.PASSWORD,
            (s, address) -> {
              String code = SesEmulator.codeIn(s.ses.awaitEmail(address, 0));
              return List.of(wrong(code), wrong(code), wrong(code));
            });
    assertThat(run.exitCode()).isEqualTo(ExitCode.CODE_REJECTED.code());
    assertThat(run.err()).contains("The code was not accepted and the sign-in ended");
  }

  @Test
  void cliEndsWithExitCode3ForAWrongPasswordBeforeAnyEmail(LocalStack stack) throws Exception {
    String email = stack.newUser();
    Run run = runClient(stack, email, "Wr0ng-password", (s, address) -> List.of());
    assertThat(run.exitCode()).isEqualTo(ExitCode.WRONG_PASSWORD.code());
    assertThat(run.err()).contains("Incorrect username or password.");
    assertThat(stack.ses.emailsTo(email)).isEmpty();
  }

  @Test
  void awsJavaScriptClientSignsInWithSrpAndTheCode(LocalStack stack) throws Exception {
    String email = stack.newUser();
    Process node =
        new ProcessBuilder(
                "node",
                "src/test/js/sign-in.js",
                stack.cognito.endpoint(),
                stack.cognito.userPoolId(),
                stack.cognito.clientId(),
                email,
                LocalStack.PASSWORD,
                stack.ses.url())
            .redirectErrorStream(true)
            .start();
    String output = read(node.getInputStream());
    assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(node.exitValue()).as(output).isZero();
    assertThat(output)
        .contains(
            "\"ok\":true",
            "\"challenges\":1",
            "\"email\":\"" + email + "\"",
            "\"tokenUse\":\"id\"");
  }

  @Test
  void awsJavaScriptClientIsRefusedAWrongPassword(LocalStack stack) throws Exception {
    String email = stack.newUser();
    Process node =
        new ProcessBuilder(
                "node",
                "src/test/js/sign-in.js",
                stack.cognito.endpoint(),
                stack.cognito.userPoolId(),
                stack.cognito.clientId(),
                email,
                "Wr0ng-password",
                stack.ses.url())
            .redirectErrorStream(true)
            .start();
    String output = read(node.getInputStream());
    assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(node.exitValue()).isEqualTo(1);
    assertThat(output).contains("NotAuthorizedException", "Incorrect username or password.");
  }

  @Test
  void awsCliCreatesAndConfirmsAUserAsTheOriginalReadmeDoes(LocalStack stack) throws Exception {
    assumeTrue(onPath("aws"), "the AWS CLI is not on PATH");
    String email = "cli-" + System.nanoTime() + "@example.com";
    Map<String, String> credentials =
        Map.of(
            "AWS_ACCESS_KEY_ID",
            "local",
            "AWS_SECRET_ACCESS_KEY",
            "local",
            "AWS_DEFAULT_REGION",
            "us-east-1");
    assertThat(
            aws(
                credentials,
                "cognito-idp",
                "admin-create-user",
                "--endpoint-url",
                stack.cognito.endpoint(),
                "--user-pool-id",
                stack.cognito.userPoolId(),
                "--username",
                email))
        .contains("FORCE_CHANGE_PASSWORD");
    aws(
        credentials,
        "cognito-idp",
        "admin-set-user-password",
        "--endpoint-url",
        stack.cognito.endpoint(),
        "--user-pool-id",
        stack.cognito.userPoolId(),
        "--username",
        email,
        "--password",
        LocalStack.PASSWORD,
        "--permanent");
    assertThat(
            aws(
                credentials,
                "cognito-idp",
                "admin-get-user",
                "--endpoint-url",
                stack.cognito.endpoint(),
                "--user-pool-id",
                stack.cognito.userPoolId(),
                "--username",
                email))
        .contains("CONFIRMED", email);
    assertThat(
            stack
                .signInFlow(line -> {})
                .signIn(email, LocalStack.PASSWORD, stack.emailedCodes(email))
                .idToken())
        .isNotBlank();
  }

  private static String aws(Map<String, String> environment, String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("aws"));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process = builder.start();
    String output = read(process.getInputStream());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  private static boolean onPath(String program) {
    for (String directory :
        System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(directory, program))) {
        return true;
      }
    }
    return false;
  }
}
