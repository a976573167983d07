package io.github.cognitoemailotp.create;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.cognitoemailotp.aws.AwsClients;
import io.github.cognitoemailotp.aws.DynamoDbUserLock;
import io.github.cognitoemailotp.aws.EmailTemplates;
import io.github.cognitoemailotp.aws.PrimingStandIn;
import io.github.cognitoemailotp.aws.SesEmailSender;
import io.github.cognitoemailotp.layer.CreateSettings;
import io.github.cognitoemailotp.layer.budget.CodeEmailLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/**
 * SnapStart priming runs the trigger with the function's own {@link SesV2Client} and DynamoDB
 * client up to transmission (request marshalled, endpoint resolved, credentials fetched, request
 * signed), and then with priming clients through its {@link PrimingStandIn}. The function's clients
 * are aimed at a socket on 127.0.0.1 that counts every connection made to it: priming opens none.
 */
class SnapStartPrimingTest {

  final CreateSettings settings =
      CreateSettings.fromEnvironment(Map.of("EMAIL_SENDER", "no-reply@example.com"));
  final AtomicInteger connections = new AtomicInteger();
  ServerSocket ses;
  Thread acceptor;

  @BeforeEach
  void startSesStandIn() throws IOException {
    ses = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor =
        Thread.ofPlatform()
            .daemon()
            .start(
                () -> {
                  while (!ses.isClosed()) {
                    try (Socket ignored = ses.accept()) {
                      connections.incrementAndGet();
                    } catch (SocketException closed) {
                      return;
                    } catch (IOException e) {
                      return;
                    }
                  }
                });
  }

  @AfterEach
  void stopSesStandIn() throws IOException, InterruptedException {
    ses.close();
    acceptor.join(2000);
  }

  /**
   * The function's own client, as {@link SesEmailSender#client} builds it, aimed at the counting
   * socket in place of SES.
   */
  SesV2Client client(AwsCredentialsProvider credentials) {
    return AwsClients.configure(SesV2Client.builder(), Region.US_EAST_1, AwsClients.SES)
        .endpointOverride(URI.create("http://127.0.0.1:" + ses.getLocalPort()))
        .credentialsProvider(credentials)
        .build();
  }

