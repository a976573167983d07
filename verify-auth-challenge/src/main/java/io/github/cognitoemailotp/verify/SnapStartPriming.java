package io.github.cognitoemailotp.verify;

import io.github.cognitoemailotp.layer.VerifyAuthChallenge;
import io.github.cognitoemailotp.layer.internal.DiscardingLogger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Warms the Verify function just before Lambda SnapStart takes its snapshot: it runs the trigger on
 * a built-in event (a made-up user answering a fixed code before its expiry), so the classes of the
 * first answer's path (the JSON reader and writer, the constant-time comparison, the log line) are
 * loaded and initialised in the snapshot. The priming trigger has its own fixed clock, so nothing
 * time-dependent is made; Verify does no I/O, so nothing needs renewing after a restore.
 *
 * <p>Registered with CRaC's global context by the handler, which holds it: the context holds its
 * resources weakly. Without SnapStart nothing calls it. It never throws.
 */
final class SnapStartPriming implements Resource {

  /** The priming clock's instant, 2026-01-01T00:00:00Z; the code expires 5 minutes later. */
  static final long PRIMING_EPOCH_SECOND = 1_767_225_600L;

  /** A right answer for a made-up user: Verify answers that it is correct. */
  static final String EVENT =
      """
      {"version":"1","region":"us-east-1","userPoolId":"us-east-1_SnapStart","userName":"priming",
       "callerContext":{"awsSdkVersion":"aws-sdk-unknown-unknown","clientId":"priming"},
       "triggerSource":"VerifyAuthChallengeResponse_Authentication",
       "request":{"userAttributes":{"email":"priming@example.invalid","email_verified":"true"},
        "privateChallengeParameters":{"code":"000000","expiresAt":"1767225900"},
        "challengeAnswer":"000000","clientMetadata":{},"userNotFound":false},
       "response":{"answerCorrect":null}}
      """;

  private final String event;

  SnapStartPriming() {
    this(EVENT);
  }

  /** Primes with {@code event} instead of {@link #EVENT} (tests). */
  SnapStartPriming(String event) {
    this.event = event;
  }

  /** Registers {@code priming} to run before a checkpoint; the caller must keep a reference. */
  static SnapStartPriming register(SnapStartPriming priming) {
    Core.getGlobalContext().register(priming);
    return priming;
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    System.out.println(report(prime()));
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    // Nothing to renew: Verify holds no connection, no randomness and no time.
  }

  /** The log line of a priming run; it names no user. */
  static String report(boolean warmed) {
    return "SnapStart priming: VerifyAuthChallenge path " + (warmed ? "warmed" : "failed");
  }

  /** Runs a trigger on its event; whether it found the answer correct. Never throws. */
  boolean prime() {
    try {
      VerifyAuthChallenge trigger =
          new VerifyAuthChallenge(
              Clock.fixed(Instant.ofEpochSecond(PRIMING_EPOCH_SECOND), ZoneOffset.UTC));
      String response =
          new String(
              trigger.handle(event.getBytes(StandardCharsets.UTF_8), DiscardingLogger.INSTANCE),
              StandardCharsets.UTF_8);
      return response.contains("\"answerCorrect\":true");
    } catch (RuntimeException e) {
      return false;
    }
  }
}
