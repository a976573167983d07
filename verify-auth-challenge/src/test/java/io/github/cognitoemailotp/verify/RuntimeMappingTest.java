package io.github.cognitoemailotp.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolVerifyAuthChallengeResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.github.cognitoemailotp.layer.VerifyAuthChallenge;
import io.github.cognitoemailotp.layer.lock.LockSettings;
import io.github.cognitoemailotp.layer.metrics.MetricsSettings;
import io.github.cognitoemailotp.testkit.Events;
import io.github.cognitoemailotp.testkit.FakeContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our fixture and our response read through AWS's own event model and the Lambda runtime's
 * serializer (aws-lambda-java-tests), so the JSON we parse and write has the shape Cognito uses.
 */
class RuntimeMappingTest {

  @TempDir Path directory;

  @Test
  void fixtureReadsAsCognitosVerifyEvent() {
    CognitoUserPoolVerifyAuthChallengeResponseEvent event =
        EventLoader.loadEvent(
            "events/verify-right-answer.json",
            CognitoUserPoolVerifyAuthChallengeResponseEvent.class);
    assertThat(event.getRequest().getChallengeAnswer()).isEqualTo("482913");
    assertThat(event.getRequest().getPrivateChallengeParameters()).containsEntry("code", "482913");
  }

  @Test
  void responseReadsAsCognitosModel() throws IOException {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    new VerifyAuthChallengeHandler(
            new VerifyAuthChallenge(
                Clock.fixed(Instant.ofEpochSecond(1_795_752_100L), ZoneOffset.UTC),
                MetricsSettings.DEFAULT,
                new RecordingPasses(),
                new CountingLock(),
                new LockSettings(100, 6, false),
                notice -> {}))
        .handleRequest(
            new ByteArrayInputStream(Events.load("verify-right-answer.json")),
            output,
            new FakeContext("VerifyAuthChallenge"));
    Path response = directory.resolve("response.json");
    Files.write(response, output.toByteArray());
    CognitoUserPoolVerifyAuthChallengeResponseEvent event =
        EventLoader.loadEvent(
            response.toString(), CognitoUserPoolVerifyAuthChallengeResponseEvent.class);
    assertThat(event.getResponse().getAnswerCorrect()).isTrue();
  }
}
