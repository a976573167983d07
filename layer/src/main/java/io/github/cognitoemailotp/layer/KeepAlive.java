package io.github.cognitoemailotp.layer;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import io.github.cognitoemailotp.layer.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The scheduled keep-alive ping, {@value #PING}, that template.yaml sends each function's alias
 * every few days: a SnapStart version idle for 14 days goes inactive, and its next invocation, a
 * user's sign-in, would fail. Each trigger answers the ping before reading a Cognito event, and
 * does nothing else: no decision, no code, no email.
 *
 * <p>A Cognito event is never a ping: it is hundreds of bytes with a {@code triggerSource}; a ping
 * is an object with the single field {@code keepAlive} set to {@code true}.
 */
public final class KeepAlive {

  /** What the schedule sends, and what a trigger answers. */
  public static final String PING = "{\"keepAlive\":true}";

  /** Longer events are not read as pings, so a Cognito event costs one length check. */
  private static final int LONGEST_PING = 64;

  private KeepAlive() {}

  /** Whether {@code event} is the keep-alive ping (whitespace aside). */
  public static boolean isPing(byte[] event) {
    if (event.length > LONGEST_PING) {
      return false;
    }
    try {
      return Map.of("keepAlive", Boolean.TRUE).equals(Json.parse(event));
    } catch (Json.SyntaxException e) {
      return false;
    }
  }

  /** Logs that {@code trigger} was pinged and returns the answer, {@value #PING}. */
  static byte[] answer(Trigger trigger, LambdaLogger logger) {
    DecisionLog.write(
        logger, LogLevel.INFO, trigger, null, "KEEP_ALIVE", "scheduled ping; nothing else done");
    return PING.getBytes(StandardCharsets.UTF_8);
  }
}
