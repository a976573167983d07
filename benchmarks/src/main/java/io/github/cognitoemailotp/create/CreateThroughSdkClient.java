package io.github.cognitoemailotp.create;

import io.github.cognitoemailotp.benchmarks.WarmInvocation;
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
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * Warm time of one Create invocation with everything but the SES round trip: parse, decide, a
 * SecureRandom code, the email rendered from its template, and its {@code SendEmail} taken through
 * the function's own {@link SesV2Client} (marshalled, endpoint resolved, SigV4-signed with static
 * session credentials) up to transmission, where the priming stop ends it; then the response. In
 * Create's package because its client configuration is package-private.
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

  /** Whether the last request was signed, kept so the JIT cannot drop the call. */
  private boolean signed;

  private final CreateAuthChallenge create =
      new CreateAuthChallenge(
          settings,
          email -> {
            try {
              ses.sendEmail(
                  SesCodeSender.request(email, settings, templates).toBuilder()
                      .overrideConfiguration(AwsClients.PRIMING_ONLY)
                      .build());
            } catch (RuntimeException stopped) {
              signed =
                  AwsClients.primingStop(stopped)
                      .map(AwsClients.PrimingStopped::signed)
                      .orElseThrow(() -> stopped);
            }
          },
          CodeGenerator.secureRandom(),
          Clock.fixed(Instant.ofEpochSecond(1_795_752_100L), ZoneOffset.UTC));
  private final byte[] event = Events.load("create-first-challenge.json");

  @Benchmark
  public byte[] createAuthChallengeThroughTheSdkClient() {
    signed = false;
    byte[] response = create.handle(event, WarmInvocation.DISCARD);
    if (!signed) {
      throw new IllegalStateException("no SES request was signed");
    }
    return response;
  }
}
