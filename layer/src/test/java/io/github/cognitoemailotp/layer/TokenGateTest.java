package io.github.cognitoemailotp.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import io.github.cognitoemailotp.layer.gate.GateSettings;
import io.github.cognitoemailotp.layer.gate.SecondFactorPasses;
import io.github.cognitoemailotp.layer.gate.TokenRefusal;
import io.github.cognitoemailotp.layer.gate.TokenSource;
import io.github.cognitoemailotp.layer.internal.Json;
import io.github.cognitoemailotp.layer.metrics.MetricsSettings;
import io.github.cognitoemailotp.testkit.CapturingLogger;
import io.github.cognitoemailotp.testkit.Events;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The token gate: its decision table, and its trigger from event bytes to a pass or a throw. */
class TokenGateTest {

  static final Instant NOW = Instant.ofEpochSecond(1_795_752_100L);
  static final String SUB = "a3c1f2d4-5b6e-4f70-8a9b-0c1d2e3f4a5b";
  static final String CLIENT = "5example1client2id3abcdefg";
  static final String SIGN_IN_AGAIN = "Sign-in needs the emailed code. Sign in again.";
  static final String PASSWORD_CHANGED =
      "Password changed. Sign in again with the new password to get your sign-in code.";

  final CapturingLogger logger = new CapturingLogger();
  final MemoryPasses passes = new MemoryPasses();

  TokenGate gate(GateSettings settings, SecondFactorPasses store, Instant now) {
    return new TokenGate(
        settings, store, Clock.fixed(now, ZoneOffset.UTC), new MetricsSettings("Test/Otp"));
  }

  TokenGate gate() {
    return gate(GateSettings.DEFAULT, passes, NOW);
  }

  static byte[] event(String source) {
    return new String(Events.load("token-generation-authentication.json"), StandardCharsets.UTF_8)
        .replace("TokenGeneration_Authentication", source)
        .getBytes(StandardCharsets.UTF_8);
  }

  static byte[] authentication() {
    return Events.load("token-generation-authentication.json");
  }

  @ParameterizedTest
  @CsvSource({
    "TokenGeneration_RefreshTokens, false, PASS,",
    "TokenGeneration_RefreshTokens, true, PASS,",
    "TokenGeneration_Authentication, true, PASS,",
    "TokenGeneration_NewPasswordChallenge, true, PASS,",
    "TokenGeneration_HostedAuth, true, PASS,",
    "TokenGeneration_Authentication, false, CONSUME_PASS, NO_PASS",
    "TokenGeneration_NewPasswordChallenge, false, REFUSE, NEW_PASSWORD",
    "TokenGeneration_HostedAuth, false, REFUSE, SOURCE",
    "TokenGeneration_AuthenticateDevice, false, REFUSE, SOURCE",
    "TokenGeneration_ClientCredentials, false, REFUSE, SOURCE",
    "TokenGeneration_Something_New, false, REFUSE, SOURCE",
  })
  void decisionTable(String source, boolean ungated, TokenGate.Step step, TokenRefusal refusal) {
    GateSettings settings = new GateSettings(ungated ? Set.of("other", CLIENT) : Set.of("other"));
    TokenGate.Decision decision = TokenGate.decide(TokenSource.of(source), CLIENT, settings);
    assertThat(decision.step()).isEqualTo(step);
    assertThat(decision.refusal()).isEqualTo(refusal);
  }

  @Test
  void aSignInWithAPassGetsTokensAndTheResponseUnchanged() throws Exception {
    passes.record(SUB, CLIENT, NOW.minusSeconds(5));
    byte[] answer = gate().handle(authentication(), logger);
    assertThat(Json.parse(answer)).isEqualTo(Json.parse(authentication()));
    assertThat(logger.text())
        .contains("\"outcome\":\"TOKENS_ALLOWED\"", "one pass consumed", "TokensAllowed");
    // The sub once, in its field (an operator finds the user by it), and nowhere else.
    assertThat(logger.text().split(SUB, -1)).hasSize(2);
    assertThat(logger.text()).contains("\"sub\":\"" + SUB + "\"");
  }

  @Test
  void aPassServesOneIssuanceOnly() {
    passes.record(SUB, CLIENT, NOW);
    gate().handle(authentication(), logger);
    assertThatThrownBy(() -> gate().handle(authentication(), logger))
        .isInstanceOf(TriggerFailureException.class)
        .hasMessage(SIGN_IN_AGAIN);
  }

