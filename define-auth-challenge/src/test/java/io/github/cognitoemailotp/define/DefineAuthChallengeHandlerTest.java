package io.github.cognitoemailotp.define;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cognitoemailotp.testkit.Events;
import io.github.cognitoemailotp.testkit.FakeContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The handler as Lambda runs it: event bytes in, response bytes out, one log line. */
class DefineAuthChallengeHandlerTest {

  private final FakeContext context = new FakeContext("DefineAuthChallenge");

  private String invoke(byte[] event) throws IOException {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    new DefineAuthChallengeHandler(
            new io.github.cognitoemailotp.layer.DefineAuthChallenge(
                io.github.cognitoemailotp.layer.FlowSettings.fromEnvironment(java.util.Map.of()),
                io.github.cognitoemailotp.layer.metrics.MetricsSettings.DEFAULT,
                // A minute after the fixtures' first code was sent (MAX_SIGN_IN_MINUTES counts).
                java.time.Clock.fixed(
                    java.time.Instant.ofEpochSecond(1_795_752_060L), java.time.ZoneOffset.UTC)))
        .handleRequest(new ByteArrayInputStream(event), output, context);
    return output.toString(StandardCharsets.UTF_8);
  }

  private String invoke(String fixture) throws IOException {
    return invoke(Events.load(fixture));
  }

  @Test
  void asksForThePasswordAfterSrpA() throws IOException {
    assertThat(invoke("define-srp-a.json"))
        .contains(
            "\"response\":{\"challengeName\":\"PASSWORD_VERIFIER\",\"issueTokens\":false,"
                + "\"failAuthentication\":false}");
  }

  @Test
  void asksForThePasswordOfAUserThatDoesNotExist() throws IOException {
    assertThat(invoke("define-srp-a-user-not-found.json"))
        .contains("\"challengeName\":\"PASSWORD_VERIFIER\"");
  }

  @Test
  void asksForTheCodeAfterThePassword() throws IOException {
    assertThat(invoke("define-password-verified.json"))
        .contains("\"challengeName\":\"CUSTOM_CHALLENGE\"");
  }

  @Test
  void failsAWrongPassword() throws IOException {
    assertThat(invoke("define-password-wrong.json"))
        .contains("\"response\":{\"issueTokens\":false,\"failAuthentication\":true}");
  }

  @Test
  void failsAnEmptySessionInsteadOfCrashing() throws IOException {
    assertThat(invoke("define-empty-session.json"))
        .contains("\"response\":{\"issueTokens\":false,\"failAuthentication\":true}");
    assertThat(context.capturingLogger().text()).contains("the session is empty");
  }

  @Test
  void asksAgainAfterAWrongCode() throws IOException {
    assertThat(invoke("define-wrong-answer.json"))
        .contains("\"challengeName\":\"CUSTOM_CHALLENGE\"");
  }

  @Test
  void issuesTokensAfterTheRightCode() throws IOException {
    assertThat(invoke("define-correct-answer.json"))
        .contains("\"response\":{\"issueTokens\":true,\"failAuthentication\":false}");
  }

  @Test
  void echoesTheEventAroundTheResponse() throws IOException {
    assertThat(invoke("define-srp-a.json"))
        .startsWith("{\"version\":\"1\",\"region\":\"us-east-1\"")
        .contains("\"triggerSource\":\"DefineAuthChallenge_Authentication\"");
  }

  @Test
  void malformedEventFailsAuthenticationWithALogLineSayingWhy() throws IOException {
    String response = invoke("{\"triggerSource\": 42}".getBytes(StandardCharsets.UTF_8));
    assertThat(response)
        .isEqualTo("{\"response\":{\"issueTokens\":false,\"failAuthentication\":true}}");
    assertThat(context.capturingLogger().text())
        .contains("malformed event: triggerSource is not a string");
  }

  @Test
  void logsOneJsonLinePerInvocationWithoutTheCodeOrAddress() throws IOException {
    invoke("define-correct-answer.json");
    assertThat(context.capturingLogger().lines()).hasSize(1);
    String line = context.capturingLogger().lines().getFirst().message();
    assertThat(line)
        .startsWith(
            "{\"level\":\"INFO\",\"trigger\":\"DEFINE_AUTH_CHALLENGE\",\"userPoolId\":\"us-east-1_ExAmPlE01\"")
        .contains("\"maskedEmail\":\"j***@e***.com\"", "\"outcome\":\"ISSUE_TOKENS\"")
        .doesNotContain("482913", "jane.doe@example.com");
  }
}
