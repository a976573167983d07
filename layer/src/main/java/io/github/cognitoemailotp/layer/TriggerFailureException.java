package io.github.cognitoemailotp.layer;

import io.github.cognitoemailotp.layer.metrics.Metric;
import io.github.cognitoemailotp.layer.metrics.MetricCounts;

/**
 * A trigger cannot go on. Thrown out of the handler on purpose: Cognito then fails the API call
 * with {@code UserLambdaValidationException} and this message, so it must say what happened and
 * what to fix, and never carry a code.
 *
 * <p>A failure that is a metric (an SES failure by its error class, a spent code-email budget)
 * carries it; the trigger counts it in its decision line ({@link #countInto(MetricCounts)}).
 */
public final class TriggerFailureException extends RuntimeException {

  private final Metric metric;
  private final String dimensionValue;
  private final String operatorDetail;

  public TriggerFailureException(String message) {
    this(message, null, null, "");
  }

  public TriggerFailureException(String message, Throwable cause) {
    this(message, cause, null, "");
  }

  /**
   * A failure counted as {@code metric} with {@code dimensionValue} (a word from a closed set, see
   * {@link MetricCounts#count(Metric, String)}), for example {@code (message, Metric.SES_FAILURES,
   * "MessageRejected")}.
   */
  public TriggerFailureException(String message, Metric metric, String dimensionValue) {
    this(message, null, metric, dimensionValue);
  }

  public TriggerFailureException(
      String message, Throwable cause, Metric metric, String dimensionValue) {
    super(message, cause);
    this.metric = metric;
    this.dimensionValue = dimensionValue;
    this.operatorDetail = message;
  }

  /**
   * A failure whose {@code message} (what the app shows) is short and names nothing internal, and
   * whose {@code operatorDetail} (what failed, which resource, what to fix) goes only to the
   * function's log.
   */
  public TriggerFailureException(String message, String operatorDetail, Throwable cause) {
    super(message, cause);
    this.metric = null;
    this.dimensionValue = "";
    this.operatorDetail = operatorDetail;
  }

  /** What the function's log says about this failure: its detail, or else its message. */
  public String operatorDetail() {
    return operatorDetail;
  }

  /** Counts this failure's metric, if it has one. */
  public void countInto(MetricCounts counts) {
    if (metric == null) {
      return;
    }
    if (metric.hasDimension()) {
      counts.count(metric, dimensionValue);
    } else {
      counts.count(metric);
    }
  }
}
