package io.github.cognitoemailotp.layer;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import io.github.cognitoemailotp.layer.internal.Responses;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Create Auth Challenge trigger: decides the challenge with {@link IssuedChallenge}, emails a
 * new code through the {@link CodeSender} when there is one, and returns the challenge.
 *
 * <p>When it cannot issue a challenge (an unreadable event, a history Define would not continue, a
 * user without a usable address, an email that cannot be sent) it throws {@link
 * TriggerFailureException}: Cognito then fails the sign-in with that message. When the email cannot
 * be sent, that message is only the short {@link SendFailure#userMessage()}; the operator's detail
 * is in the function's log line.
 */
public final class CreateAuthChallenge {

  private final CreateSettings settings;
  private final CodeSender sender;
  private final CodeGenerator codes;
  private final Clock clock;
  private final MetricsSettings metricsSettings;

  /** With the metrics in the default namespace. */
  public CreateAuthChallenge(
      CreateSettings settings, CodeSender sender, CodeGenerator codes, Clock clock) {
    this(settings, sender, codes, clock, MetricsSettings.DEFAULT);
  }

  public CreateAuthChallenge(
      CreateSettings settings,
      CodeSender sender,
      CodeGenerator codes,
      Clock clock,
      MetricsSettings metricsSettings) {
    this.settings = settings;
    this.sender = sender;
    this.codes = codes;
    this.clock = clock;
    this.metricsSettings = metricsSettings;
  }

  /**
   * Handles one event; returns the response JSON.
   *
   * @throws TriggerFailureException when no challenge can be issued
   */
  public byte[] handle(byte[] eventJson, LambdaLogger logger) {
    if (KeepAlive.isPing(eventJson)) {
      return KeepAlive.answer(Trigger.CREATE_AUTH_CHALLENGE, logger);
    }
    TriggerEvent event = null;
    MetricCounts metrics = new MetricCounts();
    try {
      event = TriggerEvent.parse(eventJson, Trigger.CREATE_AUTH_CHALLENGE);
      IssuedChallenge challenge = issue(event);
      if (challenge.state().reason().emailsNewCode()) {
        sender.send(
            new CodeEmail(
                event.email(),
                challenge.state().code(),
                settings.codeTtl(),
                event.userAttributes().getOrDefault("locale", "")));
        metrics.count(Metric.CODES_SENT);
      }
      countResend(challenge, metrics);
      DecisionLog.write(
          logger,
          LogLevel.INFO,
          Trigger.CREATE_AUTH_CHALLENGE,
          event,
          challenge.state().reason().name(),
          challenge.resend().isPresent()
              ? "resend " + challenge.resend().get().outcome()
              : "code challenge issued",
          metricsSettings,
          metrics);
      Map<String, Object> response = new LinkedHashMap<>();
      response.put("publicChallengeParameters", challenge.publicParameters());
      response.put("privateChallengeParameters", challenge.privateParameters());
      response.put("challengeMetadata", challenge.state().toMetadata());
      return Responses.withResponse(event.envelope(), response);
    } catch (CodeNotSentException e) {
      metrics.count(Metric.SES_FAILURES, e.failure().errorClass());
      DecisionLog.write(
          logger,
          LogLevel.ERROR,
          Trigger.CREATE_AUTH_CHALLENGE,
          event,
          "FAILED",
          e.failure().name() + ": " + e.getMessage(),
          metricsSettings,
          metrics);
      throw new TriggerFailureException(e.failure().userMessage());
    } catch (MalformedEventException e) {
      throw fail(
          logger,
          event,
          "The CreateAuthChallenge event cannot be read: " + e.getMessage(),
          metrics);
    } catch (TriggerFailureException e) {
      e.countInto(metrics);
      throw fail(logger, event, e.getMessage(), metrics);
    } catch (RuntimeException e) {
      throw fail(
          logger,
          event,
          "CreateAuthChallenge failed unexpectedly ("
              + e.getClass().getName()
              + "); see the function's log",
          metrics);
    }
  }

  private static void countResend(IssuedChallenge challenge, MetricCounts metrics) {
    if (challenge.resend().isEmpty()) {
      return;
    }
    metrics.count(
        challenge.resend().get() instanceof ResendAnswer.Sent
            ? Metric.RESENDS_GRANTED
            : Metric.RESENDS_REFUSED);
  }

  private IssuedChallenge issue(TriggerEvent event) {
    DefineDecision decision = AuthFlow.decide(event, settings.flow());
    if (decision.next() != NextStep.CUSTOM_CHALLENGE) {
      throw new TriggerFailureException(
          "No code challenge can be issued for this sign-in: " + decision.reason());
    }
    return IssuedChallenge.decide(
        decision.tally(), event.resendRequested(), settings, clock.instant(), codes, event.email());
  }

  private TriggerFailureException fail(
      LambdaLogger logger, TriggerEvent event, String message, MetricCounts metrics) {
    DecisionLog.write(
        logger,
        LogLevel.ERROR,
        Trigger.CREATE_AUTH_CHALLENGE,
        event,
        "FAILED",
        message,
        metricsSettings,
        metrics);
    return new TriggerFailureException(message);
  }
}
