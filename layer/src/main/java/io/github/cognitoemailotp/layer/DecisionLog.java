package io.github.cognitoemailotp.layer;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import io.github.cognitoemailotp.layer.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one log line each invocation writes: which trigger, which pool, the masked address, the
 * outcome and why. It is a JSON object, so with the function's {@code LogFormat: JSON} CloudWatch
 * Logs Insights can filter on its fields. It never holds a code, a password or the event.
 */
public final class DecisionLog {

  private DecisionLog() {}

  static void write(
      LambdaLogger logger,
      LogLevel level,
      Trigger trigger,
      TriggerEvent event,
      String outcome,
      String reason) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("trigger", trigger.name());
    line.put("userPoolId", event == null ? "" : event.userPoolId());
    line.put("maskedEmail", event == null ? "" : EmailMask.mask(event.email()));
    line.put("outcome", outcome);
    line.put("reason", reason);
    logger.log(new String(Json.write(line), StandardCharsets.UTF_8), level);
  }
}