  @Test
  void twoPassesServeTwoIssuances() {
    passes.record(SUB, CLIENT, NOW);
    passes.record(SUB, CLIENT, NOW);
    gate().handle(authentication(), logger);
    gate().handle(authentication(), logger);
    assertThatThrownBy(() -> gate().handle(authentication(), logger)).hasMessage(SIGN_IN_AGAIN);
  }

  @Test
  void aSignInWithoutAPassIsRefusedWithTheShortMessageAndCounted() {
    assertThatThrownBy(() -> gate().handle(authentication(), logger))
        .isInstanceOf(TriggerFailureException.class)
        .hasMessage(SIGN_IN_AGAIN);
    assertThat(logger.lines())
        .singleElement()
        .extracting(CapturingLogger.Line::message)
        .asString()
        .contains(
            "\"level\":\"WARN\"",
            "\"outcome\":\"REFUSED_NO_PASS\"",
            "no live second-factor pass",
            "source AUTHENTICATION, client " + CLIENT,
            "\"Refusal\":\"NoPass\"",
            "TokensRefused",
            "j***@e***.com");
  }

  @Test
  void aPassLapsesAfterItsLifetime() {
    passes.record(SUB, CLIENT, NOW.minus(SecondFactorPasses.LIFETIME));
    assertThatThrownBy(() -> gate().handle(authentication(), logger)).hasMessage(SIGN_IN_AGAIN);
  }

  @Test
  void aPassStillLivesJustBeforeItsLifetimeEnds() {
    passes.record(SUB, CLIENT, NOW.minus(SecondFactorPasses.LIFETIME).plusSeconds(1));
    gate().handle(authentication(), logger);
    assertThat(logger.text()).contains("TOKENS_ALLOWED");
  }

  @Test
  void aPassIsBoundToItsClientAndItsUser() {
    passes.record(SUB, "anotherclient", NOW);
    passes.record("another-sub", CLIENT, NOW);
    assertThatThrownBy(() -> gate().handle(authentication(), logger)).hasMessage(SIGN_IN_AGAIN);
  }

  @Test
  void newPasswordIssuanceIsRefusedWithItsOwnMessageAndConsumesNothing() {
    passes.record(SUB, CLIENT, NOW);
    assertThatThrownBy(() -> gate().handle(event("TokenGeneration_NewPasswordChallenge"), logger))
        .isInstanceOf(TriggerFailureException.class)
        .hasMessage(PASSWORD_CHANGED);
    assertThat(logger.text()).contains("REFUSED_NEW_PASSWORD", "\"Refusal\":\"NewPassword\"");
    gate().handle(authentication(), logger);
    assertThat(logger.lines()).last().asString().contains("TOKENS_ALLOWED");
  }

  @Test
  void refreshPassesWithoutAPass() throws Exception {
    byte[] refresh = event("TokenGeneration_RefreshTokens");
    assertThat(Json.parse(gate().handle(refresh, logger))).isEqualTo(Json.parse(refresh));
    assertThat(logger.text()).contains("TOKENS_ALLOWED", "refresh");
  }

