package io.github.cognitoemailotp.layer.metrics;

import io.github.cognitoemailotp.layer.DecisionLog;

/**
 * The metrics one invocation counts, written with its decision line ({@link DecisionLog}). A
 * trigger makes one per invocation; it is not thread-safe and not meant to be shared.
 *
 * <p>A metric with a dimension carries one dimension value per invocation (a log line can hold only
 * one value per dimension name).
 */
public final class MetricCounts {

  /**
   * What a dimension value may be: a short word of ASCII letters and digits, such as {@code
   * WrongCodes} or {@code MessageRejected}. An address, with its {@code @}, can never be one.
   */
  public static final int LONGEST_DIMENSION_VALUE = 64;

  /** What a value that is not such a word becomes. */
  public static final String OTHER = "Other";

  private static final Metric[] METRICS = Metric.values();

  private final int[] counts = new int[METRICS.length];
  private final String[] dimensionValues = new String[METRICS.length];
  private boolean anyCounted;

  /** Counts one of a metric without a dimension. */
  public void count(Metric metric) {
    if (metric.hasDimension()) {
      throw new IllegalArgumentException(
          metric.metricName() + " needs a " + metric.dimension() + " value");
    }
    add(metric, "");
  }

  /**
   * Counts one of a metric with a dimension. The value must come from a closed set (an enum's
   * words, an SES error class): anything that is not 1 to {@value #LONGEST_DIMENSION_VALUE} ASCII
   * letters and digits, starting with a letter, is counted as {@value #OTHER}, so that no dimension
   * ever holds an address.
   *
   * @throws IllegalArgumentException when the metric has no dimension, or was already counted with
   *     another value in this invocation
   */
  public void count(Metric metric, String dimensionValue) {
    if (!metric.hasDimension()) {
      throw new IllegalArgumentException(metric.metricName() + " has no dimension");
    }
    String value = isWord(dimensionValue) ? dimensionValue : OTHER;
    String earlier = dimensionValues[metric.ordinal()];
    if (earlier != null && !earlier.equals(value)) {
      throw new IllegalArgumentException(
          metric.metricName() + " was already counted with " + metric.dimension() + " " + earlier);
    }
    add(metric, value);
  }

  private void add(Metric metric, String dimensionValue) {
    anyCounted = true;
    counts[metric.ordinal()]++;
    dimensionValues[metric.ordinal()] = dimensionValue;
  }

  /** How many of {@code metric} this invocation counted. */
  public int of(Metric metric) {
    return counts[metric.ordinal()];
  }

  /** The dimension value {@code metric} was counted with; empty when none. */
  public String dimensionValue(Metric metric) {
    String value = dimensionValues[metric.ordinal()];
    return value == null ? "" : value;
  }

  /** Whether nothing was counted. */
  public boolean isEmpty() {
    return !anyCounted;
  }

  public static boolean isWord(String value) {
    if (value == null || value.isEmpty() || value.length() > LONGEST_DIMENSION_VALUE) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
      boolean digit = c >= '0' && c <= '9';
      if (!letter && !(digit && i > 0)) {
        return false;
      }
    }
    return true;
  }
}
