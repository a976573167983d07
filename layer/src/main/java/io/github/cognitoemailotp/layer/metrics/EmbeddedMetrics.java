package io.github.cognitoemailotp.layer.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an invocation's {@link MetricCounts} into its decision line as CloudWatch Embedded Metric
 * Format: an {@code _aws} member with the timestamp and one metric directive per dimension set, and
 * the metric values and dimension values as members of the line itself. CloudWatch Logs extracts
 * the metrics from the log; there is no API call and no added latency.
 *
 * <p>The metrics without a dimension share one directive with the empty dimension set. Each metric
 * with a dimension gets its own directive with two dimension sets, its dimension and the empty one,
 * so that it is published both by value (for the dashboard) and in total (for the alarms).
 */
public final class EmbeddedMetrics {

  private static final Metric[] METRICS = Metric.values();

  private static final List<String> NO_DIMENSIONS = List.of();

  private EmbeddedMetrics() {}

  /** Adds the metrics to {@code line}; adds nothing when none were counted. */
  public static void addTo(
      Map<String, Object> line, String namespace, MetricCounts counts, long timestampMillis) {
    if (counts.isEmpty()) {
      return;
    }
    List<Object> directives = new ArrayList<>(2);
    List<Object> plainMetrics = new ArrayList<>(METRICS.length);
    for (Metric metric : METRICS) {
      if (counts.of(metric) > 0 && !metric.hasDimension()) {
        plainMetrics.add(definition(metric));
      }
    }
    if (!plainMetrics.isEmpty()) {
      directives.add(directive(namespace, List.of(NO_DIMENSIONS), plainMetrics));
    }
    for (Metric metric : METRICS) {
      if (counts.of(metric) > 0 && metric.hasDimension()) {
        directives.add(
            directive(
                namespace,
                List.of(List.of(metric.dimension()), NO_DIMENSIONS),
                List.of(definition(metric))));
      }
    }
    Map<String, Object> metadata = new LinkedHashMap<>(4);
    metadata.put("Timestamp", timestampMillis);
    metadata.put("CloudWatchMetrics", directives);
    line.put("_aws", metadata);
    for (Metric metric : METRICS) {
      if (counts.of(metric) > 0 && metric.hasDimension()) {
        line.put(metric.dimension(), counts.dimensionValue(metric));
      }
    }
    for (Metric metric : METRICS) {
      if (counts.of(metric) > 0) {
        line.put(metric.metricName(), counts.of(metric));
      }
    }
  }

  private static Map<String, Object> directive(
      String namespace, List<Object> dimensionSets, List<Object> metrics) {
    Map<String, Object> directive = new LinkedHashMap<>(4);
    directive.put("Namespace", namespace);
    directive.put("Dimensions", dimensionSets);
    directive.put("Metrics", metrics);
    return directive;
  }

  private static Map<String, Object> definition(Metric metric) {
    Map<String, Object> definition = new LinkedHashMap<>(4);
    definition.put("Name", metric.metricName());
    definition.put("Unit", "Count");
    return definition;
  }
}