  @Test
  void anUngatedClientPassesWithoutAPassAndConsumesNone() {
    passes.record(SUB, CLIENT, NOW);
    gate(new GateSettings(Set.of(CLIENT)), passes, NOW).handle(authentication(), logger);
    assertThat(logger.text()).contains("UNGATED_CLIENT_IDS");
    gate().handle(authentication(), logger);
    assertThat(logger.lines()).last().asString().contains("one pass consumed");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "TokenGeneration_HostedAuth",
        "TokenGeneration_AuthenticateDevice",
        "TokenGeneration_ClientCredentials",
        "TokenGeneration_",
        "TokenGeneration_authentication"
      })
  void otherSourcesAreRefusedEvenWithAPass(String source) {
    passes.record(SUB, CLIENT, NOW);
    assertThatThrownBy(() -> gate().handle(event(source), logger)).hasMessage(SIGN_IN_AGAIN);
    assertThat(logger.text()).contains("REFUSED_SOURCE", "\"Refusal\":\"Source\"");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{",
        "[]",
        "{\"triggerSource\":\"DefineAuthChallenge_Authentication\"}",
        "{\"triggerSource\":\"TokenGeneration_Authentication\",\"request\":{\"userAttributes\":{\"sub\":\"s\"}}}",
        "{\"triggerSource\":\"TokenGeneration_Authentication\",\"callerContext\":{\"clientId\":7},"
            + "\"request\":{\"userAttributes\":{\"sub\":\"s\"}}}",
        "{\"triggerSource\":\"TokenGeneration_Authentication\",\"callerContext\":{\"clientId\":\"\"},"
            + "\"request\":{\"userAttributes\":{\"sub\":\"s\"}}}",
        "{\"triggerSource\":\"TokenGeneration_Authentication\",\"callerContext\":[],"
            + "\"request\":{\"userAttributes\":{\"sub\":\"s\"}}}",
        "{\"triggerSource\":\"TokenGeneration_Authentication\",\"callerContext\":{\"clientId\":\"c\"},"
            + "\"request\":{\"userAttributes\":{}}}",
        "{\"triggerSource\":\"TokenGeneration_RefreshTokens\",\"callerContext\":{\"clientId\":\"c\"},"
            + "\"request\":{\"userAttributes\":{\"sub\":5}}}"
      })
  void aMalformedEventIsRefused(String json) {
    assertThatThrownBy(() -> gate().handle(json.getBytes(StandardCharsets.UTF_8), logger))
        .isInstanceOf(TriggerFailureException.class)
        .hasMessage(SIGN_IN_AGAIN);
    assertThat(logger.text()).contains("REFUSED_MALFORMED", "malformed event");
  }

  @Test
  void aStoreThatFailsRefusesWithTheShortMessageAndLogsWhy() {
    SecondFactorPasses down =
        new SecondFactorPasses() {
          @Override
          public void record(String userSub, String clientId, Instant now) {}

          @Override
          public boolean consume(String userSub, String clientId, Instant now) {
            throw new TriggerFailureException("The pass store did not answer: DynamoDB is down");
          }
        };
    assertThatThrownBy(() -> gate(GateSettings.DEFAULT, down, NOW).handle(authentication(), logger))
        .isInstanceOf(TriggerFailureException.class)
        .hasMessage(SIGN_IN_AGAIN);
    assertThat(logger.text())
        .contains("REFUSED_UNAVAILABLE", "DynamoDB is down", "\"Refusal\":\"Unavailable\"");
  }

  @Test
  void anUnexpectedErrorRefuses() {
    SecondFactorPasses broken =
        new SecondFactorPasses() {
          @Override
          public void record(String userSub, String clientId, Instant now) {}

          @Override
          public boolean consume(String userSub, String clientId, Instant now) {
            throw new IllegalStateException("boom");
          }
        };
    assertThatThrownBy(
            () -> gate(GateSettings.DEFAULT, broken, NOW).handle(authentication(), logger))
        .hasMessage(SIGN_IN_AGAIN);
    assertThat(logger.text()).contains("unexpected error: java.lang.IllegalStateException");
  }

  @Test
  void anEventWithoutAResponseGetsOneWithNullClaims() {
    String json =
        "{\"triggerSource\":\"TokenGeneration_RefreshTokens\",\"callerContext\":{\"clientId\":\"c\"},"
            + "\"request\":{\"userAttributes\":{\"sub\":\"s\"}}}";
    assertThat(
            new String(
                gate().handle(json.getBytes(StandardCharsets.UTF_8), logger),
                StandardCharsets.UTF_8))
        .endsWith("\"response\":{\"claimsOverrideDetails\":null}}");
  }

  @Test
  void theKeepAlivePingIsAnsweredWithoutADecision() {
    byte[] answer = gate().handle(KeepAlive.PING.getBytes(StandardCharsets.UTF_8), logger);
    assertThat(new String(answer, StandardCharsets.UTF_8)).isEqualTo(KeepAlive.PING);
    assertThat(logger.text()).contains("KEEP_ALIVE", "TOKEN_GATE");
  }

  @ParameterizedTest
  @EnumSource(TokenRefusal.class)
  void everyRefusalSaysOneOfTheTwoMessages(TokenRefusal refusal) {
    assertThat(refusal.message()).isIn(SIGN_IN_AGAIN, PASSWORD_CHANGED);
    assertThat(refusal.dimensionValue()).matches("[A-Z][A-Za-z]+");
  }

  @Test
  void everySourceRoundTripsThroughItsName() {
    for (TokenSource source : TokenSource.values()) {
      if (source != TokenSource.UNRECOGNIZED) {
        assertThat(TokenSource.of(source.triggerSource())).isEqualTo(source);
      }
    }
    assertThat(TokenSource.of("")).isEqualTo(TokenSource.UNRECOGNIZED);
  }

  @Test
  void logLevelsAreInfoForAPassAndWarnForARefusal() {
    passes.record(SUB, CLIENT, NOW);
    gate().handle(authentication(), logger);
    assertThatThrownBy(() -> gate().handle(authentication(), logger));
    assertThat(logger.text()).contains("\"level\":\"INFO\"", "\"level\":\"WARN\"");
    assertThat(logger.lines())
        .extracting(CapturingLogger.Line::level)
        .doesNotContain(LogLevel.ERROR);
  }
}
