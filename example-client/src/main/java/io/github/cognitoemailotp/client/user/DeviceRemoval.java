package io.github.cognitoemailotp.client.user;

import io.github.cognitoemailotp.layer.device.TrustedDevice;
import io.github.cognitoemailotp.layer.device.TrustedDevices;
import java.time.Instant;
import java.util.Optional;

/**
 * The operator's removal of a user's trusted devices ({@code --remove-device}, {@code
 * --remove-all-devices}), through the functions' own store ({@link TrustedDevices}; {@code
 * DynamoDbTrustedDevices} for the stack's table), each saying what it removed. A device removed
 * here is refused at once: Create finds no device and emails the code, and Verify's {@code
 * markUsed} re-checks the item, so a device challenge issued just before is refused too.
 *
 * <p>Both read the user's devices first, with the store's consistent {@code Query}, which refuses
 * an item the functions did not write: then nothing is removed.
 */
public final class DeviceRemoval {

  /**
   * What a removal did.
   *
   * @param found false when {@code --remove-device} named no device of this user (exit code 13)
   * @param said the sentence for the operator
   */
  public record Outcome(boolean found, String said) {}

  private final TrustedDevices devices;

  public DeviceRemoval(TrustedDevices devices) {
    this.devices = devices;
  }

  /**
   * Removes the user's device {@code deviceId}, expired or not.
   *
   * @param who the user as the operator named them, inside a sentence
   * @param whoFirst the same at the start of a sentence
   */
  public Outcome one(String sub, String deviceId, String who, String whoFirst, Instant now) {
    Optional<TrustedDevice> listed =
        devices.list(sub).stream().filter(device -> device.deviceId().equals(deviceId)).findFirst();
    // Removed only if it was listed and DeleteItem found it still there (not removed meanwhile).
    if (listed.isEmpty() || !devices.remove(sub, deviceId)) {
      return new Outcome(
          false,
          whoFirst
              + " has no trusted device "
              + deviceId
              + ": nothing removed. The user's devices are listed below.");
    }
    TrustedDevice device = listed.get();
    return new Outcome(
        true,
        "Removed the trusted device "
            + deviceId
            + " ("
            + UserDevices.quoted(device.name())
            + ", registered "
            + device.createdAt()
            + (device.aliveAt(now)
                ? ", trusted until " + device.expiresAt()
                : ", expired since " + device.expiresAt())
            + ") of "
            + who
            + ": its next sign-in gets the emailed code.");
  }

  /**
   * Removes all the user's devices in one action ({@link TrustedDevices#removeAll}), expired ones
   * included, and says how many there were.
   */
  public Outcome all(String sub, String who, String whoFirst) {
    int removed = devices.removeAll(sub);
    if (removed == 0) {
      return new Outcome(true, whoFirst + " had no trusted devices: nothing to remove.");
    }
    return new Outcome(
        true,
        "Removed all "
            + removed
            + (removed == 1 ? " trusted device" : " trusted devices")
            + " of "
            + who
            + " (expired ones included): each sign-in now gets the emailed code.");
  }
}
