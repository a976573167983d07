package io.github.cognitoemailotp.layer;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import io.github.cognitoemailotp.layer.device.DeviceChallenge;
import io.github.cognitoemailotp.layer.device.TrustedDeviceSteps;
import io.github.cognitoemailotp.layer.gate.SecondFactorPasses;
import io.github.cognitoemailotp.layer.internal.Responses;
import io.github.cognitoemailotp.layer.lock.LockNotice;
import io.github.cognitoemailotp.layer.lock.LockNoticeSender;
import io.github.cognitoemailotp.layer.lock.LockSettings;
import io.github.cognitoemailotp.layer.lock.UserLock;
import io.github.cognitoemailotp.layer.lock.WrongCodeCount;
import io.github.cognitoemailotp.layer.metrics.Metric;
import io.github.cognitoemailotp.layer.metrics.MetricCounts;
import io.github.cognitoemailotp.layer.metrics.MetricsSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The Verify Auth Challenge trigger: applies {@link AnswerCheck}; counts each wrong code in the
 * user's {@link UserLock}, which locks the user at {@link LockSettings#maxConsecutiveWrongCodes()}
 * wrong codes in a row and emails them a {@link LockNotice} once; and on a correct answer clears
 * the count and records a second-factor pass for the token gate ({@link SecondFactorPasses}, {@link
 * TokenGate}). An event it cannot read is a wrong answer (one without a {@code sub} is not counted:
 * Create emails no code without one, so there is nothing to guess).
 *
 * <p>It throws {@link TriggerFailureException}, which ends the sign-in with its message and lets
 * Cognito issue nothing, when:
 *
 * <ul>
 *   <li>the user is locked, or this wrong code locks them ({@link UserLock#LOCKED_MESSAGE}): a
 *       correct code typed after the limit gets nothing;
 *   <li>a correct answer's pass cannot be recorded or its lock state cannot be read ({@link
 *       #NOT_RECORDED}): answering "correct" without a pass would let Define count a success the
 *       gate refuses, and answering "wrong" would count a right code as wrong;
 *   <li>a wrong answer cannot be counted ({@link #NOT_COUNTED}): fail closed, a store that is down
 *       locks nobody and lets nobody guess uncounted.
 * </ul>
 */
public final class VerifyAuthChallenge {

  /** What the app is told when a correct answer's pass cannot be recorded. */
  public static final String NOT_RECORDED =
      "The code was right, but the sign-in could not be completed. Sign in again in a moment.";

  /** What the app is told when a wrong answer cannot be counted. */
  public static final String NOT_COUNTED =
      "The code was wrong, and the sign-in cannot go on right now. Sign in again in a moment.";

  private final Clock clock;
  private final MetricsSettings metricsSettings;
  private final SecondFactorPasses passes;
  private final UserLock lock;
  private final LockSettings lockSettings;
  private final LockNoticeSender notices;
  private final TrustedDeviceSteps devices;

  /**
   * @param passes where a correct answer leaves its pass for the token gate
   * @param lock the users' consecutive wrong codes and locks
   * @param lockSettings the lock's limit and the way back the lock email names
   * @param notices sends the lock email
   */
  public VerifyAuthChallenge(
      Clock clock,
      MetricsSettings metricsSettings,
      SecondFactorPasses passes,
      UserLock lock,
      LockSettings lockSettings,
      LockNoticeSender notices) {
    this(clock, metricsSettings, passes, lock, lockSettings, notices, TrustedDeviceSteps.OFF);
  }

  /**
   * With trusted devices ({@link TrustedDeviceSteps}): a device challenge's answer is checked
   * there, a correct one admitted as a correct code is, a wrong signature counted as a wrong code;
   * a correct code that asks to trust the device registers it.
   */
  public VerifyAuthChallenge(
      Clock clock,
      MetricsSettings metricsSettings,
      SecondFactorPasses passes,
      UserLock lock,
      LockSettings lockSettings,
      LockNoticeSender notices,
      TrustedDeviceSteps devices) {
    this.devices = devices;
    this.clock = clock;
    this.metricsSettings = metricsSettings;
    this.passes = passes;
    this.lock = lock;
    this.lockSettings = lockSettings;
    this.notices = notices;
  }

  /**
   * Handles one event; returns the response JSON.
   *
   * @throws TriggerFailureException when the sign-in must end here (see the class comment)
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
      if (DeviceChallenge.isDeviceChallenge(event.privateChallengeParameters())) {
        TrustedDeviceSteps.ProofVerdict verdict = devices.verifyProof(event, now, metrics);
        correct = verdict.correct();
        if (correct) {
          admit(event, now, logger);
          metrics.count(Metric.DEVICE_SIGN_INS);
          String forget =
              devices.forgetAfterCorrectAnswer(
                  event,
                  Optional.of(
                      event
                          .privateChallengeParameters()
                          .getOrDefault(DeviceChallenge.DEVICE_ID, "")),
                  metrics);
          reason = verdict.reason() + (forget.isEmpty() ? "" : "; " + forget);
        } else if (verdict.countsAsWrongCode()) {
          metrics.count(Metric.WRONG_CODES);
          WrongCodeCount count = countWrong(event, now, logger, metrics);
          reason =
              verdict.reason()
                  + "; wrong code "
                  + count.wrongCodes()
                  + " of "
                  + lockSettings.maxConsecutiveWrongCodes()
                  + " in a row";
        } else {
          reason = verdict.reason();
        }
      } else {
        correct =
            AnswerCheck.isCorrect(
                event.challengeAnswer(),
                event.privateChallengeParameters(),
                event.resendRequested(),
                now);
        reason = codeAnswer(event, correct, now, logger, metrics);
      }
    } catch (MalformedEventException e) {
      reason = "malformed event: " + e.getMessage();
    } catch (SignInEnds e) {
      throw e.failure; // admit or countWrong logged why the sign-in ends here
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

  /** A code challenge's answer: admitted, a resend request, or a wrong code counted. */
  private String codeAnswer(
      TriggerEvent event, boolean correct, Instant now, LambdaLogger logger, MetricCounts metrics)
      throws MalformedEventException {
    String reason;
    if (correct) {
      admit(event, now, logger);
      String registration = devices.registerAfterCorrectCode(event, now, metrics);
      String forget = devices.forgetAfterCorrectAnswer(event, Optional.empty(), metrics);
      reason =
          "the code matches"
              + (registration.isEmpty() ? "" : "; " + registration)
              + (forget.isEmpty() ? "" : "; " + forget);
    } else if (event.resendRequested()) {
      reason = "a new code was asked for; the answer was not compared";
    } else {
      // The one home of WrongCodes: Verify judged the answer, Define does not count it again.
      metrics.count(Metric.WRONG_CODES);
      WrongCodeCount count = countWrong(event, now, logger, metrics);
      reason =
          "the answer is wrong, the code expired, or the challenge holds no code; wrong code "
              + count.wrongCodes()
              + " of "
              + lockSettings.maxConsecutiveWrongCodes()
              + " in a row";
    }
    return reason;
  }

  /**
   * A correct answer: clears the user's wrong-code count and records the pass, bound to the user's
   * {@code sub} and the sign-in's app client. When the user is locked, or either store cannot
   * answer, logs why and throws (see the class comment).
   */
  private void admit(TriggerEvent event, Instant now, LambdaLogger logger) {
    String why;
    try {
      String sub = sub(event);
      String clientId = clientId(event);
      if (sub.isEmpty() || clientId.isEmpty()) {
        why = "the event names no user sub or no callerContext.clientId";
      } else if (!lock.clearAfterCorrect(sub)) {
        throw end(
            logger,
            LogLevel.WARN,
            event,
            "USER_LOCKED",
            "the code matches, but the user is locked; it does not count",
            new MetricCounts(),
            UserLock.LOCKED_MESSAGE);
      } else {
        passes.record(sub, clientId, now);
        return;
      }
    } catch (SignInEnds e) {
      throw e;
    } catch (TriggerFailureException e) {
      why = e.getMessage();
    } catch (RuntimeException e) {
      why = "unexpected error: " + e.getClass().getName();
    }
    throw end(
        logger,
        LogLevel.ERROR,
        event,
        "PASS_NOT_RECORDED",
        "the code matches, but its second-factor pass was not recorded: " + why,
        new MetricCounts(),
        NOT_RECORDED);
  }

  /**
   * A wrong answer: counts it in the user's lock. Returns the count when the user is not locked;
   * when this code locks them (then emails them once) or they were locked, or when it cannot be
   * counted, logs why and throws (see the class comment).
   */
  private WrongCodeCount countWrong(
      TriggerEvent event, Instant now, LambdaLogger logger, MetricCounts metrics)
      throws MalformedEventException {
    String sub = sub(event);
    if (sub.isEmpty()) {
      // Cognito always sends the sub; without one Create sends no code, so nothing can be guessed.
      throw new MalformedEventException(
          "the event names no user sub, so the wrong answer was not counted toward a lock");
    }
    WrongCodeCount count;
    try {
      count = lock.countWrong(sub, now);
    } catch (RuntimeException e) {
      String why = e instanceof TriggerFailureException ? e.getMessage() : e.getClass().getName();
      throw end(
          logger,
          LogLevel.ERROR,
          event,
          "WRONG_CODE_NOT_COUNTED",
          "the answer is wrong and could not be counted toward the lock: " + why,
          metrics,
          NOT_COUNTED);
    }
    switch (count.outcome()) {
      case COUNTED -> {
        return count;
      }
      case LOCKED_NOW -> {
        metrics.count(Metric.USERS_LOCKED);
        String notice = sendNotice(event, count, metrics);
        throw end(
            logger,
            LogLevel.WARN,
            event,
            "USER_LOCKED",
            "wrong code " + count.wrongCodes() + " in a row: the lock starts now; " + notice,
            metrics,
            UserLock.LOCKED_MESSAGE);
      }
      default ->
          throw end(
              logger,
              LogLevel.WARN,
              event,
              "USER_LOCKED",
              "the answer is wrong and the user is locked already; it was not counted",
              metrics,
              UserLock.LOCKED_MESSAGE);
    }
  }

  /** Emails the lock notice; says in a few words what happened, for the log line. */
  private String sendNotice(TriggerEvent event, WrongCodeCount count, MetricCounts metrics) {
    if (event.email().isEmpty()) {
      return "no lock email: the user has no email attribute";
    }
    try {
      notices.send(
          new LockNotice(
              event.email(),
              count.wrongCodes(),
              lockSettings.recoveryByEmail(),
              event.userAttributes().getOrDefault("locale", "")));
      return "lock email sent";
    } catch (CodeNotSentException e) {
      metrics.count(Metric.SES_FAILURES, e.failure().errorClass());
      return "the lock email was not sent: " + e.failure().name() + ": " + e.getMessage();
    } catch (RuntimeException e) {
      return "the lock email was not sent: " + e.getClass().getName();
    }
  }

  /** Writes the line of a sign-in that ends here and returns what to throw. */
  private SignInEnds end(
      LambdaLogger logger,
      LogLevel level,
      TriggerEvent event,
      String outcome,
      String reason,
      MetricCounts metrics,
      String userMessage) {
    DecisionLog.write(
        logger,
        level,
        Trigger.VERIFY_AUTH_CHALLENGE,
        event,
        outcome,
        reason,
        metricsSettings,
        metrics);
    return new SignInEnds(new TriggerFailureException(userMessage));
  }

  /**
   * A sign-in that ends here, its line written: carries the {@link TriggerFailureException} to
   * throw past the catch blocks that would otherwise log it a second time as a store failure or an
   * unexpected error.
   */
  private static final class SignInEnds extends RuntimeException {
    private final TriggerFailureException failure;

    SignInEnds(TriggerFailureException failure) {
      super(failure.getMessage(), null, false, false);
      this.failure = failure;
    }
  }

  /** The event's {@code sub} attribute, stripped, or empty. */
  private static String sub(TriggerEvent event) {
    return event.userAttributes().getOrDefault("sub", "").strip();
  }

  /** {@code callerContext.clientId}, or empty. */
  static String clientId(TriggerEvent event) {
    return event.envelope().get("callerContext") instanceof Map<?, ?> caller
            && caller.get("clientId") instanceof String clientId
        ? clientId
        : "";
  }
}
