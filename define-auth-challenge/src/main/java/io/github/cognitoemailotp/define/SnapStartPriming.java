package io.github.cognitoemailotp.define;

import io.github.cognitoemailotp.layer.DefineAuthChallenge;
import io.github.cognitoemailotp.layer.SnapStartHook;
import io.github.cognitoemailotp.layer.internal.DiscardingLogger;
import java.nio.charset.StandardCharsets;

/**
 * Warms the Define function just before Lambda SnapStart takes its snapshot: it runs the handler's
 * own trigger on a built-in event (a made-up user whose password was verified), so the classes of
 * the first sign-in's path (the JSON reader and writer, the decision, the log line) are loaded and
 * initialised in the snapshot. Define does no I/O and holds nothing random or time-dependent, so
 * nothing needs renewing after a restore.
 *
 * <p>Registered with CRaC's global context by the handler for a SnapStart init only ({@link
 * SnapStartHook}), and held by it: the context holds its resources weakly. It never throws.
 */
final class SnapStartPriming extends SnapStartHook {

  /** The password step done, for a made-up user: Define answers with the code challenge. */
  static final String EVENT =
      """
      {"version":"1","region":"us-east-1","userPoolId":"us-east-1_SnapStart","userName":"priming",
       "callerContext":{"awsSdkVersion":"aws-sdk-unknown-unknown","clientId":"priming"},
       "triggerSource":"DefineAuthChallenge_Authentication",
       "request":{"userAttributes":{"email":"priming@example.invalid","email_verified":"true"},
        "session":[{"challengeName":"SRP_A","challengeResult":true,"challengeMetadata":null},
         {"challengeName":"PASSWORD_VERIFIER","challengeResult":true,"challengeMetadata":null}],
        "userNotFound":false},
       "response":{"challengeName":null,"issueTokens":null,"failAuthentication":null}}
      """;

  /**
   * The same user after a correct trusted-device proof (a device challenge's metadata, made at
   * priming time so that it is within the sign-in's lifetime): Define issues the tokens. It runs
   * the device session's reading, so a user's first device sign-in does not load it.
   */
  static String deviceProofEvent(long nowEpochSecond) {
    String metadata =
        "DEVICE_PROOF.v1:RUFTOPCekZgaCU-_8cAijLWF4e82QnZqHRX7cBn2BWY:"
            + nowEpochSecond
            + ":"
            + (nowEpochSecond + 120);
    return EVENT.replace(
        "\"challengeResult\":true,\"challengeMetadata\":null}],",
        "\"challengeResult\":true,\"challengeMetadata\":null},\n"
            + "         {\"challengeName\":\"CUSTOM_CHALLENGE\",\"challengeResult\":true,"
            + "\"challengeMetadata\":\""
            + metadata
            + "\"}],");
  }

  private final DefineAuthChallenge trigger;
  private final String event;

  SnapStartPriming(DefineAuthChallenge trigger) {
    this(trigger, EVENT);
  }

  /** Primes with {@code event} instead of {@link #EVENT} (tests). */
  SnapStartPriming(DefineAuthChallenge trigger, String event) {
    this.trigger = trigger;
    this.event = event;
  }

  @Override
  protected String primeAndReport() {
    return report(prime());
  }

  @Override
  protected String functionName() {
    return "DefineAuthChallenge";
  }

  /** The log line of a priming run; it names no user. */
  static String report(boolean warmed) {
    return "SnapStart priming: DefineAuthChallenge path " + (warmed ? "warmed" : "failed");
  }

  /**
   * Runs the trigger on its event, then on a device proof's; whether it answered the code challenge
   * and then issued the tokens. Never throws.
   */
  boolean prime() {
    try {
      return answer(event).contains("\"challengeName\":\"CUSTOM_CHALLENGE\"")
          && answer(deviceProofEvent(java.time.Instant.now().getEpochSecond()))
              .contains("\"issueTokens\":true");
    } catch (RuntimeException e) {
      return false;
    }
  }

  private String answer(String primingEvent) {
    return new String(
        trigger.handle(primingEvent.getBytes(StandardCharsets.UTF_8), DiscardingLogger.INSTANCE),
        StandardCharsets.UTF_8);
  }
}
