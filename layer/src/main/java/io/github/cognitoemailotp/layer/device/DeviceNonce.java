package io.github.cognitoemailotp.layer.device;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * A fresh random value for a device to sign: 32 bytes, unpadded base64url (43 characters).
 *
 * <p>The caller passes a {@link SecureRandom} made inside the invocation, as for codes: one made at
 * init would be captured in a SnapStart snapshot and every restored environment would replay the
 * same nonces.
 */
public final class DeviceNonce {

  /** Bytes of randomness per nonce. */
  public static final int BYTES = 32;

  private DeviceNonce() {}

  /** A new nonce from {@code random}. */
  public static String next(SecureRandom random) {
    byte[] bytes = new byte[BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
