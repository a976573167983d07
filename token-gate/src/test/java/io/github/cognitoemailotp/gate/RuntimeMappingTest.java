package io.github.cognitoemailotp.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.github.cognitoemailotp.layer.TokenGate;
import io.github.cognitoemailotp.layer.gate.GateSettings;
import io.github.cognitoemailotp.layer.metrics.MetricsSettings;
import io.github.cognitoemailotp.testkit.Events;
import io.github.cognitoemailotp.testkit.FakeContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixtures and the gate's answer read as the Lambda runtime's model of a V1 event reads them.
 */
class RuntimeMappingTest {

  @TempDir Path directory;

  @Test
  void fixtureReadsAsCognitosPreTokenGenerationEvent() {
    CognitoUserPoolPreTokenGenerationEvent event =
        EventLoader.loadEvent(
            "events/token-generation-authentication.json",
            CognitoUserPoolPreTokenGenerationEvent.class);
    assertThat(event.getTriggerSource()).isEqualTo("TokenGeneration_Authentication");
    assertThat(event.getCallerContext().getClientId()).isEqualTo("5example1client2id3abcdefg");
    assertThat(event.getRequest().getUserAttributes())
        .containsEntry("sub", "a3c1f2d4-5b6e-4f70-8a9b-0c1d2e3f4a5b");
  }

  @Test
  void aPassedEventReadsBackWithNoClaimsChanged() throws IOException {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    new TokenGateHandler(
            new TokenGate(
                new GateSettings(Set.of()), null, Clock.systemUTC(), MetricsSettings.DEFAULT))
        .handleRequest(
            new ByteArrayInputStream(Events.load("token-generation-refresh-tokens.json")),
            output,
            new FakeContext("TokenGate"));
    Path response = directory.resolve("response.json");
    Files.write(response, output.toByteArray());
    CognitoUserPoolPreTokenGenerationEvent event =
        EventLoader.loadEvent(response.toString(), CognitoUserPoolPreTokenGenerationEvent.class);
    assertThat(event.getTriggerSource()).isEqualTo("TokenGeneration_RefreshTokens");
    assertThat(event.getResponse().getClaimsOverrideDetails()).isNull();
  }
}
