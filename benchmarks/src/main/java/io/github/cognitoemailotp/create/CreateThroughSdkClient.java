package io.github.cognitoemailotp.create;

import io.github.cognitoemailotp.aws.AwsClients;
import io.github.cognitoemailotp.aws.EmailTemplates;
import io.github.cognitoemailotp.aws.SesEmailSender;
import io.github.cognitoemailotp.benchmarks.WarmInvocation;
import io.github.cognitoemailotp.layer.budget.BudgetSpend;
import io.github.cognitoemailotp.layer.budget.CodeEmailLimits;
import io.github.cognitoemailotp.layer.CodeGenerator;
import io.github.cognitoemailotp.layer.CreateAuthChallenge;
import io.github.cognitoemailotp.layer.CreateSettings;
import io.github.cognitoemailotp.testkit.Events;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * Warm time of one Create invocation with everything but the DynamoDB and SES round trips: parse,
 * decide, the budget's conditional {@code UpdateItem} taken through the function's own {@link
 * DynamoDbClient} up to transmission ({@link DynamoDbCodeEmailBudget#warmUp}: marshalled, endpoint
 * resolved, signed, stopped; then granted, as the first write of a user with budget left is), a
 * SecureRandom code, the email rendered from its template, and its {@code SendEmail} taken through
 * the function's own {@link SesV2Client} the same way; then the response. Both clients sign with
 * static session credentials. In Create's package because its client configuration is
 * package-private.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
public class CreateThroughSdkClient {

  private final CreateSettings settings =
      CreateSettings.fromEnvironment(Map.of("EMAIL_SENDER", "no-reply@example.com"));
  private final EmailTemplates templates = EmailTemplates.load();
  private final SesV2Client ses =
      AwsClients.configure(SesV2Client.builder(), Region.US_EAST_1, AwsClients.SES)
          .credentialsProvider(
              StaticCredentialsProvider.create(
                  AwsSessionCredentials.create("AKIDEXAMPLE", "secret", "session-token")))
          .build();
  private final DynamoDbCodeEmailBudget budget =
      new DynamoDbCodeEmailBudget(
          DynamoDbCodeEmailBudget.clientBuilder(Region.US_EAST_1)
              .credentialsProvider(
                  StaticCredentialsProvider.create(
                      AwsSessionCredentials.create("AKIDEXAMPLE", "secret", "session-token")))
              .build(),
          "CodeEmailBudgetTable",
          CodeEmailLimits.fromEnvironment(Map.of()));

  /** Whether the last requests were signed, kept so the JIT cannot drop the calls. */
  private boolean signed;

  private boolean budgetSigned;

  private final SesEmailSender sender =
      new SesEmailSender(
          ses,
          settings.emailSender(),
          settings.sesConfigurationSet(),
          templates,
          Region.US_EAST_1);

  private final CreateAuthChallenge create =
      new CreateAuthChallenge(
          io.github.cognitoemailotp.benchmarks.NobodyLocked.INSTANCE,
          settings,
          email -> {
            try {
              ses.sendEmail(
                  sender
                      .request(
                          email.recipient(),
                          templates.render(email.locale(), email.code(), email.validFor()))
                      .toBuilder()
                      .overrideConfiguration(AwsClients.PRIMING_ONLY)
                      .build());
            } catch (RuntimeException stopped) {
              signed =
                  AwsClients.primingStop(stopped)
                      .map(AwsClients.PrimingStopped::signed)
                      .orElseThrow(() -> stopped);
            }
          },
          (sub, now) -> {
            budgetSigned = budget.warmUp(now);
            return BudgetSpend.grant();
          },
          CodeGenerator.secureRandom(),
          Clock.fixed(Instant.ofEpochSecond(1_795_752_100L), ZoneOffset.UTC));
  private final byte[] event = Events.load("create-first-challenge.json");

  @Benchmark
  public byte[] createAuthChallengeThroughTheSdkClient() {
    signed = false;
    budgetSigned = false;
    byte[] response = create.handle(event, WarmInvocation.DISCARD);
    if (!signed || !budgetSigned) {
      throw new IllegalStateException("no SES or no DynamoDB request was signed");
    }
    return response;
  }
}
