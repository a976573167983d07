package io.github.cognitoemailotp.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cognitoemailotp.aws.Dynalite;
import io.github.cognitoemailotp.aws.DynamoDbSecondFactorPasses;
import io.github.cognitoemailotp.aws.FailingDynamoDb;
import io.github.cognitoemailotp.layer.InvalidSettingException;
import io.github.cognitoemailotp.layer.TokenGate;
import io.github.cognitoemailotp.layer.TriggerFailureException;
import io.github.cognitoemailotp.layer.gate.GateSettings;
import io.github.cognitoemailotp.layer.metrics.MetricsSettings;
import io.github.cognitoemailotp.testkit.Events;
import io.github.cognitoemailotp.testkit.FakeContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The gate as Lambda runs it, on the pass table in dynalite: a recorded pass lets one sign-in's
 * tokens through, and everything else is thrown out of the handler with the app's message; a store
 * that is down refuses within Cognito's 5 seconds.
 */
class TokenGateHandlerTest {

  static final Instant NOW = Instant.ofEpochSecond(1_795_752_100L);
  static final String SUB = "a3c1f2d4-5b6e-4f70-8a9b-0c1d2e3f4a5b";
  static final String CLIENT = "5example1client2id3abcdefg";

  static Dynalite dynalite;
  static DynamoDbClient dynamo;

  final FakeContext context = new FakeContext("TokenGate");

  @BeforeAll
  static void startDynalite() {
    dynalite = new Dynalite();
    dynamo = dynalite.client();
    dynalite.createTable(Dynalite.PASS_TABLE, "sub", "clientId");
  }

  @AfterAll
  static void stopDynalite() {
    if (dynamo != null) {
      dynamo.close();
    }
    if (dynalite != null) {
      dynalite.close();
    }
  }

  static TokenGateHandler handler(DynamoDbSecondFactorPasses passes, GateSettings settings) {
    return new TokenGateHandler(
        new TokenGate(settings, passes, Clock.fixed(NOW, ZoneOffset.UTC), MetricsSettings.DEFAULT));
  }

