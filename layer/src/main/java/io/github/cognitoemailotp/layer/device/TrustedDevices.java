package io.github.cognitoemailotp.layer.device;

import io.github.cognitoemailotp.layer.TriggerFailureException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the trusted devices are kept: the functions use a DynamoDB table keyed by the user's {@code
 * sub} and the device id (aws-clients' {@code DynamoDbTrustedDevices}). Every method throws {@link
 * TriggerFailureException} when the store cannot answer in time; the caller decides what that means
 * (Create emails the code instead, Verify leaves the device unregistered or refuses the proof).
 */
public interface TrustedDevices {

  /** At most this many devices per user; registering one more removes the oldest. */
  int MAX_PER_USER = 10;

  /** The user's device with this id, if it exists and has not expired at {@code now}. */
  Optional<TrustedDevice> find(String sub, String deviceId, Instant now);

  /**
   * Stores {@code device} (replacing a registration of the same key), then removes what {@link
   * DeviceCap#toEvict} says goes, so the user keeps at most {@link #MAX_PER_USER}.
   *
   * @return the ids removed to make room
   */
  List<String> register(TrustedDevice device, Instant now);

  /**
   * Marks the device used at {@code now} if it still exists, has not expired and still holds {@code
   * publicKey}; one conditional write, so a device revoked since the challenge is refused.
   *
   * @return whether it was (false: revoked, expired or replaced)
   */
  boolean markUsed(String sub, String deviceId, String publicKey, Instant now);

  /** The user's devices, expired ones included (TTL deletes them within days), oldest first. */
  List<TrustedDevice> list(String sub);

  /** Removes one device; whether it was there. */
  boolean remove(String sub, String deviceId);

  /** Removes all the user's devices; how many there were. */
  int removeAll(String sub);
}
