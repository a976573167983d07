package io.github.cognitoemailotp.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cognitoemailotp.aws.CountingSocket;
import io.github.cognitoemailotp.aws.DynamoDbSecondFactorPasses;
import io.github.cognitoemailotp.aws.PrimingStandIn;
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
 * SnapStart priming runs the gate with the function's own DynamoDB client up to transmission
 * (signed, unsent), then a refused and a granted consume through its {@link PrimingStandIn}. The
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

  SnapStartPriming priming(SnapStartPriming.StandInStarter standIns) {
    return new SnapStartPriming(
        Region.US_EAST_1,
        new DynamoDbSecondFactorPasses(endpoint.dynamoDbClient(), "local-second-factor-passes"),
        standIns);
  }

  SnapStartPriming priming(AtomicReference<PrimingStandIn> started) {
    return priming(
        () -> {
          started.set(PrimingStandIn.start());
          return started.get();
        });
  }

  @Test
  void primingWarmsEveryPartAndOpensNoConnectionToTheFunctionsEndpoint() {
    AtomicReference<PrimingStandIn> standIn = new AtomicReference<>();
    assertThat(priming(standIn).prime()).isEqualTo(new SnapStartPriming.Outcome(true, true, ""));
    assertThat(standIn.get().requests())
        .containsExactly("DynamoDB UpdateItem", "DynamoDB GetItem", "DynamoDB UpdateItem");
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
  void aStandInThatNeverRefusesIsReported() {
    SnapStartPriming.Outcome outcome =
        priming(
                () -> {
                  PrimingStandIn standIn = PrimingStandIn.start();
                  // Spend the stand-in's one refusal before priming's first consume.
                  PrimingStandInCalls.updateItem(standIn);
                  return standIn;
                })
            .prime();
    assertThat(outcome.standInFailure()).isEqualTo("the gate passed the first run");
  }

  @Test
  void aStoppedStandInIsReportedAsTheGateRefusingBothRuns() {
    SnapStartPriming.Outcome outcome =
        priming(
                () -> {
                  PrimingStandIn stopped = PrimingStandIn.start();
                  stopped.close();
                  return stopped;
                })
            .prime();
    assertThat(outcome.gateAnswered()).isTrue();
    assertThat(outcome.standInFailure()).isEqualTo("the gate refused the second run");
  }

  @Test
  void aStandInThatCannotStartIsReportedByItsClass() {
    SnapStartPriming.Outcome outcome =
        priming(
                () -> {
                  throw new IOException("no port");
                })
            .prime();
    assertThat(outcome).isEqualTo(new SnapStartPriming.Outcome(true, true, "IOException"));
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
            "SnapStart priming: token gate path warmed, DynamoDB client warmed, calls through a"
                + " stand-in on 127.0.0.1 warmed; no pass consumed"
                + System.lineSeparator())
        .doesNotContain("priming@example.invalid");
  }

  @Test
  void theReportSaysWhatFailed() {
    assertThat(SnapStartPriming.report(new SnapStartPriming.Outcome(false, false, "X")))
        .isEqualTo(
            "SnapStart priming: token gate path failed, DynamoDB client not warmed, calls through"
                + " a stand-in on 127.0.0.1 not warmed (X); no pass consumed");
  }

  @Test
  void restoringChangesNothing() {
    SnapStartPriming priming = priming(new AtomicReference<>());
    assertThatCode(() -> priming.afterRestore(null)).doesNotThrowAnyException();
  }
}
