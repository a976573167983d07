package io.github.cognitoemailotp.create;

import io.github.cognitoemailotp.benchmarks.WarmInvocation;
import io.github.cognitoemailotp.layer.CodeGenerator;
import io.github.cognitoemailotp.layer.CreateAuthChallenge;
import io.github.cognitoemailotp.layer.CreateSettings;
import io.github.cognitoemailotp.testkit.Events;
import java.net.URI;
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
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Warm time of one Create invocation with everything but the SES round trip: parse, decide, a
 * SecureRandom code, the email rendered from its template, the {@code SendEmail} JSON body, the
 * SigV4 signature (static session credentials), and the response. In Create's package because its
 * SES client is package-private.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
public class CreateWithSignedRequest {

  private final CreateSettings settings =
      CreateSettings.fromEnvironment(Map.of("EMAIL_SENDER", "no-reply@example.com"));
  private final EmailTemplates templates = EmailTemplates.load();
  private final SesHttpApi ses =
      new SesHttpApi(
          URI.create("https://email.us-east-1.amazonaws.com"),
          "us-east-1",
          StaticCredentialsProvider.create(
              AwsSessionCredentials.create("AKIDEXAMPLE", "secret", "session-token")));

  /** The last signed request, kept so the JIT cannot drop the signing. */
  private SdkHttpRequest signed;

  private final CreateAuthChallenge create =
      new CreateAuthChallenge(
          settings,
          email -> signed = ses.sign(SesCodeSender.request(email, settings, templates).toJson()),
          CodeGenerator.secureRandom(),
          Clock.fixed(Instant.ofEpochSecond(1_795_752_100L), ZoneOffset.UTC));
  private final byte[] event = Events.load("create-first-challenge.json");

  @Benchmark
  public byte[] createAuthChallengeWithSignedSesRequest() {
    byte[] response = create.handle(event, WarmInvocation.DISCARD);
    if (signed == null) {
      throw new IllegalStateException("no SES request was signed");
    }
    return response;
  }
}
