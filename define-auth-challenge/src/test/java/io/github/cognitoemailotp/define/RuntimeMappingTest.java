package io.github.cognitoemailotp.define;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolDefineAuthChallengeEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.github.cognitoemailotp.testkit.Events;
import io.github.cognitoemailotp.testkit.FakeContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our fixtures and our responses read through AWS's own event model and the Lambda runtime's
 * serializer (aws-lambda-java-tests), so the JSON we parse and write has the shape Cognito uses.
 */
class RuntimeMappingTest {

  @TempDir Path directory;

  private CognitoUserPoolDefineAuthChallengeEvent respond(String fixture) throws IOException {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    new DefineAuthChallengeHandler(
            new io.github.cognitoemailotp.layer.DefineAuthChallenge(
                io.github.cognitoemailotp.layer.FlowSettings.fromEnvironment(java.util.Map.of()),
                io.github.cognitoemailotp.layer.metrics.MetricsSettings.DEFAULT,
                // A minute after the fixtures' first code was sent (MAX_SIGN_IN_MINUTES counts).
                java.time.Clock.fixed(
                    java.time.Instant.ofEpochSecond(1_795_752_060L), java.time.ZoneOffset.UTC)))
        .handleRequest(
            new ByteArrayInputStream(Events.load(fixture)),
            output,
            new FakeContext("DefineAuthChallenge"));
    Path response = directory.resolve("response.json");
    Files.write(response, output.toByteArray());
    return EventLoader.loadEvent(
        response.toString(), CognitoUserPoolDefineAuthChallengeEvent.class);
  }

  @Test
  void fixtureReadsAsCognitosDefineEvent() {
    CognitoUserPoolDefineAuthChallengeEvent event =
        EventLoader.loadEvent(
            "events/define-wrong-answer.json", CognitoUserPoolDefineAuthChallengeEvent.class);
    assertThat(event.getTriggerSource()).isEqualTo("DefineAuthChallenge_Authentication");
    assertThat(event.getRequest().getSession()).hasSize(3);
    assertThat(event.getRequest().getSession()[2].getChallengeName()).isEqualTo("CUSTOM_CHALLENGE");
    assertThat(event.getRequest().getUserAttributes())
        .containsEntry("email", "jane.doe@example.com");
  }

  @Test
  void challengeResponseReadsAsCognitosModel() throws IOException {
    CognitoUserPoolDefineAuthChallengeEvent event = respond("define-password-verified.json");
    assertThat(event.getResponse().getChallengeName()).isEqualTo("CUSTOM_CHALLENGE");
    assertThat(event.getResponse().getIssueTokens()).isFalse();
    assertThat(event.getResponse().getFailAuthentication()).isFalse();
    assertThat(event.getUserPoolId()).isEqualTo("us-east-1_ExAmPlE01");
  }

  @Test
  void tokenResponseReadsAsCognitosModel() throws IOException {
    CognitoUserPoolDefineAuthChallengeEvent event = respond("define-correct-answer.json");
    assertThat(event.getResponse().getIssueTokens()).isTrue();
    assertThat(event.getResponse().getFailAuthentication()).isFalse();
    assertThat(event.getResponse().getChallengeName()).isNull();
  }
}
