package io.github.cognitoemailotp.create;

import static io.github.cognitoemailotp.create.SignInSimulation.EMAIL;
import static io.github.cognitoemailotp.create.SignInSimulation.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.cognitoemailotp.aws.SesFailures;
import io.github.cognitoemailotp.layer.TriggerFailureException;
import io.github.cognitoemailotp.testkit.CapturingLogger;
import io.github.cognitoemailotp.testkit.EmfSpecification;
import io.github.cognitoemailotp.testkit.Events;
import io.github.cognitoemailotp.testkit.FakeContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/**
 * What the Create handler logs, over every scenario it meets (codes sent, reused, renewed, resends
 * granted and refused, each failure): exactly one line per invocation, a JSON object with the
 * trigger, the user pool, the masked address and the outcome, and never a code or the whole
 * address. Codes here come from {@code SecureRandom}, so the check looks for the codes actually
 * made, not for a value the test chose.
 */
class LogHygieneTest {

  /** The code in the fixtures' metadata. */
  static final String FIXTURE_CODE = "482913";

  final List<SignInSimulation> simulations = new ArrayList<>();

  SignInSimulation simulation() {
    SignInSimulation simulation = new SignInSimulation();
    simulations.add(simulation);
    return simulation;
  }

  /** Runs a scenario whose last call may throw (the failure is part of the scenario). */
  void scenario(Consumer<SignInSimulation> steps) {
    SignInSimulation simulation = simulation();
    try {
      steps.accept(simulation);
    } catch (TriggerFailureException expected) {
      assertThat(expected.getMessage()).doesNotContain(EMAIL);
      simulation.codesMade.forEach(code -> assertThat(expected.getMessage()).doesNotContain(code));
    }
  }

  void runEveryScenario() {
    scenario(SignInSimulation::start);
    scenario(
        s -> {
          s.userAttributes.put("locale", "ja-JP");
          JsonNode first = s.start();
          s.now = START.plusSeconds(40);
          JsonNode retry = s.wrongAnswer(first);
          s.now = START.plusSeconds(400);
          s.wrongAnswer(retry);
        });
    scenario(
        s -> {
          JsonNode first = s.start();
          s.now = START.plusSeconds(5);
          JsonNode refused = s.askForResend(first);
          s.now = START.plusSeconds(40);
          JsonNode resent = s.askForResend(refused);
          s.now = START.plusSeconds(80);
          JsonNode resentAgain = s.askForResend(resent);
          s.now = START.plusSeconds(120);
          s.askForResend(resentAgain);
        });
    scenario(
        s -> {
          JsonNode response = s.start();
          for (int i = 0; i < 3; i++) {
            response = s.wrongAnswer(response);
          }
        });
    scenario(
        s -> {
          s.userAttributes.remove("email");
          s.start();
        });
    scenario(
        s -> {
          s.environment.put("REQUIRE_VERIFIED_EMAIL", "true");
          s.userAttributes.put("email_verified", "false");
          s.start();
        });
    scenario(s -> s.invoke(s.event(List.of(), false)));
    scenario(
        s ->
            s.invoke(
                s.event(
                    List.of(
                        SignInSimulation.entry("SRP_A", true, null),
                        SignInSimulation.entry("PASSWORD_VERIFIER", false, null)),
                    false)));
    scenario(s -> s.invoke("{\"request\":".getBytes(StandardCharsets.UTF_8)));
    scenario(s -> s.invoke("[]".getBytes(StandardCharsets.UTF_8)));
    scenario(
        s -> {
          doThrow(SesFailures.throttled()).when(s.ses).sendEmail(any(SendEmailRequest.class));
          s.start();
        });
    scenario(
        s -> {
          doThrow(SesFailures.connectionRefused())
              .when(s.ses)
              .sendEmail(any(SendEmailRequest.class));
          s.start();
        });
    for (String fixture :
        List.of(
            "create-first-challenge.json",
            "create-after-wrong-answer.json",
            "create-resend-request.json")) {
      scenario(s -> s.invoke(Events.load(fixture)));
    }
  }

  List<FakeContext> invocations() {
    return simulations.stream().flatMap(s -> s.invocations.stream()).toList();
  }

  List<String> codesMade() {
    List<String> codes = new ArrayList<>(List.of(FIXTURE_CODE));
    simulations.forEach(s -> codes.addAll(s.codesMade));
    return codes;
  }

  @Test
  void scenariosCoverSuccessesAndFailures() {
    runEveryScenario();
    String allLogs = String.join("", invocations().stream().map(this::text).toList());
    assertThat(allLogs)
        .contains(
            "\"outcome\":\"FIRST\"",
            "\"outcome\":\"RETRY\"",
            "\"outcome\":\"RENEWED\"",
            "\"outcome\":\"RESEND\"",
            "\"outcome\":\"RESEND_REFUSED\"",
            "\"outcome\":\"FAILED\"");
    assertThat(codesMade()).hasSizeGreaterThan(5);
  }

