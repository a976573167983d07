package io.github.cognitoemailotp.layer.device;

import io.github.cognitoemailotp.layer.TriggerFailureException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link TrustedDevices} in memory with the DynamoDB store's rules; can play a store that is down.
 */
public final class MemoryTrustedDevices implements TrustedDevices {

  private final Map<String, TrustedDevice> items = new LinkedHashMap<>();
  public boolean down;

  private static String key(String sub, String deviceId) {
    return sub + "/" + deviceId;
  }

  private void failIfDown() {
    if (down) {
      throw new TriggerFailureException("The device store did not answer (test)");
    }
  }

  @Override
  public synchronized Optional<TrustedDevice> find(String sub, String deviceId, Instant now) {
    failIfDown();
    TrustedDevice device = items.get(key(sub, deviceId));
    return device != null && device.aliveAt(now) ? Optional.of(device) : Optional.empty();
  }

  @Override
  public synchronized List<String> register(TrustedDevice device, Instant now) {
    failIfDown();
    items.put(key(device.sub(), device.deviceId()), device);
    List<String> evicted =
        DeviceCap.toEvict(list(device.sub()), device.deviceId(), MAX_PER_USER, now);
    evicted.forEach(id -> items.remove(key(device.sub(), id)));
    return evicted;
  }

  @Override
  public synchronized boolean markUsed(String sub, String deviceId, String publicKey, Instant now) {
    failIfDown();
    TrustedDevice device = items.get(key(sub, deviceId));
    if (device == null || !device.aliveAt(now) || !device.publicKey().equals(publicKey)) {
      return false;
    }
    items.put(
        key(sub, deviceId),
        new TrustedDevice(
            sub, deviceId, publicKey, device.name(), device.createdAt(), now, device.expiresAt()));
    return true;
  }

  @Override
  public synchronized List<TrustedDevice> list(String sub) {
    failIfDown();
    List<TrustedDevice> devices = new ArrayList<>();
    for (TrustedDevice device : items.values()) {
      if (device.sub().equals(sub)) {
        devices.add(device);
      }
    }
    devices.sort(Comparator.comparing(TrustedDevice::createdAt));
    return devices;
  }

  @Override
  public synchronized boolean remove(String sub, String deviceId) {
    failIfDown();
    return items.remove(key(sub, deviceId)) != null;
  }

  @Override
  public synchronized int removeAll(String sub) {
    failIfDown();
    List<TrustedDevice> devices = list(sub);
    devices.forEach(d -> items.remove(key(sub, d.deviceId())));
    return devices.size();
  }
}
