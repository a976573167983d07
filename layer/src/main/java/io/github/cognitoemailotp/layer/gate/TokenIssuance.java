package io.github.cognitoemailotp.layer.gate;

import io.github.cognitoemailotp.layer.MalformedEventException;
import io.github.cognitoemailotp.layer.Trigger;
import io.github.cognitoemailotp.layer.TriggerEvent;
import java.util.Map;

/**
 * A Pre Token Generation event, as the token gate reads it.
 *
 * @param event the event (its envelope is echoed back; its pool and address go in the log line)
 * @param source why Cognito is about to issue tokens
 * @param clientId the app client the tokens are for ({@code callerContext.clientId})
 * @param userSub the user's {@code sub} ({@code request.userAttributes.sub})
 */
public record TokenIssuance(
    TriggerEvent event, TokenSource source, String clientId, String userSub) {

  /**
   * Reads a Pre Token Generation event.
   *
   * @throws MalformedEventException when it is not one, or its client id or {@code sub} is missing
   *     or not a string
   */
  public static TokenIssuance parse(byte[] json) throws MalformedEventException {
    TriggerEvent event = TriggerEvent.parse(json, Trigger.TOKEN_GATE);
    Map<String, Object> envelope = event.envelope();
    Object callerContext = envelope.get("callerContext");
    if (!(callerContext instanceof Map<?, ?> caller)) {
      throw new MalformedEventException("callerContext is missing or not an object");
    }
    if (!(caller.get("clientId") instanceof String clientId) || clientId.isEmpty()) {
      throw new MalformedEventException("callerContext.clientId is missing or not a string");
    }
    String sub = event.userAttributes().getOrDefault("sub", "");
    if (sub.isEmpty()) {
      throw new MalformedEventException("request.userAttributes.sub is missing");
    }
    return new TokenIssuance(
        event, TokenSource.of((String) envelope.get("triggerSource")), clientId, sub);
  }
}
