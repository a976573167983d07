package io.github.cognitoemailotp.layer;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import io.github.cognitoemailotp.layer.gate.GateSettings;
import io.github.cognitoemailotp.layer.gate.SecondFactorPasses;
import io.github.cognitoemailotp.layer.gate.TokenIssuance;
import io.github.cognitoemailotp.layer.gate.TokenRefusal;
import io.github.cognitoemailotp.layer.gate.TokenSource;
import io.github.cognitoemailotp.layer.internal.Json;
import io.github.cognitoemailotp.layer.metrics.Metric;
import io.github.cognitoemailotp.layer.metrics.MetricCounts;
import io.github.cognitoemailotp.layer.metrics.MetricsSettings;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The token gate, a Pre Token Generation trigger (V1 event, so it works on the Lite plan): Cognito
 * asks it before it issues tokens by any path, and tokens for a gated client come only from a
 * sign-in that passed the emailed code. The decision, {@link #decide}, is:
 *
 * <ul>
 *   <li>{@code TokenGeneration_RefreshTokens}: pass (the refresh token came from a gated sign-in);
 *   <li>a client listed in {@link Setting#UNGATED_CLIENT_IDS}: pass;
 *   <li>{@code TokenGeneration_Authentication}: pass only by consuming one second-factor pass of
 *       this user for this client, which Verify recorded on a correct code ({@link
 *       SecondFactorPasses});
 *   <li>{@code TokenGeneration_NewPasswordChallenge}: refused, consuming nothing: Cognito issues
 *       these tokens right after the new password without asking Define again; the app signs in
 *       again with the new password and gets the code ({@link TokenRefusal#NEW_PASSWORD});
 *   <li>anything else, known or not: refused.
 * </ul>
 *
 * <p>A refusal, an unreadable event or a store that does not answer throws {@link
 * TriggerFailureException} with the refusal's short message: Cognito then issues no tokens and the
 * app gets {@code UserLambdaValidationException} "PreTokenGeneration failed with error
 * <i>message</i>.". A pass returns the event with its response unchanged (no claims changed).
 */
public final class TokenGate {

  /** What the gate does with an issuance before asking the store. */
  public enum Step {
    /** Let Cognito issue the tokens. */
    PASS,
    /** Let them through only if one of the user's passes for this client can be consumed. */
    CONSUME_PASS,
    /** Refuse. */
    REFUSE
  }

  /**
   * The gate's decision before the store.
   *
   * @param step what to do
   * @param refusal why it refuses ({@link Step#REFUSE}; for {@link Step#CONSUME_PASS}, the refusal
   *     when no pass is left); null when it passes
   * @param reason the log line's reason
   */
  public record Decision(Step step, TokenRefusal refusal, String reason) {}

  private final GateSettings settings;
  private final SecondFactorPasses passes;
  private final Clock clock;
  private final MetricsSettings metricsSettings;

  public TokenGate(
      GateSettings settings,
      SecondFactorPasses passes,
      Clock clock,
      MetricsSettings metricsSettings) {
    this.settings = settings;
    this.passes = passes;
    this.clock = clock;
    this.metricsSettings = metricsSettings;
  }

  /** The decision table; pure, so every row is tested without a store. */
  public static Decision decide(TokenSource source, String clientId, GateSettings settings) {
    if (source == TokenSource.REFRESH_TOKENS) {
      return new Decision(Step.PASS, null, "refresh: the refresh token came from a gated sign-in");
    }
    if (settings.ungatedClientIds().contains(clientId)) {
      return new Decision(Step.PASS, null, "the client is listed in UNGATED_CLIENT_IDS");
    }
    return switch (source) {
      case AUTHENTICATION ->
          new Decision(
              Step.CONSUME_PASS,
              TokenRefusal.NO_PASS,
              "sign-in: tokens only for a second-factor pass of this user and client");
      case NEW_PASSWORD_CHALLENGE ->
          new Decision(
              Step.REFUSE,
              TokenRefusal.NEW_PASSWORD,
              "tokens right after NEW_PASSWORD_REQUIRED come without the code");
      default ->
          new Decision(
              Step.REFUSE,
              TokenRefusal.SOURCE,
              "the source " + source + " never carries the emailed code");
    };
  }

  /**
   * Handles one event; returns the event with its response unchanged.
   *
   * @throws TriggerFailureException with the refusal's message when no tokens may be issued
   */
  public byte[] handle(byte[] eventJson, LambdaLogger logger) {
    if (KeepAlive.isPing(eventJson)) {
      return KeepAlive.answer(Trigger.TOKEN_GATE, logger);
    }
    TokenIssuance issuance = null;
    TokenRefusal refusal;
    String reason;
    try {
      issuance = TokenIssuance.parse(eventJson);
      Decision decision = decide(issuance.source(), issuance.clientId(), settings);
      reason = decision.reason();
      refusal = decision.refusal();
      if (decision.step() == Step.PASS) {
        return pass(issuance, reason, logger);
      }
      if (decision.step() == Step.CONSUME_PASS
          && passes.consume(issuance.userSub(), issuance.clientId(), clock.instant())) {
        return pass(issuance, reason + "; one pass consumed", logger);
      }
      if (decision.step() == Step.CONSUME_PASS) {
        reason = "no live second-factor pass of this user for this client";
      }
    } catch (MalformedEventException e) {
      refusal = TokenRefusal.MALFORMED;
      reason = "malformed event: " + e.getMessage();
    } catch (TriggerFailureException e) {
      refusal = TokenRefusal.UNAVAILABLE;
      reason = e.getMessage();
    } catch (RuntimeException e) {
      refusal = TokenRefusal.UNAVAILABLE;
      reason = "unexpected error: " + e.getClass().getName();
    }
    MetricCounts metrics = new MetricCounts();
    metrics.count(Metric.TOKENS_REFUSED, refusal.dimensionValue());
    DecisionLog.write(
        logger,
        LogLevel.WARN,
        Trigger.TOKEN_GATE,
        issuance == null ? null : issuance.event(),
        "REFUSED_" + refusal.name(),
        reason + sourceNote(issuance),
        metricsSettings,
        metrics);
    throw new TriggerFailureException(refusal.message());
  }

  private byte[] pass(TokenIssuance issuance, String reason, LambdaLogger logger) {
    MetricCounts metrics = new MetricCounts();
    metrics.count(Metric.TOKENS_ALLOWED);
    DecisionLog.write(
        logger,
        LogLevel.INFO,
        Trigger.TOKEN_GATE,
        issuance.event(),
        "TOKENS_ALLOWED",
        reason + sourceNote(issuance),
        metricsSettings,
        metrics);
    return unchanged(issuance.event().envelope());
  }

  /** The source and client, which are not secret, for the log line. */
  private static String sourceNote(TokenIssuance issuance) {
    return issuance == null
        ? ""
        : " (source " + issuance.source() + ", client " + issuance.clientId() + ")";
  }

  /** The event as it came, with {@code response.claimsOverrideDetails} null when absent. */
  static byte[] unchanged(Map<String, Object> envelope) {
    Map<String, Object> document = new LinkedHashMap<>(envelope);
    if (!(document.get("response") instanceof Map<?, ?>)) {
      Map<String, Object> response = new LinkedHashMap<>();
      response.put("claimsOverrideDetails", Json.NULL);
      document.put("response", response);
    }
    return Json.write(document);
  }
}
