package io.github.cognitoemailotp.layer.device;

import java.util.Map;
import java.util.Optional;

/**
 * The app's "forget this device": ClientMetadata {@code forgetDevice} on a correct answer removes
 * trusted devices of the user who gave it. After a correct emailed code it may name any of the
 * user's devices, or {@code all} (a lost laptop is forgotten from another device, with the password
 * and the mailbox); after a correct device proof it may name only the device that proved itself (a
 * device can give up its own trust, not another's). Anything else is refused and changes nothing.
 */
public final class DeviceForget {

  /** The ClientMetadata key. */
  public static final String KEY = "forgetDevice";

  /** The value that forgets every device of the user. */
  public static final String ALL = "all";

  private DeviceForget() {}

  /** What a correct answer asks to forget. */
  public sealed interface Request {}

  /** Nothing asked. */
  public record NotAsked() implements Request {}

  /** Every device of the user. */
  public record All() implements Request {}

  /** One device. */
  public record One(String deviceId) implements Request {}

  /** Asked, but not allowed or not well formed. */
  public record Refused(String why) implements Request {}

  /**
   * Reads the request of a correct answer.
   *
   * @param provenDevice the device whose proof was the answer, empty for an emailed code
   */
  public static Request read(Map<String, String> clientMetadata, Optional<String> provenDevice) {
    String value = clientMetadata.get(KEY);
    if (value == null || value.isEmpty()) {
      return new NotAsked();
    }
    if (value.equals(ALL)) {
      return provenDevice.isEmpty()
          ? new All()
          : new Refused("forgetting all devices needs the emailed code, not a device proof");
    }
    if (!DeviceKey.isWellFormedId(value)) {
      return new Refused("forgetDevice is neither a device id nor \"all\"");
    }
    if (provenDevice.isPresent() && !provenDevice.get().equals(value)) {
      return new Refused("a device proof may forget only the device that proved itself");
    }
    return new One(value);
  }
}
