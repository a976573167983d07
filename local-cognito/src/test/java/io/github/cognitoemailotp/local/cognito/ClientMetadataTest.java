package io.github.cognitoemailotp.local.cognito;

import static io.github.cognitoemailotp.local.cognito.LocalPool.CLIENT;
import static io.github.cognitoemailotp.local.cognito.LocalPool.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.cognitoemailotp.local.lambda.Trigger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;

/**
 * Which ClientMetadata reaches Define, Create and Verify, as the Cognito API reference says:
 * RespondToAuthChallenge's goes to all three; InitiateAuth's to none of them (only Pre sign-up, Pre
 * authentication and User migration get it). A trusted device names itself on the PASSWORD_VERIFIER
 * answer for this reason; local-cognito must not pass InitiateAuth's along.
 */
class ClientMetadataTest {

  @TempDir Path directory;
  private LocalPool pool;
  private String email;

  @BeforeEach
  void start() throws Exception {
    pool = new LocalPool(directory, Map.of());
    email = pool.confirmedUser("metadata");
  }

  @AfterEach
  void stop() {
    pool.close();
  }

  private List<JsonNode> events(Trigger trigger) {
    return pool.calls.stream()
        .filter(call -> call.trigger() == trigger)
        .map(LocalPool.Call::event)
        .toList();
  }

  @Test
  void initiateAuthsMetadataReachesNeitherDefineNorCreate() {
    pool.password(
        AuthFlowType.CUSTOM_AUTH,
        email,
        PASSWORD,
        CLIENT,
        Map.of("deviceId", "from-initiate"),
        Map.of());
    assertThat(pool.calls).isNotEmpty();
    for (LocalPool.Call call : pool.calls) {
      assertThat(
              call.event().path("request").path("clientMetadata").path("deviceId").isMissingNode())
          .as(call.trigger() + " got InitiateAuth's ClientMetadata")
          .isTrue();
    }
  }

  @Test
  void thePasswordAnswersMetadataReachesDefineAndCreate() {
    pool.password(
        AuthFlowType.CUSTOM_AUTH,
        email,
        PASSWORD,
        CLIENT,
        Map.of(),
        Map.of("deviceId", "from-answer"));
    List<JsonNode> defines = events(Trigger.DEFINE_AUTH_CHALLENGE);
    assertThat(defines).hasSize(2);
    assertThat(defines.getLast().path("request").path("clientMetadata").path("deviceId").asText())
        .isEqualTo("from-answer");
    assertThat(events(Trigger.CREATE_AUTH_CHALLENGE))
        .singleElement()
        .satisfies(
            create ->
                assertThat(create.path("request").path("clientMetadata").path("deviceId").asText())
                    .isEqualTo("from-answer"));
  }
}
