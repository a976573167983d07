package io.github.cognitoemailotp.layer;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import io.github.cognitoemailotp.layer.internal.Responses;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * The Verify Auth Challenge trigger: applies {@link AnswerCheck}, and on a correct answer records a
 * second-factor pass for the token gate ({@link SecondFactorPasses}, {@link TokenGate}). An event
 * it cannot read is a wrong answer.
 *
 * <p>It throws only when a correct answer's pass cannot be recorded (the store is down or slow, or
 * the event names no user or client): fail closed. Answering "correct" without a pass would let
 * Define count a success that the gate then refuses; answering "wrong" would spend one of the
 * user's attempts on an outage and count a wrong code that was right. Throwing ends the sign-in
 * here with a message that says to sign in again, and Cognito issues nothing.
 */
public final class VerifyAuthChallenge {

  /** What the app is told when a correct answer's pass cannot be recorded. */
  public static final String NOT_RECORDED =
      "The code was right, but the sign-in could not be completed. Sign in again in a moment.";

  private final Clock clock;
  private final MetricsSettings metricsSettings;
  private final SecondFactorPasses passes;

  /** With the metrics in the default namespace. */
  public VerifyAuthChallenge(Clock clock, SecondFactorPasses passes) {
    this(clock, MetricsSettings.DEFAULT, passes);
  }

  public VerifyAuthChallenge(
      Clock clock, MetricsSettings metricsSettings, SecondFactorPasses passes) {
    this.clock = clock;
    this.metricsSettings = metricsSettings;
    this.passes = passes;
  }

  /**
   * Handles one event; returns the response JSON.
   *
   * @throws TriggerFailureException when the answer is correct and its pass cannot be recorded
   */
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
      Instant now = clock.instant();
      correct =
          AnswerCheck.isCorrect(
              event.challengeAnswer(),
              event.privateChallengeParameters(),
              event.resendRequested(),
              now);
      if (correct) {
        recordPass(event, now, logger);
      }
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
    } catch (TriggerFailureException e) {
      throw e; // only recordPass throws it: the pass of a correct answer was not recorded
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

  /**
   * Records the pass of a correct answer, bound to the user's {@code sub} and the sign-in's app
   * client; when it cannot, logs why and throws (see the class comment).
   */
  private void recordPass(TriggerEvent event, Instant now, LambdaLogger logger) {
    String why;
    try {
      String sub = event.userAttributes().getOrDefault("sub", "");
      String clientId = clientId(event);
      if (sub.isEmpty() || clientId.isEmpty()) {
        why = "the event names no user sub or no callerContext.clientId";
      } else {
        passes.record(sub, clientId, now);
        return;
      }
    } catch (TriggerFailureException e) {
      why = e.getMessage();
    } catch (RuntimeException e) {
      why = "unexpected error: " + e.getClass().getName();
    }
    DecisionLog.write(
        logger,
        LogLevel.ERROR,
        Trigger.VERIFY_AUTH_CHALLENGE,
        event,
        "PASS_NOT_RECORDED",
        "the code matches, but its second-factor pass was not recorded: " + why,
        metricsSettings,
        new MetricCounts());
    throw new TriggerFailureException(NOT_RECORDED);
  }

  /** {@code callerContext.clientId}, or empty. */
  static String clientId(TriggerEvent event) {
    return event.envelope().get("callerContext") instanceof Map<?, ?> caller
            && caller.get("clientId") instanceof String clientId
        ? clientId
        : "";
  }
}
