package io.github.cognitoemailotp.create;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.github.cognitoemailotp.aws.Dynalite;
import io.github.cognitoemailotp.aws.EmailTemplates;
import io.github.cognitoemailotp.aws.SesEmailSender;
import io.github.cognitoemailotp.layer.CreateAuthChallenge;
import io.github.cognitoemailotp.layer.CreateSettings;
import io.github.cognitoemailotp.layer.TriggerFailureException;
import io.github.cognitoemailotp.layer.budget.CodeEmailLimits;
import io.github.cognitoemailotp.testkit.Events;
import io.github.cognitoemailotp.testkit.FakeContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/**
 * The Create handler with its real DynamoDB budget against dynalite and SES faked: a spent budget
 * sends no email, and a store that is down fails the sign-in closed within the time budget.
 */
class CreateWithBudgetTableTest {

  /** A minute after the fixtures' first code. */
  static final Instant NOW = Instant.ofEpochSecond(1_795_752_060L);

  final SesV2Client ses = mock(SesV2Client.class);
  Dynalite dynalite;
  DynamoDbClient dynamo;
  CreateAuthChallengeHandler handler;

  @BeforeEach
  void start() {
    dynalite = new Dynalite();
    dynamo = dynalite.client();
    dynalite.createTable(dynamo);
    CreateSettings settings =
        CreateSettings.fromEnvironment(Map.of("EMAIL_SENDER", "no-reply@example.com"));
    handler =
        new CreateAuthChallengeHandler(
            new CreateAuthChallenge(
                NobodyLocked.INSTANCE,
                settings,
                new SesEmailSender(
                    ses,
                    settings.emailSender(),
                    settings.sesConfigurationSet(),
                    EmailTemplates.load(),
                    Region.US_EAST_1),
                // The time budget is the test's here (a loaded test machine); the function's own
                // is tested below and in DynamoDbCodeEmailBudgetTest.
                new DynamoDbCodeEmailBudget(
                    dynamo, Dynalite.TABLE, new CodeEmailLimits(2, 3), Duration.ofSeconds(10)),
                length -> "1".repeat(length),
                Clock.fixed(NOW, ZoneOffset.UTC)));
  }

  @AfterEach
  void stop() {
    if (dynamo != null) {
      dynamo.close();
    }
    if (dynalite != null) {
      dynalite.close();
    }
  }

  String invoke(String fixture) {
    return invoke(fixture, new FakeContext("CreateAuthChallenge"));
  }

  String invoke(String fixture, FakeContext context) {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try {
      handler.handleRequest(new ByteArrayInputStream(Events.load(fixture)), output, context);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return output.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void aSpentBudgetSendsNoEmailAndSaysWhenToTryAgain() {
    invoke("create-first-challenge.json");
    invoke("create-first-challenge.json");
    verify(ses, times(2)).sendEmail(any(SendEmailRequest.class));
    assertThatThrownBy(() -> invoke("create-first-challenge.json"))
        .isInstanceOf(TriggerFailureException.class)
        .hasMessage(
            "Too many sign-in codes were sent to this account. Try again after"
                + " 2026-11-27T05:00:00Z (in 59 minutes). (MAX_CODE_EMAILS_PER_HOUR)");
    assertThat(invoke("create-resend-request.json"))
        .contains("\"resend\":\"REFUSED_BUDGET\"", "\"codeSent\":\"false\"");
    verify(ses, times(2)).sendEmail(any(SendEmailRequest.class));
  }

  @Test
  void aStoppedStoreFailsClosedWithinTheTimeBudgetAndSendsNothing() {
    CreateSettings settings =
        CreateSettings.fromEnvironment(Map.of("EMAIL_SENDER", "no-reply@example.com"));
    handler =
        new CreateAuthChallengeHandler(
            new CreateAuthChallenge(
                NobodyLocked.INSTANCE,
                settings,
                new SesEmailSender(
                    ses,
                    settings.emailSender(),
                    settings.sesConfigurationSet(),
                    EmailTemplates.load(),
                    Region.US_EAST_1),
                new DynamoDbCodeEmailBudget(dynamo, Dynalite.TABLE, new CodeEmailLimits(2, 3)),
                length -> "1".repeat(length),
                Clock.fixed(NOW, ZoneOffset.UTC)));
    dynalite.stop();
    long started = System.nanoTime();
    assertThatThrownBy(() -> invoke("create-first-challenge.json"))
        .isInstanceOf(TriggerFailureException.class)
        .hasMessage(DynamoDbCodeEmailBudget.TRY_AGAIN);
    assertThat((System.nanoTime() - started) / 1_000_000)
        .isLessThan(DynamoDbCodeEmailBudgetTest.FAIL_WITHIN_MILLIS);
    verify(ses, never()).sendEmail(any(SendEmailRequest.class));
  }

  @Test
  void aMissingTableTellsTheAppLittleAndTheLogWhatToFix() {
    CreateSettings settings =
        CreateSettings.fromEnvironment(Map.of("EMAIL_SENDER", "no-reply@example.com"));
    handler =
        new CreateAuthChallengeHandler(
            new CreateAuthChallenge(
                NobodyLocked.INSTANCE,
                settings,
                new SesEmailSender(
                    ses,
                    settings.emailSender(),
                    settings.sesConfigurationSet(),
                    EmailTemplates.load(),
                    Region.US_EAST_1),
                new DynamoDbCodeEmailBudget(
                    dynamo,
                    "stack-CodeEmailBudgetTable-GONE",
                    new CodeEmailLimits(2, 3),
                    Duration.ofSeconds(10)),
                length -> "1".repeat(length),
                Clock.fixed(NOW, ZoneOffset.UTC)));
    FakeContext context = new FakeContext("CreateAuthChallenge");
    assertThatThrownBy(() -> invoke("create-first-challenge.json", context))
        .isInstanceOf(TriggerFailureException.class)
        .hasMessage(
            "The sign-in code could not be sent: sign-in is not set up correctly. Contact support");
    assertThat(context.capturingLogger().text())
        .contains(
            "The code-email budget could not be checked (the table"
                + " stack-CodeEmailBudgetTable-GONE does not exist), so no code was sent");
    verify(ses, never()).sendEmail(any(SendEmailRequest.class));
  }
}
