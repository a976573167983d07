package io.github.cognitoemailotp.layer.device;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The challenge Create issues instead of emailing a code when a trusted device asks for it: sign
 * this fresh nonce. Public parameters tell the app what to sign; private parameters carry the
 * stored key and the nonce to Verify; the metadata marks the session entry as a device proof for
 * Define and Create.
 *
 * @param deviceId the device
 * @param publicKey its stored key (base64 SPKI), for Verify
 * @param nonce what it must sign
 * @param issuedAt when the challenge was issued
 * @param expiresAt when a signature stops being accepted
 */
public record DeviceChallenge(
    String deviceId, String publicKey, String nonce, Instant issuedAt, Instant expiresAt) {

  /** How long a device has to sign: ample for a signature, short for a replay. */
  public static final Duration LIFETIME = Duration.ofSeconds(120);

  /** Public parameter {@code challenge}'s value for a device challenge. */
  public static final String KIND = "DEVICE_PROOF";

  /** Public and private parameter holding the nonce (also on code challenges, for registration). */
  public static final String NONCE = "deviceNonce";

  /**
   * Private parameter holding the stored key; its presence makes a challenge a device challenge.
   */
  public static final String PUBLIC_KEY = "devicePublicKey";

  /** Public and private parameter naming the device. */
  public static final String DEVICE_ID = "deviceId";

  /** Private parameter: the epoch second the proof stops being accepted. */
  public static final String PROOF_EXPIRES_AT = "deviceProofExpiresAt";

  private static final String PREFIX = "DEVICE_PROOF.v1";

  /** A new challenge for {@code device}, its nonce from {@code random} (made in the invocation). */
  public static DeviceChallenge issue(TrustedDevice device, Instant now, SecureRandom random) {
    Instant issuedAt = now.truncatedTo(ChronoUnit.SECONDS);
    return new DeviceChallenge(
        device.deviceId(),
        device.publicKey(),
        DeviceNonce.next(random),
        issuedAt,
        issuedAt.plus(LIFETIME));
  }

  /** What the app sees: what kind of challenge, which device, what to sign, until when. */
  public Map<String, String> publicParameters() {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("challenge", KIND);
    parameters.put(DEVICE_ID, deviceId);
    parameters.put(NONCE, nonce);
    parameters.put("proofExpiresAt", expiresAt.toString());
    return parameters;
  }

  /** What Verify needs: the key, the id, the nonce and the expiry. */
  public Map<String, String> privateParameters() {
    return Map.of(
        PUBLIC_KEY,
        publicKey,
        DEVICE_ID,
        deviceId,
        NONCE,
        nonce,
        PROOF_EXPIRES_AT,
        Long.toString(expiresAt.getEpochSecond()));
  }

  /** The session metadata, {@code DEVICE_PROOF.v1:<deviceId>:<issuedAt>:<expiresAt>}. */
  public String toMetadata() {
    return String.join(
        ":",
        PREFIX,
        deviceId,
        Long.toString(issuedAt.getEpochSecond()),
        Long.toString(expiresAt.getEpochSecond()));
  }

  /**
   * A device challenge as the session remembers it.
   *
   * @param deviceId the device
   * @param issuedAt when it was issued
   * @param expiresAt when its proof stopped being accepted
   */
  public record Entry(String deviceId, Instant issuedAt, Instant expiresAt) {}

  /** Whether a session entry's metadata claims to be a device challenge (parsed or not). */
  public static boolean isDeviceMetadata(String metadata) {
    return metadata.startsWith(PREFIX + ":");
  }

  /** Reads metadata written by {@link #toMetadata()}; anything else is empty. */
  public static Optional<Entry> fromMetadata(String metadata) {
    String[] parts = metadata.split(":", -1);
    if (parts.length != 4 || !parts[0].equals(PREFIX) || !DeviceKey.isWellFormedId(parts[1])) {
      return Optional.empty();
    }
    try {
      Instant issuedAt = Instant.ofEpochSecond(Long.parseLong(parts[2]));
      Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[3]));
      return expiresAt.isAfter(issuedAt)
          ? Optional.of(new Entry(parts[1], issuedAt, expiresAt))
          : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Whether Create left this challenge for a device proof (its private parameters hold a key). */
  public static boolean isDeviceChallenge(Map<String, String> privateParameters) {
    return privateParameters.containsKey(PUBLIC_KEY);
  }

  /** Verify's verdict on an answer to a device challenge. */
  public enum Answer {
    /** The stored key's signature of this challenge's nonce, in time. */
    CORRECT(true, false),
    /** A signature that does not verify (or is not a signature): counted as a wrong code. */
    WRONG_SIGNATURE(false, true),
    /** The proof came after {@link #LIFETIME}: not a guess, not counted. */
    EXPIRED(false, false),
    /** The app asked for the emailed code instead ({@code resend = true}): not compared. */
    EMAIL_INSTEAD(false, false),
    /** The private parameters are not a device challenge's: not the user's doing. */
    MALFORMED(false, false);

    private final boolean correct;
    private final boolean countsAsWrongCode;

    Answer(boolean correct, boolean countsAsWrongCode) {
      this.correct = correct;
      this.countsAsWrongCode = countsAsWrongCode;
    }

    public boolean correct() {
      return correct;
    }

    /** Whether the lock counts it as a wrong code ({@code UserLock.countWrong}). */
    public boolean countsAsWrongCode() {
      return countsAsWrongCode;
    }
  }

  /**
   * Checks an answer to a device challenge: a resend request is never compared; then the stored
   * key, the nonce and the expiry must be present and well formed, the proof in time, and the
   * signature the key's over {@link DeviceProof#message} for {@link DeviceProof.Purpose#SIGN_IN}.
   */
  public static Answer check(
      String answer, Map<String, String> privateParameters, boolean emailInstead, Instant now) {
    if (emailInstead) {
      return Answer.EMAIL_INSTEAD;
    }
    Optional<DeviceKey> key = DeviceKey.parse(privateParameters.getOrDefault(PUBLIC_KEY, ""));
    String deviceId = privateParameters.getOrDefault(DEVICE_ID, "");
    String nonce = privateParameters.getOrDefault(NONCE, "");
    long expiresAt;
    try {
      expiresAt = Long.parseLong(privateParameters.getOrDefault(PROOF_EXPIRES_AT, ""));
    } catch (NumberFormatException e) {
      return Answer.MALFORMED;
    }
    if (key.isEmpty() || !key.get().deviceId().equals(deviceId) || nonce.isEmpty()) {
      return Answer.MALFORMED;
    }
    if (now.getEpochSecond() >= expiresAt) {
      return Answer.EXPIRED;
    }
    return DeviceProof.verify(key.get(), DeviceProof.Purpose.SIGN_IN, nonce, answer.strip())
        ? Answer.CORRECT
        : Answer.WRONG_SIGNATURE;
  }
}
