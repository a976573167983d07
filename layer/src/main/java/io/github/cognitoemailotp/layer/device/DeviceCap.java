package io.github.cognitoemailotp.layer.device;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Which of a user's devices go so that at most {@link TrustedDevices#MAX_PER_USER} remain. */
public final class DeviceCap {

  private DeviceCap() {}

  /**
   * The ids to remove from {@code devices} (all of one user, the newest registration among them):
   * every expired one, then the oldest by {@code createdAt} (ties by id, so two functions agree)
   * until at most {@code max} remain. {@code keep} (the registration just made) never goes.
   */
  public static List<String> toEvict(
      List<TrustedDevice> devices, String keep, int max, Instant now) {
    List<String> evict = new ArrayList<>();
    List<TrustedDevice> alive = new ArrayList<>();
    for (TrustedDevice device : devices) {
      if (!device.aliveAt(now) && !device.deviceId().equals(keep)) {
        evict.add(device.deviceId());
      } else {
        alive.add(device);
      }
    }
    alive.sort(
        Comparator.comparing(TrustedDevice::createdAt).thenComparing(TrustedDevice::deviceId));
    int excess = alive.size() - max;
    for (TrustedDevice device : alive) {
      if (excess <= 0) {
        break;
      }
      if (!device.deviceId().equals(keep)) {
        evict.add(device.deviceId());
        excess--;
      }
    }
    return evict;
  }
}