  static final AwsCredentialsProvider WORKING =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("id", "secret"));

  SesV2Client workingClient() {
    return client(WORKING);
  }

  /** The function's own budget and DynamoDB client, aimed at the same counting socket. */
  DynamoDbCodeEmailBudget budget(AwsCredentialsProvider credentials) {
    return new DynamoDbCodeEmailBudget(
        DynamoDbCodeEmailBudget.clientBuilder(Region.US_EAST_1)
            .endpointOverride(URI.create("http://127.0.0.1:" + ses.getLocalPort()))
            .credentialsProvider(credentials)
            .build(),
        "local-code-email-budgets",
        CodeEmailLimits.fromEnvironment(Map.of()));
  }

  /** The function's lock, on the budget's client as the handler shares it. */
  static DynamoDbUserLock lock(DynamoDbCodeEmailBudget budget) {
    return new DynamoDbUserLock(budget.client(), "local-user-locks", 10);
  }

  /** Priming with the function's clients aimed at the counting socket. */
  SnapStartPriming priming(
      AwsCredentialsProvider credentials, SnapStartPriming.StandInStarter standIns) {
    DynamoDbCodeEmailBudget budget = budget(credentials);
    return new SnapStartPriming(
        settings,
        Region.US_EAST_1,
        client(credentials),
        budget,
        lock(budget),
        EmailTemplates.load(),
        standIns);
  }

  /** Priming with a real stand-in, which {@code started} holds afterwards. */
  SnapStartPriming priming(AtomicReference<PrimingStandIn> started) {
    return priming(
        WORKING,
        () -> {
          started.set(PrimingStandIn.start());
          return started.get();
        });
  }

  @Test
  void primingWarmsEveryPartAndOpensNoConnectionToTheFunctionsEndpoints() {
    SnapStartPriming.Outcome outcome = priming(new AtomicReference<>()).prime();
    assertThat(outcome)
        .isEqualTo(
            new SnapStartPriming.Outcome(true, true, true, SnapStartPriming.StandInRun.WARMED));
    assertThat(connections).hasValue(0);
  }

  @Test
  void theStandInReceivesTheLocksReadTheBudgetsRefusedWriteItsReadItsWriteAndTheEmailOnly() {
    AtomicReference<PrimingStandIn> standIn = new AtomicReference<>();
    priming(standIn).prime();
    assertThat(standIn.get().requests())
        .containsExactly(
            "DynamoDB GetItem",
            "DynamoDB UpdateItem",
            "DynamoDB GetItem",
            "DynamoDB UpdateItem",
            "SES SendEmail");
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
  void noSocketPrimingOpenedIsStillOpenAfterIt() throws IOException, InterruptedException {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs Linux's /proc");
    // Once, so the classes, the SDK's and the JDK's own lazily opened descriptors are in place.
    priming(new AtomicReference<>()).prime();
    long before = openSockets();
    AtomicReference<PrimingStandIn> standIn = new AtomicReference<>();
    priming(standIn).prime();
    assertThat(standIn.get().requests()).hasSize(5);
    // At most as many: a socket another test dropped may be closed by the collector meanwhile.
    assertThat(openSockets()).isLessThanOrEqualTo(before);
  }

  @Test
  void aStandInThatCannotStartIsReportedAndTheRestIsStillWarmed() {
    SnapStartPriming priming =
        priming(
            WORKING,
            () -> {
              throw new IOException("no port left");
            });
    assertThat(priming.prime())
        .isEqualTo(
            new SnapStartPriming.Outcome(
                true, true, true, new SnapStartPriming.StandInRun("IOException")));
    assertThatCode(() -> priming.beforeCheckpoint(null)).doesNotThrowAnyException();
    assertThat(connections).hasValue(0);
  }

  @Test
  void aRuntimeWithoutTheJdksHttpServerIsReportedAndNeverThrown() {
    SnapStartPriming priming =
        priming(
            WORKING,
            () -> {
              throw new NoClassDefFoundError("com/sun/net/httpserver/HttpServer");
            });
    assertThat(priming.prime())
        .isEqualTo(
            new SnapStartPriming.Outcome(
                true, true, true, new SnapStartPriming.StandInRun("NoClassDefFoundError")));
    assertThatCode(() -> priming.beforeCheckpoint(null)).doesNotThrowAnyException();
  }

  @Test
  void aStandInThatIsAlreadyStoppedIsReportedNotWarmedAndNeverThrown() {
    SnapStartPriming priming =
        priming(
            WORKING,
            () -> {
              PrimingStandIn stopped = PrimingStandIn.start();
              stopped.close();
              return stopped;
            });
    // The budget's call fails (connection refused), so the trigger fails closed.
    assertThat(priming.prime().standInRun())
        .isEqualTo(new SnapStartPriming.StandInRun("TriggerFailureException"));
    assertThat(connections).hasValue(0);
  }

  @Test
  void aStandInThatReceivedOtherRequestsIsNotClaimedWarmed() {
    SnapStartPriming priming =
        priming(
            WORKING,
            () -> {
              PrimingStandIn standIn = PrimingStandIn.start();
              HttpURLConnection other =
                  (HttpURLConnection) standIn.endpoint().resolve("/other").toURL().openConnection();
              assertThat(other.getResponseCode()).isEqualTo(404);
              return standIn;
            });
    assertThat(priming.prime().standInRun())
        .isEqualTo(
            new SnapStartPriming.StandInRun(
                "the stand-in received [GET /other, DynamoDB GetItem, DynamoDB UpdateItem,"
                    + " DynamoDB GetItem, DynamoDB UpdateItem, SES SendEmail]"));
  }

  @Test
  void theSameClientStillSendsAfterPriming() {
    SesV2Client client = workingClient();
    DynamoDbCodeEmailBudget budget = budget(WORKING);
    new SnapStartPriming(
            settings, Region.US_EAST_1, client, budget, lock(budget), EmailTemplates.load())
        .prime();
    SendEmailRequest email =
        SendEmailRequest.builder()
            .fromEmailAddress("no-reply@example.com")
            .destination(destination -> destination.toAddresses("a@example.com"))
            .content(content -> content.simple(message -> message.subject(s -> s.data("s"))))
            .build();
    // The counting socket closes every connection without answering, so the call fails, but it
    // did reach the wire: the priming stop applies only to priming's own request.
    assertThatCode(() -> client.sendEmail(email)).isInstanceOf(SdkClientException.class);
    assertThat(connections.get()).isPositive();
  }

  @Test
  void functionClientsThatCannotSignAreReportedAndThePrimingClientsDoNotUseTheirCredentials() {
    AwsCredentialsProvider broken =
        () -> {
          throw SdkClientException.create("no credentials here");
        };
    SnapStartPriming priming = priming(broken, PrimingStandIn::start);
    assertThat(priming.prime())
        .isEqualTo(
            new SnapStartPriming.Outcome(true, false, false, SnapStartPriming.StandInRun.WARMED));
    assertThatCode(() -> priming.beforeCheckpoint(null)).doesNotThrowAnyException();
    assertThat(connections).hasValue(0);
  }

  @Test
  void theCheckpointLogsOneLineThatSaysWhatWasWarmedAndNamesNoUser() {
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
            "SnapStart priming: trigger path warmed, SES client warmed, DynamoDB client warmed,"
                + " calls through a stand-in on 127.0.0.1 warmed; no email sent, no budget spent"
                + System.lineSeparator())
        .doesNotContain("priming@example.invalid");
  }

  @Test
  void theReportSaysWhichPartFailed() {
    assertThat(
            SnapStartPriming.report(
                new SnapStartPriming.Outcome(
                    false, false, false, new SnapStartPriming.StandInRun("IOException"))))
        .isEqualTo(
            "SnapStart priming: trigger path failed, SES client not warmed, DynamoDB client not"
                + " warmed, calls through a stand-in on 127.0.0.1 not warmed (IOException);"
                + " no email sent, no budget spent");
    assertThat(
            SnapStartPriming.report(
                new SnapStartPriming.Outcome(
                    true, false, true, SnapStartPriming.StandInRun.WARMED)))
        .isEqualTo(
            "SnapStart priming: trigger path warmed, SES client not warmed, DynamoDB client"
                + " warmed, calls through a stand-in on 127.0.0.1 warmed; no email sent, no budget"
                + " spent");
  }

  /**
   * Sockets this JVM has open (Linux: file descriptors that are sockets), once the count has held
   * still for a moment: the JDK's HTTP server closes its side of a connection on its own thread,
   * and a socket nothing refers to any more is closed after a collection.
   */
  static long openSockets() throws IOException, InterruptedException {
    System.gc();
    long count = countSockets();
    for (int same = 0, polls = 0; same < 4 && polls < 100; polls++) {
      Thread.sleep(25);
      long now = countSockets();
      same = now == count ? same + 1 : 0;
      count = now;
    }
    return count;
  }

  private static long countSockets() throws IOException {
    try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
      return descriptors
          .filter(
              fd -> {
                try {
                  return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException gone) {
                  return false;
                }
              })
          .count();
    }
  }
}
