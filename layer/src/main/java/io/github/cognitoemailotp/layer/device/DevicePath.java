package io.github.cognitoemailotp.layer.device;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Create's choice for a sign-in's first custom challenge: a device challenge (a trusted device
 * signs a nonce, no email) or the emailed code, and why. Falling back to the email is never an
 * error: an unknown, expired, revoked or foreign device, the feature off, or a device store that
 * cannot answer all just send the code.
 */
public final class DevicePath {

  /**
   * The ClientMetadata key, on the PASSWORD_VERIFIER answer, with which a device names itself.
   * (Cognito hands RespondToAuthChallenge's ClientMetadata to Define, Create and Verify; it hands
   * InitiateAuth's to none of them.)
   */
  public static final String DEVICE_ID_KEY = "deviceId";

  /** Public parameter telling the app the device it named is not trusted (so it drops its key). */
  public static final String DEVICE_TRUSTED = "deviceTrusted";

  private DevicePath() {}

  /** Why the code is emailed rather than a device asked to sign. */
  public enum EmailReason {
    /** No device was named. */
    NOT_ASKED(false, "no device named"),
    /** Trusted devices are off ({@code TrustedDeviceDays = 0}). */
    OFF(true, "a device was named but trusted devices are off"),
    /** Not the sign-in's first custom challenge: a device proof is asked at most once. */
    NOT_FIRST(false, "a device proof is only the first custom challenge"),
    /** The id is not a device id. */
    MALFORMED_ID(true, "the named device id is malformed"),
    /** The event names no user {@code sub}, so no device can be looked up. */
    NO_SUB(false, "the event has no sub"),
    /** No live device of this user has this id: unknown, expired, revoked, or another user's. */
    NOT_TRUSTED(true, "the named device is not trusted for this user"),
    /** The store did not answer; the email path has its own fail-closed checks. */
    STORE_UNAVAILABLE(false, "the device store did not answer");

    private final boolean tellAppToForget;
    private final String description;

    EmailReason(boolean tellAppToForget, String description) {
      this.tellAppToForget = tellAppToForget;
      this.description = description;
    }

    /** Whether the app should drop its key: the device will not be trusted again as it is. */
    public boolean tellAppToForget() {
      return tellAppToForget;
    }

    /** For the log line (never the id or key). */
    public String description() {
      return description;
    }
  }

  /** The choice. */
  public sealed interface Decision {}

  /** Ask the device to sign. */
  public record UseDevice(TrustedDevice device) implements Decision {}

  /** Email the code; tell the app when its device is not trusted. */
  public record Email(EmailReason reason) implements Decision {

    /** The public parameters this adds to the code challenge. */
    public Map<String, String> publicParameters() {
      return reason.tellAppToForget() ? Map.of(DEVICE_TRUSTED, "false") : Map.of();
    }
  }

  /**
   * Decides.
   *
   * @param settings whether trusted devices are on
   * @param clientMetadata this call's ClientMetadata (the PASSWORD_VERIFIER answer's)
   * @param firstCustomChallenge whether no custom challenge was issued yet in this sign-in
   * @param sub the user's {@code sub}, or empty
   * @param store the devices
   * @param now the current time
   */
  public static Decision decide(
      TrustedDeviceSettings settings,
      Map<String, String> clientMetadata,
      boolean firstCustomChallenge,
      String sub,
      TrustedDevices store,
      Instant now) {
    String deviceId = clientMetadata.getOrDefault(DEVICE_ID_KEY, "").strip();
    if (deviceId.isEmpty()) {
      return new Email(EmailReason.NOT_ASKED);
    }
    if (!firstCustomChallenge) {
      return new Email(EmailReason.NOT_FIRST);
    }
    if (!settings.enabled()) {
      return new Email(EmailReason.OFF);
    }
    if (!DeviceKey.isWellFormedId(deviceId)) {
      return new Email(EmailReason.MALFORMED_ID);
    }
    if (sub.isBlank()) {
      return new Email(EmailReason.NO_SUB);
    }
    Optional<TrustedDevice> device;
    try {
      device = store.find(sub, deviceId, now);
    } catch (RuntimeException e) { // TriggerFailureException among them: fall back to the email
      return new Email(EmailReason.STORE_UNAVAILABLE);
    }
    return device.isPresent()
            && device.get().aliveAt(now)
            && device.get().sub().equals(sub)
            && device.get().deviceId().equals(deviceId)
        ? new UseDevice(device.get())
        : new Email(EmailReason.NOT_TRUSTED);
  }
}
