package io.github.cognitoemailotp.client.user;

import io.github.cognitoemailotp.layer.metrics.Metric;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * Counts an operator's unlock as {@code UsersUnlocked}, with {@code PutMetricData}, in the stack's
 * metrics namespace and as the functions' Embedded Metric Format publishes a metric without a
 * dimension (the layer's {@code EmbeddedMetrics}): no dimensions, unit {@code Count}, value 1. The
 * functions count their own unlocks (a password reset) in their decision lines; an operator's
 * command has no such line, so it makes the one API call.
 */
public final class UnlockMetric {

  /** The metric's name: the layer's, which the Post Confirmation trigger counts its unlocks as. */
  public static final String USERS_UNLOCKED = Metric.USERS_UNLOCKED.metricName();

  static {
    // Published as the functions publish it: without a dimension (one name, one meaning).
    if (Metric.USERS_UNLOCKED.hasDimension()) {
      throw new IllegalStateException("UsersUnlocked has a dimension this command does not send");
    }
  }

  private final CloudWatchClient cloudWatch;

  public UnlockMetric(CloudWatchClient cloudWatch) {
    this.cloudWatch = cloudWatch;
  }

  /**
   * Puts one {@code UsersUnlocked} at {@code now} in {@code namespace}.
   *
   * @return empty when CloudWatch took it, else why not (never throws: the unlock is done either
   *     way and must not look undone)
   */
  public Optional<String> count(String namespace, Instant now) {
    try {
      cloudWatch.putMetricData(
          r ->
              r.namespace(namespace)
                  .metricData(
                      d ->
                          d.metricName(USERS_UNLOCKED)
                              .unit(StandardUnit.COUNT)
                              .value(1.0)
                              .timestamp(now)));
      return Optional.empty();
    } catch (AwsServiceException e) {
      return Optional.of(
          "CloudWatch refused it"
              + (e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
                  ? " (HTTP " + e.statusCode() + ")"
                  : ": "
                      + e.awsErrorDetails().errorCode()
                      + " (these credentials need cloudwatch:PutMetricData)"));
    } catch (SdkException e) {
      return Optional.of("CloudWatch could not be reached: " + e.getMessage());
    }
  }
}
