package io.github.cognitoemailotp.layer;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import io.github.cognitoemailotp.layer.internal.Responses;
import io.github.cognitoemailotp.layer.internal.UtcClock;
import io.github.cognitoemailotp.layer.metrics.Metric;
import io.github.cognitoemailotp.layer.metrics.MetricCounts;
import io.github.cognitoemailotp.layer.metrics.MetricsSettings;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Define Auth Challenge trigger: reads the event, applies {@link AuthFlow}, writes the response
 * and one log line. It never throws: anything unexpected fails authentication.
 */
public final class DefineAuthChallenge {

  private final FlowSettings settings;
  private final MetricsSettings metricsSettings;
  private final Clock clock;

  /** With the metrics in the default namespace and the system clock. */
  public DefineAuthChallenge(FlowSettings settings) {
    this(settings, MetricsSettings.DEFAULT);
  }

  public DefineAuthChallenge(FlowSettings settings, MetricsSettings metricsSettings) {
    this(settings, metricsSettings, UtcClock.INSTANCE);
  }

  /** With {@code clock} for the end of a sign-in ({@link SignInLifetime}). */
  public DefineAuthChallenge(FlowSettings settings, Clock clock) {
    this(settings, MetricsSettings.DEFAULT, clock);
  }

  public DefineAuthChallenge(FlowSettings settings, MetricsSettings metricsSettings, Clock clock) {
    this.settings = settings;
    this.metricsSettings = metricsSettings;
    this.clock = clock;
  }

  /** Handles one event; returns the response JSON. */
  public byte[] handle(byte[] eventJson, LambdaLogger logger) {
    if (KeepAlive.isPing(eventJson)) {
      return KeepAlive.answer(Trigger.DEFINE_AUTH_CHALLENGE, logger);
    }
    TriggerEvent event = null;
    DefineDecision decision;
    try {
      event = TriggerEvent.parse(eventJson, Trigger.DEFINE_AUTH_CHALLENGE);
      decision = AuthFlow.decide(event, settings, clock.instant());
    } catch (MalformedEventException e) {
      decision = DefineDecision.fail(SignInFailure.MALFORMED, "malformed event: " + e.getMessage());
    } catch (RuntimeException e) {
      decision =
          DefineDecision.fail(
              SignInFailure.UNEXPECTED, "unexpected error: " + e.getClass().getName());
    }
    LogLevel level =
        decision.next() == NextStep.FAIL_AUTHENTICATION ? LogLevel.WARN : LogLevel.INFO;
    DecisionLog.write(
        logger,
        level,
        Trigger.DEFINE_AUTH_CHALLENGE,
        event,
        decision.next().name(),
        decision.reason(),
        metricsSettings,
        metrics(decision));
    return Responses.withResponse(event == null ? Map.of() : event.envelope(), response(decision));
  }

  /** SignInsSucceeded when tokens are issued, SignInsFailed with its reason when not. */
  static MetricCounts metrics(DefineDecision decision) {
    MetricCounts metrics = new MetricCounts();
    if (decision.next() == NextStep.ISSUE_TOKENS) {
      metrics.count(Metric.SIGN_INS_SUCCEEDED);
    }
    // An if, not Optional.ifPresent: a lambda's first use costs a cold start its bootstrap.
    if (decision.failure().isPresent()) {
      metrics.count(Metric.SIGN_INS_FAILED, decision.failure().get().dimensionValue());
    }
    return metrics;
  }

  private static Map<String, Object> response(DefineDecision decision) {
    Map<String, Object> response = new LinkedHashMap<>();
    switch (decision.next()) {
      case PASSWORD_VERIFIER, CUSTOM_CHALLENGE -> {
        response.put("challengeName", decision.next().name());
        response.put("issueTokens", false);
        response.put("failAuthentication", false);
      }
      case ISSUE_TOKENS -> {
        response.put("issueTokens", true);
        response.put("failAuthentication", false);
      }
      case FAIL_AUTHENTICATION -> {
        response.put("issueTokens", false);
        response.put("failAuthentication", true);
      }
    }
    return response;
  }
}
