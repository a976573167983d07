package io.github.cognitoemailotp.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cognitoemailotp.aws.CountingSocket;
import io.github.cognitoemailotp.aws.DynamoDbSecondFactorPasses;
import io.github.cognitoemailotp.aws.DynamoDbUserLock;
import io.github.cognitoemailotp.aws.PrimingStandIn;
import io.github.cognitoemailotp.layer.lock.LockSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/**
 * SnapStart priming runs the trigger with the function's own DynamoDB client up to transmission
 * (signed, unsent), and then with a priming client through its {@link PrimingStandIn}. The
 * function's client is aimed at a socket on 127.0.0.1 that counts connections: priming opens none.
 */
class SnapStartPrimingTest {

  CountingSocket endpoint;

  @BeforeEach
  void start() throws IOException {
    endpoint = new CountingSocket();
  }

  @AfterEach
  void stop() throws Exception {
    endpoint.close();
  }

  DynamoDbSecondFactorPasses passes() {
    return new DynamoDbSecondFactorPasses(endpoint.dynamoDbClient(), "local-second-factor-passes");
  }

  SnapStartPriming priming(String event, SnapStartPriming.StandInStarter standIns) {
    return new SnapStartPriming(
        Region.US_EAST_1,
        passes(),
        new DynamoDbUserLock(endpoint.dynamoDbClient(), "local-user-locks", 10),
        new LockSettings(10, 6, false),
        event,
        standIns);
  }

  SnapStartPriming priming(AtomicReference<PrimingStandIn> started) {
    return priming(
        SnapStartPriming.EVENT,
        () -> {
          started.set(PrimingStandIn.start());
          return started.get();
        });
  }

  @Test
  void primingWarmsEveryPartAndOpensNoConnectionToTheFunctionsEndpoint() {
    AtomicReference<PrimingStandIn> standIn = new AtomicReference<>();
    assertThat(priming(standIn).prime()).isEqualTo(new SnapStartPriming.Outcome(true, true, ""));
    assertThat(standIn.get().requests()).isEqualTo(SnapStartPriming.EXPECTED_STAND_IN_REQUESTS);
    assertThat(endpoint.connections()).isZero();
  }

  @Test
  void theStandInIsStoppedAndItsPortClosedAfterPriming() {
    AtomicReference<PrimingStandIn> standIn = new AtomicReference<>();
    priming(standIn).prime();
    int port = standIn.get().endpoint().getPort();
    assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void anEventThatDoesNotGetTheExpectedAnswerIsReportedAsFailed() {
    String other =
        SnapStartPriming.EVENT.replace(
            "\"challengeAnswer\":\"000000\"", "\"challengeAnswer\":\"111111\"");
    assertThat(other).isNotEqualTo(SnapStartPriming.EVENT);
    SnapStartPriming.Outcome outcome = priming(other, PrimingStandIn::start).prime();
    assertThat(outcome.triggerAnswered()).isFalse();
    assertThat(outcome.writeSigned()).isFalse();
    // Through the stand-in the wrong answer is counted, and its refused first write reads as the
    // limit reached: the priming trigger ends the sign-in, which the run reports.
    assertThat(outcome.standInFailure()).isEqualTo("TriggerFailureException");
  }

  @Test
  void aTriggerThatThrowsIsReportedAsFailedAndNeverThrown() {
    SnapStartPriming.Outcome outcome = priming(null, PrimingStandIn::start).prime();
    assertThat(outcome.triggerAnswered()).isFalse();
    assertThat(outcome.standInFailure()).isEqualTo("NullPointerException");
  }

  @Test
  void aStandInThatCannotStartIsReportedByItsClass() {
    SnapStartPriming.Outcome outcome =
        priming(
                SnapStartPriming.EVENT,
                () -> {
                  throw new IOException("no port");
                })
            .prime();
    assertThat(outcome.triggerAnswered()).isTrue();
    assertThat(outcome.standInFailure()).isEqualTo("IOException");
  }

  @Test
  void theCheckpointLogsOneLineThatNamesNoUser() {
    PrintStream original = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      priming(new AtomicReference<>()).beforeCheckpoint(null);
    } finally {
      System.setOut(original);
    }
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "SnapStart priming: VerifyAuthChallenge path warmed, DynamoDB client warmed, calls"
                + " through a stand-in on 127.0.0.1 warmed; no pass written"
                + System.lineSeparator())
        .doesNotContain("priming@example.invalid");
  }

  @Test
  void theReportSaysWhatFailed() {
    assertThat(SnapStartPriming.report(new SnapStartPriming.Outcome(false, false, "IOException")))
        .isEqualTo(
            "SnapStart priming: VerifyAuthChallenge path failed, DynamoDB client not warmed, calls"
                + " through a stand-in on 127.0.0.1 not warmed (IOException); no pass written");
  }

  @Test
  void restoringChangesNothingAndRegisteringKeepsTheResource() {
    SnapStartPriming priming = priming(new AtomicReference<>());
    assertThatCode(() -> priming.afterRestore(null)).doesNotThrowAnyException();
  }

  @Test
  void anEventTheTriggerDoesNotFindCorrectIsReportedAsFailed() {
    String resend =
        SnapStartPriming.EVENT.replace(
            "\"clientMetadata\":{}", "\"clientMetadata\":{\"resend\":\"true\"}");
    assertThat(resend).isNotEqualTo(SnapStartPriming.EVENT);
    SnapStartPriming.Outcome outcome = priming(resend, PrimingStandIn::start).prime();
    assertThat(outcome.triggerAnswered()).isFalse();
    assertThat(outcome.standInFailure()).isEqualTo("the trigger did not find the answer correct");
  }

  @Test
  void aWrongAnswerTheTriggerDoesNotFindWrongIsReportedAsFailed() {
    // A right answer with a space before it: still right, and no "wrong" variant can be made.
    String spaced =
        SnapStartPriming.EVENT.replace(
            "\"challengeAnswer\":\"000000\"", "\"challengeAnswer\":\" 000000\"");
    assertThat(spaced).isNotEqualTo(SnapStartPriming.EVENT);
    assertThat(priming(spaced, PrimingStandIn::start).prime().standInFailure())
        .isEqualTo("the trigger did not find the wrong answer wrong");
  }
}
