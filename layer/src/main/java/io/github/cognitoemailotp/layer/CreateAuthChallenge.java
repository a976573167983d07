package io.github.cognitoemailotp.layer;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import io.github.cognitoemailotp.layer.budget.BudgetSpend;
import io.github.cognitoemailotp.layer.budget.CodeEmailBudget;
import io.github.cognitoemailotp.layer.budget.CodeTally;
import io.github.cognitoemailotp.layer.device.DeviceChallenge;
import io.github.cognitoemailotp.layer.device.DevicePath;
import io.github.cognitoemailotp.layer.device.TrustedDevice;
import io.github.cognitoemailotp.layer.device.TrustedDeviceSteps;
import io.github.cognitoemailotp.layer.internal.Responses;
import io.github.cognitoemailotp.layer.lock.UserLock;
import io.github.cognitoemailotp.layer.metrics.Metric;
import io.github.cognitoemailotp.layer.metrics.MetricCounts;
import io.github.cognitoemailotp.layer.metrics.MetricsSettings;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Create Auth Challenge trigger: decides the challenge with {@link IssuedChallenge}, spends one
 * email of the user's {@link CodeEmailBudget} and emails a new code through the {@link CodeSender}
 * when there is one, and returns the challenge.
 *
 * <p>A locked user ({@link UserLock}) is emailed nothing, whatever the budgets say: a challenge
 * that would email a code fails the sign-in with {@link UserLock#LOCKED_MESSAGE} before the budget
 * is spent. A lock store that cannot answer fails the sign-in too.
 *
 * <p>A spent budget sends nothing: a first or renewed code fails the sign-in with a message the app
 * can show (too many codes, when to try again); a resend is refused like one over MAX_RESENDS, the
 * code in force staying. Either is counted as {@link Metric#CODE_EMAILS_REFUSED}. A budget store
 * that cannot answer fails the sign-in (fail closed).
 *
 * <p>When it cannot issue a challenge (an unreadable event, a history Define would not continue, a
 * user without a usable address, an email that cannot be sent) it throws {@link
 * TriggerFailureException}: Cognito then fails the sign-in with that message. When the email cannot
 * be sent, that message is only the short {@link SendFailure#userMessage()}; the operator's detail
 * is in the function's log line.
 */
public final class CreateAuthChallenge {

  private final UserLock lock;
  private final CreateSettings settings;
  private final CodeSender sender;
  private final CodeEmailBudget budget;
  private final CodeGenerator codes;
  private final Clock clock;
  private final MetricsSettings metricsSettings;
  private final TrustedDeviceSteps devices;

  /** With the metrics in the default namespace. */
  public CreateAuthChallenge(
      UserLock lock,
      CreateSettings settings,
      CodeSender sender,
      CodeEmailBudget budget,
      CodeGenerator codes,
      Clock clock) {
    this(lock, settings, sender, budget, codes, clock, MetricsSettings.DEFAULT);
  }

  /**
   * @param lock the users' locks: a locked user is emailed nothing
   * @param budget the users' code-email budgets
   */
  public CreateAuthChallenge(
      UserLock lock,
      CreateSettings settings,
      CodeSender sender,
      CodeEmailBudget budget,
      CodeGenerator codes,
      Clock clock,
      MetricsSettings metricsSettings) {
    this(lock, settings, sender, budget, codes, clock, metricsSettings, TrustedDeviceSteps.OFF);
  }

  /** With trusted devices ({@link TrustedDeviceSteps}). */
  public CreateAuthChallenge(
      UserLock lock,
      CreateSettings settings,
      CodeSender sender,
      CodeEmailBudget budget,
      CodeGenerator codes,
      Clock clock,
      MetricsSettings metricsSettings,
      TrustedDeviceSteps devices) {
    this.devices = devices;
    this.lock = lock;
    this.settings = settings;
    this.sender = sender;
    this.budget = budget;
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
      Instant now = clock.instant();
      DefineDecision decision = AuthFlow.decide(event, settings.flow(), now);
      if (decision.next() != NextStep.CUSTOM_CHALLENGE) {
        throw new TriggerFailureException(
            "No code challenge can be issued for this sign-in: " + decision.reason());
      }
      DevicePath.Decision path = devices.path(event, now);
      if (path instanceof DevicePath.UseDevice device) {
        refuseIfLocked(event); // a locked user's device stands in for nothing either
        return deviceChallenge(event, device.device(), now, logger, metrics);
      }
      IssuedChallenge challenge =
          IssuedChallenge.decide(
              decision.tally(), event.resendRequested(), settings, now, codes, event.email());
      if (challenge.state().reason().emailsNewCode()) {
        refuseIfLocked(event);
        challenge = spendBudget(event, decision.tally(), challenge, now, metrics);
      }
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
          (challenge.resend().isPresent()
                  ? "resend " + challenge.resend().get().outcome()
                  : "code challenge issued")
              + (path instanceof DevicePath.Email email
                      && email.reason() != DevicePath.EmailReason.NOT_ASKED
                  ? "; " + email.reason().description()
                  : ""),
          metricsSettings,
          metrics);
      Map<String, String> registration = devices.codeChallengeParameters();
      Map<String, String> publicParameters = new LinkedHashMap<>(challenge.publicParameters());
      publicParameters.putAll(registration);
      if (path instanceof DevicePath.Email email) {
        publicParameters.putAll(email.publicParameters());
      }
      Map<String, String> privateParameters = new LinkedHashMap<>(challenge.privateParameters());
      privateParameters.putAll(registration);
      Map<String, Object> response = new LinkedHashMap<>();
      response.put("publicChallengeParameters", publicParameters);
      response.put("privateChallengeParameters", privateParameters);
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
    } catch (Locked e) {
      DecisionLog.write(
          logger,
          LogLevel.WARN,
          Trigger.CREATE_AUTH_CHALLENGE,
          event,
          LOCKED,
          e.getMessage(),
          metricsSettings,
          metrics);
      throw new TriggerFailureException(UserLock.LOCKED_MESSAGE);
    } catch (BudgetSpent e) {
      DecisionLog.write(
          logger,
          LogLevel.WARN,
          Trigger.CREATE_AUTH_CHALLENGE,
          event,
          BUDGET_REFUSED,
          e.getMessage(),
          metricsSettings,
          metrics);
      throw new TriggerFailureException(e.getMessage());
    } catch (MalformedEventException e) {
      throw fail(
          logger,
          event,
          "The CreateAuthChallenge event cannot be read: " + e.getMessage(),
          metrics);
    } catch (TriggerFailureException e) {
      e.countInto(metrics);
      fail(logger, event, e.operatorDetail(), metrics);
      throw new TriggerFailureException(e.getMessage());
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

  /** A trusted device's challenge instead of a code: a fresh nonce to sign, no email, no budget. */
  private byte[] deviceChallenge(
      TriggerEvent event,
      TrustedDevice device,
      Instant now,
      LambdaLogger logger,
      MetricCounts metrics) {
    DeviceChallenge challenge = DeviceChallenge.issue(device, now, new SecureRandom());
    DecisionLog.write(
        logger,
        LogLevel.INFO,
        Trigger.CREATE_AUTH_CHALLENGE,
        event,
        DeviceChallenge.KIND,
        "trusted device " + device.deviceId() + " asked to sign; no email",
        metricsSettings,
        metrics);
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("publicChallengeParameters", challenge.publicParameters());
    response.put("privateChallengeParameters", challenge.privateParameters());
    response.put("challengeMetadata", challenge.toMetadata());
    return Responses.withResponse(event.envelope(), response);
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

  /**
   * Spends one email of the user's budget for {@code challenge}, which emails a new code. Returns
   * it when granted, the resend refused when a granted resend is over budget; throws for a first or
   * renewed code over budget, and when the store cannot answer.
   */
  private IssuedChallenge spendBudget(
      TriggerEvent event,
      CodeTally tally,
      IssuedChallenge challenge,
      Instant now,
      MetricCounts metrics) {
    String sub = event.userAttributes().getOrDefault("sub", "").strip();
    if (sub.isEmpty()) {
      throw new TriggerFailureException(
          "The event has no sub user attribute, so the user's code-email budget cannot be"
              + " checked; no code was sent");
    }
    BudgetSpend spend = budget.spend(sub, now);
    if (spend.granted()) {
      return challenge;
    }
    metrics.count(Metric.CODE_EMAILS_REFUSED, spend.budgetName());
    if (challenge.state().reason() == IssueReason.RESEND) {
      return challenge.refusedByBudget(tally.codeInForce().orElseThrow(), spend, now);
    }
    throw new BudgetSpent(spend.message(now) + " (" + spend.limit() + ")");
  }

  /**
   * Throws {@link Locked} when the user is locked; {@link TriggerFailureException} when the lock
   * store cannot say, or the event names no user.
   */
  private void refuseIfLocked(TriggerEvent event) {
    String sub = event.userAttributes().getOrDefault("sub", "").strip();
    if (sub.isEmpty()) {
      throw new TriggerFailureException(
          "The event has no sub user attribute, so the user's lock cannot be checked; no code was"
              + " sent");
    }
    Optional<Instant> since;
    try {
      since = lock.lockedSince(sub);
    } catch (TriggerFailureException e) {
      // The app is told only to try again; the store's detail (its table, why) goes to the log.
      throw new TriggerFailureException(LOCK_UNKNOWN, e.getMessage(), e);
    }
    if (since.isPresent()) {
      throw new Locked(
          "the user is locked since "
              + since.get()
              + " after too many wrong codes in a row; no code was sent");
    }
  }

  /** What the app is told when the lock store cannot say whether the user is locked. */
  static final String LOCK_UNKNOWN = "The sign-in code could not be sent. Try again in a moment";

  /** The log outcome of a sign-in refused because the user is locked. */
  static final String LOCKED = "USER_LOCKED";

  /** A locked user: the sign-in fails with {@link UserLock#LOCKED_MESSAGE}. */
  private static final class Locked extends RuntimeException {
    Locked(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * The log outcome of a first or renewed code refused by the budget (a refused resend logs {@code
   * RESEND_REFUSED} with reason {@code resend REFUSED_BUDGET}).
   */
  static final String BUDGET_REFUSED = "CODE_EMAIL_REFUSED";

  /** A first or renewed code over budget: the sign-in fails with this message. */
  private static final class BudgetSpent extends RuntimeException {
    BudgetSpent(String message) {
      super(message, null, false, false);
    }
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