  String invoke(TokenGateHandler handler, byte[] event) {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try {
      handler.handleRequest(new ByteArrayInputStream(event), output, context);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return output.toString(StandardCharsets.UTF_8);
  }

  static byte[] forUser(String fixture, String sub) {
    return new String(Events.load(fixture), StandardCharsets.UTF_8)
        .replace(SUB, sub)
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aRecordedPassLetsOneSignInsTokensThrough() {
    String sub = "11111111-0000-4000-8000-000000000001";
    DynamoDbSecondFactorPasses passes = new DynamoDbSecondFactorPasses(dynamo, Dynalite.PASS_TABLE);
    passes.record(sub, CLIENT, NOW.minusSeconds(2));
    TokenGateHandler gate = handler(passes, GateSettings.DEFAULT);
    byte[] event = forUser("token-generation-authentication.json", sub);
    assertThat(invoke(gate, event)).contains("\"claimsOverrideDetails\":null");
    assertThatThrownBy(() -> invoke(gate, event))
        .isInstanceOf(TriggerFailureException.class)
        .hasMessage("Sign-in needs the emailed code. Sign in again.");
    assertThat(context.capturingLogger().text())
        .contains("TOKENS_ALLOWED", "REFUSED_NO_PASS")
        // Decision lines carry the user's sub since the lockout (issue 23); never the address.
        .doesNotContain("jane.doe@example.com");
  }

  @Test
  void tokensAfterANewPasswordAreRefusedAndThePassIsKept() {
    String sub = "11111111-0000-4000-8000-000000000002";
    DynamoDbSecondFactorPasses passes = new DynamoDbSecondFactorPasses(dynamo, Dynalite.PASS_TABLE);
    passes.record(sub, CLIENT, NOW);
    TokenGateHandler gate = handler(passes, GateSettings.DEFAULT);
    assertThatThrownBy(
            () -> invoke(gate, forUser("token-generation-new-password-challenge.json", sub)))
        .hasMessage(
            "Password changed. Sign in again with the new password to get your sign-in code.");
    assertThat(passes.consume(sub, CLIENT, NOW)).isTrue();
  }

  @Test
  void refreshAndAnUngatedClientPassWithoutAPass() {
    DynamoDbSecondFactorPasses passes = new DynamoDbSecondFactorPasses(dynamo, Dynalite.PASS_TABLE);
    assertThat(
            invoke(
                handler(passes, GateSettings.DEFAULT),
                Events.load("token-generation-refresh-tokens.json")))
        .contains("TokenGeneration_RefreshTokens");
    assertThat(
            invoke(
                handler(passes, new GateSettings(Set.of(CLIENT))),
                Events.load("token-generation-authentication.json")))
        .contains("TokenGeneration_Authentication");
  }

  @Test
  void hostedAuthIsRefused() {
    DynamoDbSecondFactorPasses passes = new DynamoDbSecondFactorPasses(dynamo, Dynalite.PASS_TABLE);
    assertThatThrownBy(
            () ->
                invoke(
                    handler(passes, GateSettings.DEFAULT),
                    Events.load("token-generation-hosted-auth.json")))
        .hasMessage("Sign-in needs the emailed code. Sign in again.");
  }

  @Test
  void aStoreThatIsDownOrSilentRefusesWellWithinCognitosFiveSeconds() throws Exception {
    for (FailingStore store :
        new FailingStore[] {FailingDynamoDb::stopped, FailingDynamoDb::silent}) {
      store.run(
          client -> {
            TokenGateHandler gate =
                handler(
                    new DynamoDbSecondFactorPasses(client, Dynalite.PASS_TABLE),
                    GateSettings.DEFAULT);
            long started = System.nanoTime();
            assertThatThrownBy(
                    () -> invoke(gate, Events.load("token-generation-authentication.json")))
                .isInstanceOf(TriggerFailureException.class)
                .hasMessage("Sign-in needs the emailed code. Sign in again.");
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(2_000);
          });
    }
    assertThat(context.capturingLogger().text())
        .contains("REFUSED_UNAVAILABLE", "could not be reached", "did not answer within 1000 ms");
  }

  @FunctionalInterface
  interface FailingStore {
    void run(java.util.function.Consumer<DynamoDbClient> test) throws Exception;
  }

  @Test
  void initStopsOnAMissingOrInvalidSettingNamingIt() {
    Map<String, String> valid =
        Map.of(
            "AWS_REGION", "us-east-1",
            "SECOND_FACTOR_PASS_TABLE", "passes",
            "UNGATED_CLIENT_IDS", "abc,def");
    assertThat(new TokenGateHandler(valid)).isNotNull();
    assertThatThrownBy(() -> new TokenGateHandler(Map.of("SECOND_FACTOR_PASS_TABLE", "passes")))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageStartingWith("AWS_REGION");
    assertThatThrownBy(() -> new TokenGateHandler(Map.of("AWS_REGION", "us-east-1")))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageStartingWith("SECOND_FACTOR_PASS_TABLE");
    assertThatThrownBy(
            () ->
                new TokenGateHandler(
                    Map.of(
                        "AWS_REGION", "us-east-1",
                        "SECOND_FACTOR_PASS_TABLE", "passes",
                        "UNGATED_CLIENT_IDS", "abc def")))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageStartingWith("UNGATED_CLIENT_IDS");
    assertThatThrownBy(
            () ->
                new TokenGateHandler(
                    Map.of(
                        "AWS_REGION", "us-east-1",
                        "SECOND_FACTOR_PASS_TABLE", "passes",
                        "METRICS_NAMESPACE", "AWS/Nope")))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageStartingWith("METRICS_NAMESPACE");
  }

  @Test
  void onlyASnapStartInitRegistersThePriming() {
    Map<String, String> onDemand =
        Map.of(
            "AWS_REGION", "us-east-1",
            "SECOND_FACTOR_PASS_TABLE", "passes",
            "AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
    assertThat(new TokenGateHandler(onDemand).priming()).isNull();
    Map<String, String> snapStart = new java.util.HashMap<>(onDemand);
    snapStart.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
    SnapStartPriming priming = new TokenGateHandler(snapStart).priming();
    assertThat(priming).isNotNull();
    assertThat(priming.functionName()).isEqualTo("TokenGate");
  }
}
