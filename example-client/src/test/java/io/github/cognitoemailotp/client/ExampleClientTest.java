package io.github.cognitoemailotp.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The command line: arguments, usage errors and where input comes from. */
class ExampleClientTest {

  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  int run(Map<String, String> environment, String stdin, String... args) {
    ExampleClient client =
        new ExampleClient(
            environment,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            new BufferedReader(new StringReader(stdin)),
            null);
    return ExampleClient.run(client, args);
  }

  String errors() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void missingRequiredOptionIsAUsageError() {
    assertThat(run(Map.of(), "", "--pool-id", "us-east-1_Abc")).isEqualTo(ExitCode.USAGE.code());
    assertThat(errors()).contains("Missing required options", "--client-id", "Usage:");
  }

  @Test
  void unknownOptionIsAUsageError() {
    assertThat(
            run(
                Map.of(),
                "",
                "--pool-id",
                "us-east-1_Abc",
                "--client-id",
                "c",
                "--username",
                "u",
                "--colour"))
        .isEqualTo(ExitCode.USAGE.code());
    assertThat(errors()).contains("Unknown option");
  }

  @Test
  void trustingAndForgettingDevicesAtOnceIsAUsageError() {
    String[] signIn = {"--pool-id", "us-east-1_Abc", "--client-id", "c", "--username", "u"};
    assertThat(run(Map.of(), "", concat(signIn, "--trust-device", "--forget-device")))
        .isEqualTo(ExitCode.USAGE.code());
    assertThat(errors()).contains("--trust-device cannot go with --forget-device", "Usage:");
    assertThat(run(Map.of(), "", concat(signIn, "--forget-device", "--forget-all-devices")))
        .isEqualTo(ExitCode.USAGE.code());
    assertThat(errors()).contains("--forget-device and --forget-all-devices: choose one");
  }

  static String[] concat(String[] first, String... more) {
    String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }

  @Test
  void poolIdWithoutRegionIsAUsageError() {
    int exit =
        run(Map.of(), "pw\n", "--pool-id", "nounderscore", "--client-id", "c", "--username", "u");
    assertThat(exit).isEqualTo(ExitCode.USAGE.code());
    assertThat(errors()).contains("is not a pool id");
  }

  @Test
  void badEndpointIsAUsageError() {
    int exit =
        run(
            Map.of(),
            "pw\n",
            "--pool-id",
            "us-east-1_Abc",
            "--client-id",
            "c",
            "--username",
            "u",
            "--endpoint-url",
            "not a url");
    assertThat(exit).isEqualTo(ExitCode.USAGE.code());
  }

  @Test
  void missingPasswordOnStdinIsAUsageError() {
    int exit =
        run(Map.of(), "", "--pool-id", "us-east-1_Abc", "--client-id", "c", "--username", "u");
    assertThat(exit).isEqualTo(ExitCode.USAGE.code());
    assertThat(errors()).contains("No password was given");
  }

  @Test
  void helpListsTheExitCodes() {
    assertThat(run(Map.of(), "", "--help")).isZero();
    String help = out.toString(StandardCharsets.UTF_8);
    assertThat(help).contains("Exit codes:");
    for (ExitCode exitCode : ExitCode.values()) {
      assertThat(help)
          .containsPattern(
              "\\b" + exitCode.code() + " +" + Pattern.quote(exitCode.meaning().substring(0, 20)));
    }
  }

  @Test
  void regionComesFromThePoolId() {
    assertThat(ExampleClient.regionOf("eu-west-2_AbCdEf123")).isEqualTo("eu-west-2");
  }

  @Test
  void endpointComesFromTheFlagThenTheEnvironment() {
    ExampleClient client =
        new ExampleClient(
            Map.of(
                "AWS_ENDPOINT_URL", "http://127.0.0.1:1111",
                "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", "http://127.0.0.1:2222/"),
            System.out,
            System.err,
            new BufferedReader(new StringReader("")),
            null);
    assertThat(client.endpoint()).contains("http://127.0.0.1:2222");
    client.endpointUrl = "http://127.0.0.1:3333";
    assertThat(client.endpoint()).contains("http://127.0.0.1:3333");
  }

  @Test
  void unreachableEndpointHasItsExitCodeAndNoStackTrace() {
    int exit =
        run(
            Map.of(),
            "pw\n123456\n",
            "--pool-id",
            "us-east-1_Abc",
            "--client-id",
            "c",
            "--username",
            "u",
            "--endpoint-url",
            "http://127.0.0.1:9");
    assertThat(exit).isEqualTo(ExitCode.UNREACHABLE.code());
    assertThat(errors()).contains("Cognito could not be reached").doesNotContain("\tat ");
  }

  @Test
  void auditWithoutAPoolIdIsAUsageError() {
    assertThat(run(Map.of(), "", "audit")).isEqualTo(ExitCode.USAGE.code());
    assertThat(errors()).contains("Missing required option", "--pool-id", "Usage:");
  }

  @Test
  void auditWithAnUnknownOptionIsAUsageError() {
    assertThat(run(Map.of(), "", "audit", "--pool-id", "us-east-1_Abc", "--token-gate", "x"))
        .isEqualTo(ExitCode.USAGE.code());
    assertThat(errors()).contains("Unknown option", "--token-gate");
  }

  @Test
  void auditHelpNamesTheTokenGateOptionAndThePermissionsItNeeds() {
    assertThat(run(Map.of(), "", "audit", "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("--pre-token-generation-arn", "GetUserPoolMfaConfig", "ListUsers");
  }

  @Test
  void helpSaysHowTheNewPasswordIsAskedFor() {
    assertThat(run(Map.of(), "", "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " "))
        .contains("asked for a new one twice, without echo");
  }
}
