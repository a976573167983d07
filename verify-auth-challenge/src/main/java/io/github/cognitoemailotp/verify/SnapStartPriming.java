package io.github.cognitoemailotp.verify;

import io.github.cognitoemailotp.aws.AwsClients;
import io.github.cognitoemailotp.aws.DynamoDbCalls;
import io.github.cognitoemailotp.aws.DynamoDbSecondFactorPasses;
import io.github.cognitoemailotp.aws.DynamoDbUserLock;
import io.github.cognitoemailotp.aws.PrimingStandIn;
import io.github.cognitoemailotp.layer.SnapStartHook;
import io.github.cognitoemailotp.layer.VerifyAuthChallenge;
import io.github.cognitoemailotp.layer.device.DeviceProof;
import io.github.cognitoemailotp.layer.gate.SecondFactorPasses;
import io.github.cognitoemailotp.layer.internal.DiscardingLogger;
import io.github.cognitoemailotp.layer.lock.LockSettings;
import io.github.cognitoemailotp.layer.lock.UserLock;
import io.github.cognitoemailotp.layer.lock.WrongCodeCount;
import io.github.cognitoemailotp.layer.metrics.MetricsSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Warms the Verify function just before Lambda SnapStart takes its snapshot, as Create's priming
 * does: it runs the trigger on a built-in event (a made-up user answering a fixed code before its
 * expiry), so the classes of the first answer's path (the JSON reader and writer, the constant-time
 * comparison, the wrong-code count's write and the pass's, the log line) are loaded and initialised
 * in the snapshot, for a right answer and then a wrong one:
 *
 * <ol>
 *   <li>with the function's own client, up to transmission: the pass's write is marshalled, its
 *       endpoint resolved, credentials fetched and the request signed, and {@link
 *       AwsClients.StopBeforeTransmission} ends it unsent;
 *   <li>with a priming client built by the same builder ({@link AwsClients#forPriming}), all the
 *       way to a {@link PrimingStandIn} on 127.0.0.1: the count of wrong codes is deleted, the new
 *       pass refused and the add written, then a wrong answer counted. Then the client is closed
 *       and the stand-in stopped; every answer said {@code Connection: close}, so no connection
 *       outlives it.
 * </ol>
 *
 * <p>Nothing is written anywhere. The priming trigger has its own fixed clock, so nothing
 * time-dependent is made. Registered with CRaC's global context by the handler for a SnapStart init
 * only ({@link SnapStartHook}), which holds it: the context holds its resources weakly. Without
 * SnapStart nothing calls it. It never throws.
 */
final class SnapStartPriming extends SnapStartHook {

  /** The priming clock's instant, 2026-01-01T00:00:00Z; the code expires 5 minutes later. */
  static final long PRIMING_EPOCH_SECOND = 1_767_225_600L;

  /** A right answer for a made-up user: Verify answers that it is correct. */
  static final String EVENT =
      """
      {"version":"1","region":"us-east-1","userPoolId":"us-east-1_SnapStart","userName":"priming",
       "callerContext":{"awsSdkVersion":"aws-sdk-unknown-unknown","clientId":"priming"},
       "triggerSource":"VerifyAuthChallengeResponse_Authentication",
       "request":{"userAttributes":{"sub":"00000000-0000-4000-8000-000000000000",
         "email":"priming@example.invalid","email_verified":"true"},
        "privateChallengeParameters":{"code":"000000","expiresAt":"1767225900"},
        "challengeAnswer":"000000","clientMetadata":{},"userNotFound":false},
       "response":{"answerCorrect":null}}
      """;

  /**
   * What the made-up user's answers ask of the stand-in: the right one clears the wrong-code count
   * and records a pass (the stand-in refuses the new count, so the read of the record's token and
   * the add run too); then the wrong one is counted.
   */
  static final List<String> EXPECTED_STAND_IN_REQUESTS =
      List.of(
          "DynamoDB DeleteItem",
          "DynamoDB UpdateItem",
          "DynamoDB GetItem",
          "DynamoDB UpdateItem",
          "DynamoDB UpdateItem");

  private static final Clock FIXED_CLOCK =
      Clock.fixed(Instant.ofEpochSecond(PRIMING_EPOCH_SECOND), ZoneOffset.UTC);

  /**
   * What one priming run did.
   *
   * @param triggerAnswered the trigger found the answer correct with the function's own client
   * @param writeSigned that client's write was signed (and not sent)
   * @param standInFailure empty when the run through the stand-in went as expected (correct, and
   *     exactly {@link #EXPECTED_STAND_IN_REQUESTS}); else what went wrong
   */
  record Outcome(boolean triggerAnswered, boolean writeSigned, String standInFailure) {}

  /** Starts the stand-in; tests pass one that fails or that they can inspect. */
  @FunctionalInterface
  interface StandInStarter {
    PrimingStandIn start() throws IOException;
  }

  private final Region region;
  private final DynamoDbSecondFactorPasses passes;
  private final DynamoDbUserLock lock;
  private final LockSettings lockSettings;
  private final String event;
  private final StandInStarter standIns;

  SnapStartPriming(
      Region region,
      DynamoDbSecondFactorPasses passes,
      DynamoDbUserLock lock,
      LockSettings lockSettings) {
    this(region, passes, lock, lockSettings, EVENT, PrimingStandIn::start);
  }

  /** Primes with {@code event} and {@code standIns} instead (tests). */
  SnapStartPriming(
      Region region,
      DynamoDbSecondFactorPasses passes,
      DynamoDbUserLock lock,
      LockSettings lockSettings,
      String event,
      StandInStarter standIns) {
    this.region = region;
    this.passes = passes;
    this.lock = lock;
    this.lockSettings = lockSettings;
    this.event = event;
    this.standIns = standIns;
  }

  @Override
  protected String primeAndReport() {
    return report(prime());
  }

  @Override
  protected String functionName() {
    return "VerifyAuthChallenge";
  }

  @Override
  public void afterRestore(org.crac.Context<? extends org.crac.Resource> context) {
    // Nothing to renew: the credentials chain refreshes what it holds, and no connection priming
    // opened is left in the snapshot.
  }

  /** The log line of a priming run; it names no user. */
  static String report(Outcome outcome) {
    return "SnapStart priming: VerifyAuthChallenge path "
        + (outcome.triggerAnswered() ? "warmed" : "failed")
        + ", DynamoDB client "
        + (outcome.writeSigned() ? "warmed" : "not warmed")
        + ", calls through a stand-in on 127.0.0.1 "
        + (outcome.standInFailure().isEmpty()
            ? "warmed"
            : "not warmed (" + outcome.standInFailure() + ")")
        + "; no pass written";
  }

  /** Runs the trigger with the function's client, then through the stand-in; never throws. */
  Outcome prime() {
    boolean[] signed = {false};
    boolean answered;
    try {
      SecondFactorPasses signOnly =
          new SecondFactorPasses() {
            @Override
            public void record(String userSub, String clientId, Instant now) {
              signed[0] = passes.warmUp(now);
            }

            @Override
            public boolean consume(String userSub, String clientId, Instant now) {
              throw new UnsupportedOperationException("Verify never consumes");
            }
          };
      UserLock lockSignOnly =
          new UserLock() {
            @Override
            public Optional<Instant> lockedSince(String userSub) {
              throw new UnsupportedOperationException("Verify never asks");
            }

            @Override
            public WrongCodeCount countWrong(String userSub, Instant now) {
              throw new UnsupportedOperationException("the wrong answer runs through the stand-in");
            }

            @Override
            public boolean clearAfterCorrect(String userSub) {
              return true;
            }

            @Override
            public WrongCodeCount unlock(String userSub) {
              throw new UnsupportedOperationException("Verify never unlocks");
            }
          };
      // The device proof's signature check (the JDK's elliptic-curve code) with a priming key.
      answered = correct(signOnly, lockSignOnly) && DeviceProof.warmUp();
      // The lock's write on this client, signed and stopped unsent; the wrong answer's whole path
      // runs through the stand-in below.
      signed[0] &= lock.warmUp(FIXED_CLOCK.instant());
    } catch (RuntimeException e) {
      answered = false;
    }
    return new Outcome(answered, signed[0], throughStandIn());
  }

  private String throughStandIn() {
    try (PrimingStandIn standIn = standIns.start();
        DynamoDbClient primingDynamo =
            AwsClients.forPriming(DynamoDbCalls.clientBuilder(region), standIn.endpoint())
                .build()) {
      if (!correct(passes.withClient(primingDynamo), lock.withClient(primingDynamo))) {
        return "the trigger did not find the answer correct";
      }
      if (!wrong(passes.withClient(primingDynamo), lock.withClient(primingDynamo))) {
        return "the trigger did not find the wrong answer wrong";
      }
      return standIn.requests().equals(EXPECTED_STAND_IN_REQUESTS)
          ? ""
          : "the stand-in received " + standIn.requests();
    } catch (IOException | RuntimeException | LinkageError e) {
      // LinkageError: a runtime without the JDK's HTTP server (jdk.httpserver) cannot prime this
      // way.
      return e.getClass().getSimpleName();
    }
  }

  /** Whether the trigger, with {@code store} and {@code userLock}, finds the right answer right. */
  private boolean correct(SecondFactorPasses store, UserLock userLock) {
    return answer(event, store, userLock).contains("\"answerCorrect\":true");
  }

  /** Whether the trigger, with {@code store} and {@code userLock}, finds a wrong answer wrong. */
  private boolean wrong(SecondFactorPasses store, UserLock userLock) {
    String wrongEvent =
        event.replace("\"challengeAnswer\":\"000000\"", "\"challengeAnswer\":\"999999\"");
    return answer(wrongEvent, store, userLock).contains("\"answerCorrect\":false");
  }

  private String answer(String answerEvent, SecondFactorPasses store, UserLock userLock) {
    return new String(
        new VerifyAuthChallenge(
                FIXED_CLOCK,
                MetricsSettings.DEFAULT,
                store,
                userLock,
                lockSettings,
                notice -> {
                  throw new UnsupportedOperationException("priming locks nobody");
                })
            .handle(answerEvent.getBytes(StandardCharsets.UTF_8), DiscardingLogger.INSTANCE),
        StandardCharsets.UTF_8);
  }
}
