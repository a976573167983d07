package io.github.cognitoemailotp.layer;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import io.github.cognitoemailotp.layer.internal.Json;
import io.github.cognitoemailotp.layer.metrics.EmbeddedMetrics;
import io.github.cognitoemailotp.layer.metrics.MetricCounts;
import io.github.cognitoemailotp.layer.metrics.MetricsSettings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one log line each invocation writes: its level, which trigger, which pool, the user's {@code
 * sub} (pseudonymous: it finds the user for an operator, {@code example-client user}, without
 * putting an address in the log), the masked address, the outcome and why. It is a whole JSON
 * object written as it is (the functions use Lambda's {@code LogFormat: Text}, whose JSON formatter
 * would cost every cold start the runtime's Gson; see docs/performance.md), so CloudWatch Logs
 * Insights still discovers its fields. It never holds a code, a password or the event.
 *
 * <p>The line also carries the invocation's metrics as CloudWatch Embedded Metric Format ({@link
 * EmbeddedMetrics}), so the same object is both the log and the metrics.
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
    write(
        logger,
        level,
        trigger,
        event,
        outcome,
        reason,
        MetricsSettings.DEFAULT,
        new MetricCounts());
  }

  static void write(
      LambdaLogger logger,
      LogLevel level,
      Trigger trigger,
      TriggerEvent event,
      String outcome,
      String reason,
      MetricsSettings metricsSettings,
      MetricCounts metrics) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("level", level.name());
    line.put("trigger", trigger.name());
    line.put("userPoolId", event == null ? "" : event.userPoolId());
    line.put("sub", event == null ? "" : sub(event));
    line.put("maskedEmail", event == null ? "" : EmailMask.mask(event.email()));
    line.put("outcome", outcome);
    line.put("reason", reason);
    EmbeddedMetrics.addTo(line, metricsSettings.namespace(), metrics, System.currentTimeMillis());
    // Without a level: Lambda's Text format would put "[INFO] " before the JSON object.
    logger.log(Json.text(line));
  }

  /**
   * The event's {@code sub} attribute, or empty; only a UUID-like value (ASCII letters, digits and
   * '-'), never free text. A loop, not a stream: a lambda's first use costs a cold start.
   */
  static String sub(TriggerEvent event) {
    String sub = event.userAttributes().getOrDefault("sub", "");
    if (sub.length() > 64) {
      return "(not a sub)";
    }
    for (int i = 0; i < sub.length(); i++) {
      char c = sub.charAt(i);
      boolean allowed =
          c == '-' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      if (!allowed) {
        return "(not a sub)";
      }
    }
    return sub;
  }
}
