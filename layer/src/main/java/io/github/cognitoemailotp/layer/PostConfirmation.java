package io.github.cognitoemailotp.layer;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import io.github.cognitoemailotp.layer.device.TrustedDeviceSteps;
import io.github.cognitoemailotp.layer.lock.UserLock;
import io.github.cognitoemailotp.layer.lock.WrongCodeCount;
import io.github.cognitoemailotp.layer.metrics.Metric;
import io.github.cognitoemailotp.layer.metrics.MetricCounts;
import io.github.cognitoemailotp.layer.metrics.MetricsSettings;

/**
 * The Post Confirmation trigger: a password reset through {@code ConfirmForgotPassword} (source
 * {@code PostConfirmation_ConfirmForgotPassword}) lifts the user's lock and clears their wrong-code
 * count ({@link UserLock#unlock}). A locked user's password is presumed known to someone else, and
 * the reset proves the user reads their mailbox and chose a new one, so the codes resume. A sign-up
 * confirmation ({@code PostConfirmation_ConfirmSignUp}) changes nothing.
 *
 * <p>When the lock store cannot answer it throws {@link TriggerFailureException} with {@link
 * #NOT_UNLOCKED}: Cognito then fails the call with that message, and the user stays locked (fail
 * closed) until they reset again or an operator unlocks them. Its response is the event, unchanged,
 * as Cognito expects of this trigger.
 */
public final class PostConfirmation {

  /** The source of a confirmed password reset. */
  public static final String CONFIRM_FORGOT_PASSWORD = "PostConfirmation_ConfirmForgotPassword";

  /** What the app is told when the reset could not lift the lock. */
  public static final String NOT_UNLOCKED =
      "Your password was changed, but sign-in codes could not be resumed. Reset your password"
          + " again in a moment, or ask your administrator.";

  /** What the app is told when the reset could not remove the user's trusted devices. */
  public static final String DEVICES_NOT_REMOVED =
      "Your password was changed, but your trusted devices could not be removed. Reset your"
          + " password again in a moment, or ask your administrator.";

  private final UserLock lock;
  private final MetricsSettings metricsSettings;
  private final TrustedDeviceSteps devices;

  public PostConfirmation(UserLock lock, MetricsSettings metricsSettings) {
    this(lock, metricsSettings, TrustedDeviceSteps.OFF);
  }

  /** With trusted devices: a password reset also removes all the user's devices. */
  public PostConfirmation(
      UserLock lock, MetricsSettings metricsSettings, TrustedDeviceSteps devices) {
    this.lock = lock;
    this.metricsSettings = metricsSettings;
    this.devices = devices;
  }

  /**
   * Handles one event; returns the response JSON (the event itself).
   *
   * @throws TriggerFailureException when a password reset's unlock cannot be done
   */
  public byte[] handle(byte[] eventJson, LambdaLogger logger) {
    if (KeepAlive.isPing(eventJson)) {
      return KeepAlive.answer(Trigger.POST_CONFIRMATION, logger);
    }
    TriggerEvent event;
    try {
      event = TriggerEvent.parse(eventJson, Trigger.POST_CONFIRMATION);
    } catch (MalformedEventException e) {
      // Nothing to unlock for an event that names no reset; the confirmation itself goes on.
      DecisionLog.write(
          logger,
          LogLevel.WARN,
          Trigger.POST_CONFIRMATION,
          null,
          "IGNORED",
          "malformed event: " + e.getMessage());
      return eventJson;
    }
    String source = String.valueOf(event.envelope().get("triggerSource"));
    if (!CONFIRM_FORGOT_PASSWORD.equals(source)) {
      DecisionLog.write(
          logger,
          LogLevel.INFO,
          Trigger.POST_CONFIRMATION,
          event,
          "IGNORED",
          "not a password reset; nothing to unlock");
      return eventJson;
    }
    String sub = event.userAttributes().getOrDefault("sub", "").strip();
    WrongCodeCount cleared;
    try {
      if (sub.isEmpty()) {
        throw new TriggerFailureException("the event names no user sub");
      }
      cleared = lock.unlock(sub);
    } catch (RuntimeException e) {
      String why = e instanceof TriggerFailureException ? e.getMessage() : e.getClass().getName();
      DecisionLog.write(
          logger,
          LogLevel.ERROR,
          Trigger.POST_CONFIRMATION,
          event,
          "NOT_UNLOCKED",
          "a password reset, but the lock could not be lifted: " + why,
          metricsSettings,
          new MetricCounts());
      throw new TriggerFailureException(NOT_UNLOCKED);
    }
    int forgotten;
    try {
      forgotten = devices.forgetAll(sub);
    } catch (RuntimeException e) {
      String why = e instanceof TriggerFailureException ? e.getMessage() : e.getClass().getName();
      DecisionLog.write(
          logger,
          LogLevel.ERROR,
          Trigger.POST_CONFIRMATION,
          event,
          "DEVICES_NOT_REMOVED",
          "a password reset, but the user's trusted devices could not be removed: " + why,
          metricsSettings,
          new MetricCounts());
      throw new TriggerFailureException(DEVICES_NOT_REMOVED);
    }
    MetricCounts metrics = new MetricCounts();
    if (cleared.locked()) {
      metrics.count(Metric.USERS_UNLOCKED);
    }
    DecisionLog.write(
        logger,
        LogLevel.INFO,
        Trigger.POST_CONFIRMATION,
        event,
        cleared.locked() ? "UNLOCKED" : "NOT_LOCKED",
        "a password reset: "
            + (cleared.locked() ? "the lock is lifted" : "the user was not locked")
            + ", "
            + cleared.wrongCodes()
            + " wrong codes in a row cleared"
            + (forgotten > 0 ? ", " + forgotten + " trusted devices removed" : ""),
        metricsSettings,
        metrics);
    return eventJson;
  }
}
