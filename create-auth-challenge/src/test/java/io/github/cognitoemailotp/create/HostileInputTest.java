package io.github.cognitoemailotp.create;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cognitoemailotp.aws.Dynalite;
import io.github.cognitoemailotp.layer.CreateAuthChallenge;
import io.github.cognitoemailotp.layer.CreateSettings;
import io.github.cognitoemailotp.layer.TriggerFailureException;
import io.github.cognitoemailotp.layer.budget.BudgetSpend;
import io.github.cognitoemailotp.layer.budget.CodeEmailLimits;
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
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * 100,000 malformed and adversarial events: the handler either issues a challenge or fails with a
 * clear {@link TriggerFailureException} (never any other exception), and no code ever reaches the
 * public challenge parameters, an error message or the log.
 */
class HostileInputTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NEW_CODE = "135790";
  private static final List<String> FIXTURES =
      List.of(
          "create-first-challenge.json",
          "create-after-wrong-answer.json",
          "create-resend-request.json");

  private final CreateAuthChallengeHandler handler =
      new CreateAuthChallengeHandler(
          new CreateAuthChallenge(
              NobodyLocked.INSTANCE,
              CreateSettings.fromEnvironment(Map.of("EMAIL_SENDER", "no-reply@example.com")),
              email -> {},
              (sub, now) -> BudgetSpend.grant(),
              length ->
                  NEW_CODE.substring(0, Math.min(length, 6)) + "0".repeat(Math.max(0, length - 6)),
              Clock.fixed(Instant.ofEpochSecond(1_795_752_100L), ZoneOffset.UTC)));

  @Test
  void hostileEventsGetAChallengeOrAClearFailureAndNeverLeakACode() {
    Sampling.check(
        100_000,
        random -> HostileEvents.next(random, FIXTURES),
        event -> {
          FakeContext context = new FakeContext("CreateAuthChallenge");
          ByteArrayOutputStream output = new ByteArrayOutputStream();
          try {
            handler.handleRequest(new ByteArrayInputStream(event), output, context);
            JsonNode response = read(output.toByteArray()).path("response");
            String publicParameters = response.path("publicChallengeParameters").toString();
            assertThat(publicParameters).doesNotContain(NEW_CODE, HostileEvents.PLANTED_CODE);
            assertThat(response.path("privateChallengeParameters").path("code").asText())
                .matches("\\d{4,10}");
          } catch (TriggerFailureException expected) {
            assertThat(expected.getMessage())
                .isNotBlank()
                .doesNotContain(NEW_CODE, HostileEvents.PLANTED_CODE);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          assertThat(context.capturingLogger().lines()).hasSize(1);
          assertThat(HostileEvents.withoutTimestamps(context.capturingLogger().text()))
              .doesNotContain(NEW_CODE, HostileEvents.PLANTED_CODE);
        });
  }

  @Test
  void hostileEventsAgainstTheBudgetTableGetAChallengeOrAClearFailure() {
    try (Dynalite dynalite = new Dynalite();
        software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo = dynalite.client()) {
      dynalite.createTable(dynamo);
      java.util.concurrent.atomic.AtomicInteger emails =
          new java.util.concurrent.atomic.AtomicInteger();
      CreateAuthChallengeHandler withTable =
          new CreateAuthChallengeHandler(
              new CreateAuthChallenge(
                  NobodyLocked.INSTANCE,
                  CreateSettings.fromEnvironment(Map.of("EMAIL_SENDER", "no-reply@example.com")),
                  email -> emails.incrementAndGet(),
                  new DynamoDbCodeEmailBudget(
                      dynamo, Dynalite.TABLE, new CodeEmailLimits(100, 1000)),
                  length -> "0".repeat(length),
                  Clock.fixed(Instant.ofEpochSecond(1_795_752_100L), ZoneOffset.UTC)));
      int[] spent = {0};
      Sampling.check(
          2_000,
          random -> HostileEvents.next(random, FIXTURES),
          event -> {
            FakeContext context = new FakeContext("CreateAuthChallenge");
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            try {
              withTable.handleRequest(new ByteArrayInputStream(event), output, context);
              JsonNode response = read(output.toByteArray()).path("response");
              assertThat(response.path("privateChallengeParameters").path("code").asText())
                  .matches("\\d{4,10}");
              if (response.path("publicChallengeParameters").path("codeSent").asBoolean()) {
                spent[0]++;
              }
            } catch (TriggerFailureException expected) {
              assertThat(expected.getMessage())
                  .isNotBlank()
                  .doesNotContain(HostileEvents.PLANTED_CODE);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
            assertThat(context.capturingLogger().lines()).hasSize(1);
          });
      assertThat(emails.get()).isEqualTo(spent[0]);
    }
  }

  private static JsonNode read(byte[] json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
