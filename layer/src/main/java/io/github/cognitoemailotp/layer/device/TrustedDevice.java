package io.github.cognitoemailotp.layer.device;

import java.time.Instant;

/**
 * One registered device of one user, as the store keeps it. No private key: the device holds that.
 *
 * @param sub the user's Cognito {@code sub}
 * @param deviceId the id derived from the key ({@link DeviceKey#idOf})
 * @param publicKey base64 SPKI of the device's P-256 public key
 * @param name what the user or the app called it (1 to 64 printable characters)
 * @param createdAt when it registered
 * @param lastUsedAt when it last stood in for the code (its registration, at first)
 * @param expiresAt when it stops being trusted: {@code createdAt} plus {@code TrustedDeviceDays}
 */
public record TrustedDevice(
    String sub,
    String deviceId,
    String publicKey,
    String name,
    Instant createdAt,
    Instant lastUsedAt,
    Instant expiresAt) {

  public TrustedDevice {
    if (sub.isEmpty() || !DeviceKey.isWellFormedId(deviceId) || publicKey.isEmpty()) {
      throw new IllegalArgumentException("a trusted device needs a sub, an id and a key");
    }
    if (!expiresAt.isAfter(createdAt)) {
      throw new IllegalArgumentException("a trusted device cannot expire when it registers");
    }
  }

  /**
   * Whether it is still trusted at {@code now} (an item past its expiry is gone for every rule).
   */
  public boolean aliveAt(Instant now) {
    return now.isBefore(expiresAt);
  }
}
