package io.github.cognitoemailotp.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cognitoemailotp.layer.TokenGate;
import io.github.cognitoemailotp.layer.TriggerFailureException;
import io.github.cognitoemailotp.layer.gate.GateSettings;
import io.github.cognitoemailotp.layer.gate.SecondFactorPasses;
import io.github.cognitoemailotp.layer.metrics.MetricsSettings;
import io.github.cognitoemailotp.testkit.FakeContext;
import io.github.cognitoemailotp.testkit.HostileEvents;
import io.github.cognitoemailotp.testkit.Sampling;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Hostile Pre Token Generation events with no pass anywhere: the gate lets tokens through only for
 * a refresh or a listed client, refuses everything else with one of its two messages, writes one
 * log line per event, and never asks the store for anything but a sign-in's issuance.
 */
class HostileInputTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final List<String> FIXTURES =
      List.of(
          "token-generation-authentication.json",
          "token-generation-new-password-challenge.json",
          "token-generation-refresh-tokens.json",
          "token-generation-hosted-auth.json");
  static final String UNGATED = "ungatedclient";
  static final Set<String> MESSAGES =
      Set.of(
          "Sign-in needs the emailed code. Sign in again.",
          "Password changed. Sign in again with the new password to get your sign-in code.");

  /** A store with no pass: every consume is refused. */
  static final SecondFactorPasses EMPTY =
      new SecondFactorPasses() {
        @Override
        public void record(String userSub, String clientId, Instant now) {
          throw new AssertionError("the gate never records");
        }

        @Override
        public boolean consume(String userSub, String clientId, Instant now) {
          return false;
        }
      };

  final TokenGateHandler handler =
      new TokenGateHandler(
          new TokenGate(
              new GateSettings(Set.of(UNGATED)),
              EMPTY,
              Clock.fixed(Instant.ofEpochSecond(1_795_752_100L), ZoneOffset.UTC),
              MetricsSettings.DEFAULT));

  @Test
  void withoutAPassOnlyARefreshOrAListedClientGetsTokens() {
    Sampling.check(
        50_000,
        random -> HostileEvents.next(random, FIXTURES),
        event -> {
          FakeContext context = new FakeContext("TokenGate");
          ByteArrayOutputStream output = new ByteArrayOutputStream();
          boolean passed;
          try {
            handler.handleRequest(new ByteArrayInputStream(event), output, context);
            passed = true;
          } catch (TriggerFailureException refused) {
            assertThat(refused.getMessage()).isIn(MESSAGES);
            passed = false;
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          if (passed) {
            JsonNode read = read(event);
            boolean refresh =
                read.path("triggerSource").asText().equals("TokenGeneration_RefreshTokens");
            boolean listed = read.path("callerContext").path("clientId").asText().equals(UNGATED);
            assertThat(refresh || listed)
                .as("tokens only for a refresh or a listed client")
                .isTrue();
            assertThat(read(output.toByteArray()).path("response").isObject()).isTrue();
          }
          assertThat(context.capturingLogger().lines()).hasSize(1);
        });
  }

  private static JsonNode read(byte[] json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
