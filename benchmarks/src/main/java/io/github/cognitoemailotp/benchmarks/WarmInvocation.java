package io.github.cognitoemailotp.benchmarks;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import io.github.cognitoemailotp.layer.CodeGenerator;
import io.github.cognitoemailotp.layer.CreateAuthChallenge;
import io.github.cognitoemailotp.layer.CreateSettings;
import io.github.cognitoemailotp.layer.DefineAuthChallenge;
import io.github.cognitoemailotp.layer.FlowSettings;
import io.github.cognitoemailotp.layer.lock.LockSettings;
import io.github.cognitoemailotp.layer.metrics.MetricsSettings;
import io.github.cognitoemailotp.layer.gate.SecondFactorPasses;
import io.github.cognitoemailotp.layer.VerifyAuthChallenge;
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

/**
 * Warm time of one invocation, from event bytes in to response bytes out, as the handlers run it (a
 * logger that discards lines stands in for Lambda's). Create excludes the SES round trip (its
 * sender does nothing) but makes its code with SecureRandom as in production.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
public class WarmInvocation {

  /** Stands in for Lambda's logger: formats nothing further and keeps nothing. */
  public static final LambdaLogger DISCARD =
      new LambdaLogger() {
        @Override
        public void log(String message) {}

        @Override
        public void log(byte[] message) {}

        @Override
        public void log(String message, LogLevel level) {}
      };

  private final Clock beforeExpiry =
      Clock.fixed(Instant.ofEpochSecond(1_795_752_100L), ZoneOffset.UTC);
  private final DefineAuthChallenge define =
      new DefineAuthChallenge(new FlowSettings(3, 2, false), beforeExpiry);
  private final VerifyAuthChallenge verify =
      new VerifyAuthChallenge(
          beforeExpiry,
          MetricsSettings.DEFAULT,
          // The pass write is DynamoDB's round trip in the function; here, the decisions only.
          new SecondFactorPasses() {
            @Override
            public void record(String userSub, String clientId, Instant now) {}

            @Override
            public boolean consume(String userSub, String clientId, Instant now) {
              return false;
            }
          },
          NobodyLocked.INSTANCE,
          new LockSettings(10, 6, false),
          notice -> {});
  private final CreateAuthChallenge create =
      new CreateAuthChallenge(
          NobodyLocked.INSTANCE,
          CreateSettings.fromEnvironment(Map.of("EMAIL_SENDER", "no-reply@example.com")),
          email -> {},
          // The budget is DynamoDB's round trip in the function; here, the decisions only.
          (sub, now) -> io.github.cognitoemailotp.layer.budget.BudgetSpend.grant(),
          CodeGenerator.secureRandom(),
          beforeExpiry);
  private final byte[] defineEvent = Events.load("define-wrong-answer.json");
  private final byte[] verifyEvent = Events.load("verify-right-answer.json");
  private final byte[] createEvent = Events.load("create-first-challenge.json");

  @Benchmark
  public byte[] defineAuthChallenge() {
    return define.handle(defineEvent, DISCARD);
  }

  @Benchmark
  public byte[] verifyAuthChallenge() {
    return verify.handle(verifyEvent, DISCARD);
  }

  @Benchmark
  public byte[] createAuthChallenge() {
    return create.handle(createEvent, DISCARD);
  }
}
