package io.github.cognitoemailotp.layer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cognitoemailotp.layer.budget.BudgetSpend;
import io.github.cognitoemailotp.layer.lock.LockSettings;
import io.github.cognitoemailotp.layer.metrics.MetricsSettings;
import io.github.cognitoemailotp.testkit.CapturingLogger;
import io.github.cognitoemailotp.testkit.Events;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The scheduled keep-alive ping: answered by each trigger with no decision, code or email. */
class KeepAliveTest {

  static final byte[] PING = KeepAlive.PING.getBytes(StandardCharsets.UTF_8);
  final CapturingLogger logger = new CapturingLogger();
  final AtomicInteger emailsSent = new AtomicInteger();
  final AtomicInteger codesMade = new AtomicInteger();

  CreateAuthChallenge create() {
    return new CreateAuthChallenge(
        new MemoryUserLock(),
        new CreateSettings(
            new FlowSettings(3, 2, false),
            "no-reply@example.com",
            6,
            Duration.ofMinutes(5),
            Duration.ofSeconds(30),
            ""),
        email -> emailsSent.incrementAndGet(),
        (sub, now) -> BudgetSpend.grant(),
        length -> {
          codesMade.incrementAndGet();
          return "135790";
        },
        Clock.fixed(Instant.ofEpochSecond(1_795_752_100L), ZoneOffset.UTC));
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void defineAnswersThePingWithThePingAndNoDecision() {
    byte[] answer = new DefineAuthChallenge(new FlowSettings(3, 2, false)).handle(PING, logger);
    assertThat(text(answer)).isEqualTo(KeepAlive.PING);
    assertThat(logger.text()).contains("\"outcome\":\"KEEP_ALIVE\"").doesNotContain("issueTokens");
  }

  @Test
  void verifyAnswersThePingWithThePingAndNoDecision() {
    byte[] answer =
        new VerifyAuthChallenge(
                Clock.systemUTC(),
                MetricsSettings.DEFAULT,
                new MemoryPasses(),
                new MemoryUserLock(),
                new LockSettings(10, 6, false),
                notice -> {})
            .handle(PING, logger);
    assertThat(text(answer)).isEqualTo(KeepAlive.PING);
    assertThat(logger.text()).contains("\"outcome\":\"KEEP_ALIVE\"");
  }

  @Test
  void createAnswersThePingWithoutMakingACodeOrSendingAnEmail() {
    byte[] answer = create().handle(PING, logger);
    assertThat(text(answer)).isEqualTo(KeepAlive.PING);
    assertThat(emailsSent).hasValue(0);
    assertThat(codesMade).hasValue(0);
    assertThat(logger.lines()).hasSize(1);
    assertThat(logger.text()).contains("\"trigger\":\"CREATE_AUTH_CHALLENGE\"", "KEEP_ALIVE");
  }

  @Test
  void createStillSendsForACognitoEventAfterAPing() {
    CreateAuthChallenge create = create();
    create.handle(PING, logger);
    create.handle(Events.load("create-first-challenge.json"), logger);
    assertThat(emailsSent).hasValue(1);
    assertThat(codesMade).hasValue(1);
  }

  @Test
  void thePingIsRecognisedWithWhitespaceAroundAndInside() {
    assertThat(KeepAlive.isPing(" {\n  \"keepAlive\" : true }\n".getBytes(StandardCharsets.UTF_8)))
        .isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"keepAlive\":false}",
        "{\"keepAlive\":\"true\"}",
        "{\"keepAlive\":true,\"triggerSource\":\"DefineAuthChallenge_Authentication\"}",
        "{\"keepAlive\":true,\"keepAlive\":true}",
        "[{\"keepAlive\":true}]",
        "{\"keepalive\":true}",
        "{}",
        "",
        "{\"keepAlive\":true"
      })
  void somethingElseIsNotThePing(String event) {
    assertThat(KeepAlive.isPing(event.getBytes(StandardCharsets.UTF_8))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "define-password-verified.json",
        "define-srp-a.json",
        "create-first-challenge.json",
        "verify-right-answer.json"
      })
  void aCognitoEventIsNeverThePing(String name) {
    assertThat(KeepAlive.isPing(Events.load(name))).isFalse();
  }

  @Test
  void defineFailsAnythingThatIsNotThePingButLooksLikeIt() {
    byte[] answer =
        new DefineAuthChallenge(new FlowSettings(3, 2, false))
            .handle("{\"keepAlive\":false}".getBytes(StandardCharsets.UTF_8), logger);
    assertThat(text(answer)).contains("\"failAuthentication\":true");
  }
}
