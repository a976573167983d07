package io.github.cognitoemailotp.gate;

import io.github.cognitoemailotp.aws.AwsClients;
import io.github.cognitoemailotp.aws.DynamoDbCalls;
import io.github.cognitoemailotp.aws.DynamoDbSecondFactorPasses;
import io.github.cognitoemailotp.aws.PrimingStandIn;
import io.github.cognitoemailotp.layer.SnapStartHook;
import io.github.cognitoemailotp.layer.TokenGate;
import io.github.cognitoemailotp.layer.TriggerFailureException;
import io.github.cognitoemailotp.layer.gate.GateSettings;
import io.github.cognitoemailotp.layer.gate.SecondFactorPasses;
import io.github.cognitoemailotp.layer.internal.DiscardingLogger;
import io.github.cognitoemailotp.layer.metrics.MetricsSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Warms the token gate just before Lambda SnapStart takes its snapshot, as Create's priming does:
 *
 * <ol>
 *   <li>the gate runs on a built-in event (a made-up user's sign-in) with the function's own
 *       client, up to transmission: the consume is marshalled, its endpoint resolved, credentials
 *       fetched and the request signed, and {@link AwsClients.StopBeforeTransmission} ends it
 *       unsent;
 *   <li>the gate runs twice more with a priming client built by the same builder ({@link
 *       AwsClients#forPriming}), all the way to a {@link PrimingStandIn} on 127.0.0.1: the first
 *       consume is refused (the refusal's path, its log line and its thrown message), the second
 *       granted (the pass's path and its response). Then the client is closed and the stand-in
 *       stopped; every answer said {@code Connection: close}, so no connection outlives it.
 * </ol>
 *
 * <p>Nothing is written anywhere and no pass is consumed. The clock is a fixed instant. Registered
 * with CRaC's global context by the handler for a SnapStart init only ({@link SnapStartHook}), and
 * held by it. It never throws.
 */
final class SnapStartPriming extends SnapStartHook {

  /** A made-up user's sign-in ending in tokens. */
  static final String EVENT =
      """
      {"version":"1","region":"us-east-1","userPoolId":"us-east-1_SnapStart","userName":"priming",
       "callerContext":{"awsSdkVersion":"aws-sdk-unknown-unknown","clientId":"priming"},
       "triggerSource":"TokenGeneration_Authentication",
       "request":{"userAttributes":{"sub":"00000000-0000-4000-8000-000000000000",
         "email":"priming@example.invalid","email_verified":"true"},
        "groupConfiguration":{"groupsToOverride":[],"iamRolesToOverride":[],"preferredRole":null}},
       "response":{"claimsOverrideDetails":null}}
      """;

  /**
   * What the gate asks of the stand-in: a refused consume (and the read of its token that follows a
   * refusal), then a granted one.
   */
  static final List<String> EXPECTED_STAND_IN_REQUESTS =
      List.of("DynamoDB UpdateItem", "DynamoDB GetItem", "DynamoDB UpdateItem");

  /** The priming run's clock, a fixed instant (2026-01-01T00:00:00Z). */
  private static final Clock FIXED_CLOCK =
      Clock.fixed(Instant.ofEpochSecond(1_767_225_600L), ZoneOffset.UTC);

  /**
   * What one priming run did.
   *
   * @param gateAnswered the gate let the made-up sign-in through with the function's own client
   * @param consumeSigned that client's consume was signed (and not sent)
   * @param standInFailure empty when the run through the stand-in went as expected (a refusal, then
   *     a pass, and exactly {@link #EXPECTED_STAND_IN_REQUESTS}); else what went wrong
   */
  record Outcome(boolean gateAnswered, boolean consumeSigned, String standInFailure) {}

  /** Starts the stand-in; tests pass one that fails or that they can inspect. */
  @FunctionalInterface
  interface StandInStarter {
    PrimingStandIn start() throws IOException;
  }

  private final Region region;
  private final DynamoDbSecondFactorPasses passes;
  private final StandInStarter standIns;

  SnapStartPriming(Region region, DynamoDbSecondFactorPasses passes) {
    this(region, passes, PrimingStandIn::start);
  }

  SnapStartPriming(Region region, DynamoDbSecondFactorPasses passes, StandInStarter standIns) {
    this.region = region;
    this.passes = passes;
    this.standIns = standIns;
  }

  @Override
  protected String primeAndReport() {
    return report(prime());
  }

  @Override
  protected String functionName() {
    return "TokenGate";
  }

  @Override
  public void afterRestore(org.crac.Context<? extends org.crac.Resource> context) {
    // Nothing to renew: the credentials chain refreshes what it holds, and no connection priming
    // opened is left in the snapshot.
  }

  /** The log line of a priming run; it names no user. */
  static String report(Outcome outcome) {
    return "SnapStart priming: token gate path "
        + (outcome.gateAnswered() ? "warmed" : "failed")
        + ", DynamoDB client "
        + (outcome.consumeSigned() ? "warmed" : "not warmed")
        + ", calls through a stand-in on 127.0.0.1 "
        + (outcome.standInFailure().isEmpty()
            ? "warmed"
            : "not warmed (" + outcome.standInFailure() + ")")
        + "; no pass consumed";
  }

  /** Runs the gate with the function's client, then through the stand-in; never throws. */
  Outcome prime() {
    boolean[] signed = {false};
    boolean answered;
    try {
      SecondFactorPasses signOnly =
          new SecondFactorPasses() {
            @Override
            public void record(String userSub, String clientId, Instant now) {
              throw new UnsupportedOperationException("the gate never records");
            }

            @Override
            public boolean consume(String userSub, String clientId, Instant now) {
              signed[0] = passes.warmUp(now);
              return true;
            }
          };
      answered = passes(gate(signOnly));
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
      TokenGate gate = gate(passes.withClient(primingDynamo));
      boolean refusedFirst = !passes(gate);
      boolean passedSecond = passes(gate);
      if (!refusedFirst || !passedSecond) {
        return "the gate " + (refusedFirst ? "refused the second run" : "passed the first run");
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

  private static TokenGate gate(SecondFactorPasses passes) {
    return new TokenGate(GateSettings.DEFAULT, passes, FIXED_CLOCK, MetricsSettings.DEFAULT);
  }

  /** Whether {@code gate} let the made-up sign-in through (it throws when it refuses). */
  private static boolean passes(TokenGate gate) {
    try {
      gate.handle(EVENT.getBytes(StandardCharsets.UTF_8), DiscardingLogger.INSTANCE);
      return true;
    } catch (TriggerFailureException refused) {
      return false;
    }
  }
}
