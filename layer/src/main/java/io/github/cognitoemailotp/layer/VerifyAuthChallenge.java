package io.github.cognitoemailotp.layer;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import io.github.cognitoemailotp.layer.internal.Responses;
import java.time.Clock;
import java.util.Map;

/**
 * The Verify Auth Challenge trigger: applies {@link AnswerCheck}. It never throws: an event it
 * cannot read is a wrong answer.
 */
public final class VerifyAuthChallenge {

  private final Clock clock;
  private final MetricsSettings metricsSettings;

  /** With the metrics in the default namespace. */
  public VerifyAuthChallenge(Clock clock) {
    this(clock, MetricsSettings.DEFAULT);
  }

  public VerifyAuthChallenge(Clock clock, MetricsSettings metricsSettings) {
    this.clock = clock;
    this.metricsSettings = metricsSettings;
  }

  /** Handles one event; returns the response JSON. */
  public byte[] handle(byte[] eventJson, LambdaLogger logger) {
    if (KeepAlive.isPing(eventJson)) {
      return KeepAlive.answer(Trigger.VERIFY_AUTH_CHALLENGE, logger);
    }
    TriggerEvent event = null;
    boolean correct = false;
    MetricCounts metrics = new MetricCounts();
    String reason;
    try {
      event = TriggerEvent.parse(eventJson, Trigger.VERIFY_AUTH_CHALLENGE);
      correct =
          AnswerCheck.isCorrect(
              event.challengeAnswer(),
              event.privateChallengeParameters(),
              event.resendRequested(),
              clock.instant());
      // The one home of WrongCodes: Verify judged the answer, Define does not count it again.
      if (!correct && !event.resendRequested()) {
        metrics.count(Metric.WRONG_CODES);
      }
      reason =
          correct
              ? "the code matches"
              : event.resendRequested()
                  ? "a new code was asked for; the answer was not compared"
                  : "the answer is wrong, the code expired, or the challenge holds no code";
    } catch (MalformedEventException e) {
      reason = "malformed event: " + e.getMessage();
    } catch (RuntimeException e) {
      reason = "unexpected error: " + e.getClass().getName();
    }
    DecisionLog.write(
        logger,
        event == null ? LogLevel.WARN : LogLevel.INFO,
        Trigger.VERIFY_AUTH_CHALLENGE,
        event,
        correct ? "ANSWER_CORRECT" : "ANSWER_WRONG",
        reason,
        metricsSettings,
        metrics);
    return Responses.withResponse(
        event == null ? Map.of() : event.envelope(), Map.of("answerCorrect", correct));
  }
}