  @Test
  void everyInvocationLogsExactlyOneLine() {
    runEveryScenario();
    assertThat(invocations())
        .hasSizeGreaterThan(20)
        .allSatisfy(context -> assertThat(context.capturingLogger().lines()).hasSize(1));
  }

  @Test
  void everyLineIsAJsonObjectWithTriggerPoolMaskedEmailAndOutcome() {
    runEveryScenario();
    for (FakeContext context : invocations()) {
      CapturingLogger.Line line = context.capturingLogger().lines().getFirst();
      JsonNode json = SignInSimulation.read(line.message().getBytes(StandardCharsets.UTF_8));
      assertThat(json.isObject()).as(line.message()).isTrue();
      assertThat(json.path("trigger").asText()).isEqualTo("CREATE_AUTH_CHALLENGE");
      assertThat(json.has("userPoolId")).as(line.message()).isTrue();
      assertThat(json.has("maskedEmail")).as(line.message()).isTrue();
      assertThat(json.path("outcome").asText()).as(line.message()).isNotBlank();
      if (!json.path("userPoolId").asText().isEmpty()) {
        assertThat(json.path("userPoolId").asText()).isEqualTo(SignInSimulation.USER_POOL_ID);
      }
    }
  }

  @Test
  void successfulLinesAreInfoWithTheMaskedAddressAndFailuresAreErrors() {
    runEveryScenario();
    for (FakeContext context : invocations()) {
      CapturingLogger.Line line = context.capturingLogger().lines().getFirst();
      JsonNode json = SignInSimulation.read(line.message().getBytes(StandardCharsets.UTF_8));
      if (json.path("outcome").asText().equals("FAILED")) {
        assertThat(line.level().name()).isEqualTo("ERROR");
      } else {
        assertThat(line.level().name()).isEqualTo("INFO");
        assertThat(json.path("maskedEmail").asText()).isEqualTo("j***@e***.com");
        assertThat(json.path("userPoolId").asText()).isEqualTo(SignInSimulation.USER_POOL_ID);
      }
    }
  }

  @Test
  void noLineHoldsACodeOrTheWholeAddress() {
    runEveryScenario();
    List<String> codes = codesMade();
    for (FakeContext context : invocations()) {
      String text = text(context);
      assertThat(text).doesNotContain(EMAIL, "jane.doe");
      for (String code : codes) {
        assertThat(text).doesNotContain(code);
      }
    }
  }

  /**
   * In the SES sandbox, SES names the unverified recipient in its MessageRejected message, and the
   * handler copies SES's message into its log line (the app is told only the short message).
   */
  @Test
  void sandboxRejectionNamingTheRecipientDoesNotPutTheAddressInTheLog() {
    SignInSimulation simulation = simulation();
    doThrow(
            SesFailures.rejected(
                "Email address is not verified. The following identities failed the"
                    + " check in region US-EAST-1: "
                    + EMAIL))
        .when(simulation.ses)
        .sendEmail(any(SendEmailRequest.class));
    assertThatThrownBy(simulation::start).isInstanceOf(TriggerFailureException.class);
    assertThat(text(simulation.invocations.getLast())).doesNotContain(EMAIL);
  }

  /**
   * The metrics ride in the same line: each metric line is Embedded Metric Format as AWS specifies
   * it, and no dimension holds the address, the user's sub or any value but a short word.
   */
  @Test
  void metricLinesAreEmfWithNoPerUserDimension() {
    runEveryScenario();
    List<EmfSpecification.Datum> data = new ArrayList<>();
    for (FakeContext context : invocations()) {
      String line = context.capturingLogger().lines().getFirst().message();
      if (EmfSpecification.isEmf(line)) {
        data.addAll(EmfSpecification.check(line));
      }
    }
    assertThat(EmfSpecification.totals(data).keySet())
        .contains(
            "CodesSent{}",
            "ResendsGranted{}",
            "ResendsRefused{}",
            "SesFailures{ErrorClass=Throttled}",
            "SesFailures{ErrorClass=Unavailable}");
    for (EmfSpecification.Datum datum : data) {
      datum
          .dimensions()
          .values()
          .forEach(
              value ->
                  assertThat(value)
                      .matches("[A-Za-z][A-Za-z0-9]{0,63}")
                      .doesNotContain("jane", "a3c1f2d4"));
    }
  }

  String text(FakeContext context) {
    return context.capturingLogger().text();
  }
}
