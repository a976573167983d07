package io.github.cognitoemailotp.create;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.github.cognitoemailotp.layer.CodeEmailLimits;
import io.github.cognitoemailotp.layer.CreateSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
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
 * SnapStart priming runs the trigger and the function's own {@link SesV2Client} up to transmission
 * (request marshalled, endpoint resolved, credentials fetched, request signed), and sends nothing:
 * an SES stand-in on 127.0.0.1 counts every connection made to it.
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
   * The function's own client, as {@link SesCodeSender#client} builds it, aimed at the stand-in.
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

  /** The function's own budget and DynamoDB client, aimed at the same counting stand-in. */
  DynamoDbCodeEmailBudget budget(AwsCredentialsProvider credentials) {
    return new DynamoDbCodeEmailBudget(
        DynamoDbCodeEmailBudget.clientBuilder(Region.US_EAST_1)
            .endpointOverride(URI.create("http://127.0.0.1:" + ses.getLocalPort()))
            .credentialsProvider(credentials)
            .build(),
        "local-code-email-budgets",
        CodeEmailLimits.fromEnvironment(Map.of()));
  }

  @Test
  void primingRunsTheTriggerAndSignsTheSesAndDynamoDbRequestsWithoutSendingThem() {
    SnapStartPriming.Outcome outcome =
        new SnapStartPriming(settings, workingClient(), budget(WORKING), EmailTemplates.load())
            .prime();
    assertThat(outcome.triggerAnswered()).isTrue();
    assertThat(outcome.sesRequestSigned()).isTrue();
    assertThat(outcome.budgetRequestSigned()).isTrue();
    assertThat(connections).hasValue(0);
  }

  @Test
  void theSameClientStillSendsAfterPriming() {
    SesV2Client client = workingClient();
    new SnapStartPriming(settings, client, budget(WORKING), EmailTemplates.load()).prime();
    SendEmailRequest email =
        SendEmailRequest.builder()
            .fromEmailAddress("no-reply@example.com")
            .destination(destination -> destination.toAddresses("a@example.com"))
            .content(content -> content.simple(message -> message.subject(s -> s.data("s"))))
            .build();
    // The stand-in closes every connection without answering, so the call fails, but it did
    // reach the wire: the priming stop applies only to priming's own request.
    assertThatCode(() -> client.sendEmail(email)).isInstanceOf(SdkClientException.class);
    assertThat(connections.get()).isPositive();
  }

  @Test
  void aClientThatCannotSignIsReportedAndNeverThrown() {
    AwsCredentialsProvider broken =
        () -> {
          throw SdkClientException.create("no credentials here");
        };
    SnapStartPriming priming =
        new SnapStartPriming(settings, client(broken), budget(broken), EmailTemplates.load());
    assertThat(priming.prime()).isEqualTo(new SnapStartPriming.Outcome(true, false, false));
    assertThatCode(() -> priming.beforeCheckpoint(null)).doesNotThrowAnyException();
    assertThat(connections).hasValue(0);
  }

  @Test
  void theCheckpointLogsOneLineThatSaysWhatWasWarmedAndNamesNoUser() {
    PrintStream original = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      new SnapStartPriming(settings, workingClient(), budget(WORKING), EmailTemplates.load())
          .beforeCheckpoint(null);
    } finally {
      System.setOut(original);
    }
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "SnapStart priming: trigger path warmed, SES client warmed, DynamoDB client warmed;"
                + " no email sent, no budget spent"
                + System.lineSeparator())
        .doesNotContain("priming@example.invalid");
  }

  @Test
  void theReportSaysWhichPartFailed() {
    assertThat(SnapStartPriming.report(new SnapStartPriming.Outcome(false, false, false)))
        .isEqualTo(
            "SnapStart priming: trigger path failed, SES client not warmed, DynamoDB client not"
                + " warmed; no email sent, no budget spent");
    assertThat(SnapStartPriming.report(new SnapStartPriming.Outcome(true, false, true)))
        .isEqualTo(
            "SnapStart priming: trigger path warmed, SES client not warmed, DynamoDB client"
                + " warmed; no email sent, no budget spent");
  }

  @Test
  void registeringKeepsTheSameResourceForTheHandlerToHold() {
    SnapStartPriming priming =
        new SnapStartPriming(settings, workingClient(), budget(WORKING), EmailTemplates.load());
    assertThat(SnapStartPriming.register(priming)).isSameAs(priming);
  }
}
