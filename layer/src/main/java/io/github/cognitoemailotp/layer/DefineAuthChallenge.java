package io.github.cognitoemailotp.layer;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import io.github.cognitoemailotp.layer.internal.Responses;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Define Auth Challenge trigger: reads the event, applies {@link AuthFlow}, writes the response
 * and one log line. It never throws: anything unexpected fails authentication.
 */
public final class DefineAuthChallenge {

  private final FlowSettings settings;

  public DefineAuthChallenge(FlowSettings settings) {
    this.settings = settings;
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
      decision = AuthFlow.decide(event, settings);
    } catch (MalformedEventException e) {
      decision = DefineDecision.fail("malformed event: " + e.getMessage());
    } catch (RuntimeException e) {
      decision = DefineDecision.fail("unexpected error: " + e.getClass().getName());
    }
    LogLevel level =
        decision.next() == NextStep.FAIL_AUTHENTICATION ? LogLevel.WARN : LogLevel.INFO;
    DecisionLog.write(
        logger,
        level,
        Trigger.DEFINE_AUTH_CHALLENGE,
        event,
        decision.next().name(),
        decision.reason());
    return Responses.withResponse(event == null ? Map.of() : event.envelope(), response(decision));
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
