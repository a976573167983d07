package io.github.cognitoemailotp.local.cognito;

import static io.github.cognitoemailotp.local.cognito.LocalPool.CLIENT;
import static io.github.cognitoemailotp.local.cognito.LocalPool.CODE;
import static io.github.cognitoemailotp.local.cognito.LocalPool.PASSWORD;
import static io.github.cognitoemailotp.local.cognito.LocalPool.POOL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.cognitoemailotp.local.lambda.Trigger;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserLambdaValidationException;

/** The Pre Token Generation trigger's V1 event, and a throw meaning no tokens, on every path. */
class PreTokenGenerationTest {

  @TempDir Path directory;
  private LocalPool pool;
  private String email;

  @BeforeEach
  void start() throws Exception {
    pool = new LocalPool(directory, Map.of());
    email = pool.confirmedUser("pretoken");
  }

  @AfterEach
  void stop() {
    pool.close();
  }

  private String signIn() {
    var challenge = pool.customAuthPassword(email, PASSWORD);
    return pool.answer(challenge, CODE, Map.of("device", "laptop"))
        .authenticationResult()
        .refreshToken();
  }

  @Test
  void customFlowTokensComeAfterDefineThroughAV1Event() {
    signIn();
    assertThat(pool.triggersCalled())
        .containsExactly(
            Trigger.DEFINE_AUTH_CHALLENGE,
            Trigger.DEFINE_AUTH_CHALLENGE,
            Trigger.CREATE_AUTH_CHALLENGE,
            Trigger.VERIFY_AUTH_CHALLENGE,
            Trigger.DEFINE_AUTH_CHALLENGE,
            Trigger.PRE_TOKEN_GENERATION);
    JsonNode event = pool.calls.getLast().event();
    assertThat(event.path("version").asText()).isEqualTo("1");
    assertThat(event.path("triggerSource").asText()).isEqualTo("TokenGeneration_Authentication");
    assertThat(event.path("userPoolId").asText()).isEqualTo(POOL);
    assertThat(event.path("callerContext").path("clientId").asText()).isEqualTo(CLIENT);
    assertThat(event.path("request").path("userAttributes").path("email").asText())
        .isEqualTo(email);
    assertThat(event.path("request").path("userAttributes").path("cognito:user_status").asText())
        .isEqualTo("CONFIRMED");
    assertThat(event.path("request").path("groupConfiguration").path("groupsToOverride").isArray())
        .isTrue();
    assertThat(event.path("request").path("clientMetadata").path("device").asText())
        .isEqualTo("laptop");
    assertThat(event.path("request").has("session")).isFalse();
    assertThat(event.path("response").has("claimsOverrideDetails")).isTrue();
    assertThat(event.path("response").path("claimsOverrideDetails").isNull()).isTrue();
  }

  @Test
  void aThrowMeansNoTokens() {
    pool.preTokenGenerationFails = "no second factor";
    var challenge = pool.customAuthPassword(email, PASSWORD);
    assertThatThrownBy(() -> pool.answer(challenge, CODE, Map.of()))
        .isInstanceOf(UserLambdaValidationException.class)
        .hasMessageStartingWith("PreTokenGeneration failed with error no second factor.");
  }

  @Test
  void refreshRunsItWithTheRefreshSourceAndAThrowRefusesTheRefresh() {
    String refreshToken = signIn();
    var refresh =
        (java.util.function.Supplier<String>)
            () ->
                pool.anonymous
                    .initiateAuth(
                        r ->
                            r.clientId(CLIENT)
                                .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                                .authParameters(Map.of("REFRESH_TOKEN", refreshToken)))
                    .authenticationResult()
                    .idToken();
    assertThat(refresh.get()).isNotBlank();
    assertThat(pool.calls.getLast().source()).isEqualTo("TokenGeneration_RefreshTokens");
    pool.preTokenGenerationFails = "revoked";
    assertThatThrownBy(refresh::get).isInstanceOf(UserLambdaValidationException.class);
  }

  @Test
  void passwordOnlyClientsGoThroughItToo() {
    String legacy =
        pool.admin
            .createUserPoolClient(r -> r.userPoolId(POOL).clientName("legacy"))
            .userPoolClient()
            .clientId();
    pool.preTokenGenerationFails = "not this client";
    assertThatThrownBy(() -> pool.password(AuthFlowType.USER_SRP_AUTH, email, PASSWORD, legacy))
        .isInstanceOf(UserLambdaValidationException.class);
    assertThat(pool.calls.getLast().source()).isEqualTo("TokenGeneration_Authentication");
    assertThat(pool.calls.getLast().event().path("callerContext").path("clientId").asText())
        .isEqualTo(legacy);
  }
}
