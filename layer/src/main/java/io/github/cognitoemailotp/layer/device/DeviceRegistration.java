package io.github.cognitoemailotp.layer.device;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What a correct code answer's ClientMetadata asks for to trust the device, and whether it may.
 *
 * <p>The app sends the public key, a name, and the key's signature of {@link
 * DeviceProof.Purpose#REGISTER} over the nonce the code challenge carried ({@link
 * DeviceChallenge#NONCE}): proof that it holds the private key now, for this challenge only. Verify
 * asks this class only after the code was found correct; a refusal never changes that answer.
 */
public final class DeviceRegistration {

  /** ClientMetadata key: base64 SPKI of the device's P-256 public key. */
  public static final String PUBLIC_KEY = "trustDevice.publicKey";

  /** ClientMetadata key: the signature (base64url P1363) of the registration text. */
  public static final String SIGNATURE = "trustDevice.signature";

  /** ClientMetadata key: the device's name, 1 to 64 printable characters. */
  public static final String NAME = "trustDevice.name";

  /** The longest name, in code points. */
  public static final int MAX_NAME_LENGTH = 64;

  private DeviceRegistration() {}

  /** Why a requested registration was refused (the log line's words; never the key). */
  public enum Refusal {
    OFF("trusted devices are off"),
    NO_SUB("the event has no sub"),
    NO_NONCE("the code challenge carried no registration nonce"),
    MALFORMED_KEY("the key is not a P-256 public key in base64 SPKI"),
    BAD_NAME("the name is empty, longer than 64 characters or not printable"),
    BAD_SIGNATURE("the signature does not prove the key");

    private final String description;

    Refusal(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }
  }

  /** The outcome. */
  public sealed interface Outcome {}

  /** The answer did not ask to trust the device. */
  public record NotAsked() implements Outcome {}

  /** It asked and may not. */
  public record Refused(Refusal refusal) implements Outcome {}

  /** It asked and proved the key: store this device. */
  public record Accepted(TrustedDevice device) implements Outcome {}

  /** Whether this call's ClientMetadata asks to trust the device. */
  public static boolean requested(Map<String, String> clientMetadata) {
    return !clientMetadata.getOrDefault(PUBLIC_KEY, "").isEmpty();
  }

  /**
   * Decides a registration on a correct code answer.
   *
   * @param settings whether trusted devices are on, and for how long
   * @param clientMetadata the code answer's ClientMetadata
   * @param privateParameters the code challenge's private parameters (the nonce)
   * @param sub the user's {@code sub}
   * @param now the current time: the registration's start
   */
  public static Outcome check(
      TrustedDeviceSettings settings,
      Map<String, String> clientMetadata,
      Map<String, String> privateParameters,
      String sub,
      Instant now) {
    if (!requested(clientMetadata)) {
      return new NotAsked();
    }
    if (!settings.enabled()) {
      return new Refused(Refusal.OFF);
    }
    if (sub.isBlank()) {
      return new Refused(Refusal.NO_SUB);
    }
    String nonce = privateParameters.getOrDefault(DeviceChallenge.NONCE, "");
    if (nonce.isEmpty()) {
      return new Refused(Refusal.NO_NONCE);
    }
    Optional<DeviceKey> key = DeviceKey.parse(clientMetadata.get(PUBLIC_KEY));
    if (key.isEmpty()) {
      return new Refused(Refusal.MALFORMED_KEY);
    }
    Optional<String> name = name(clientMetadata.getOrDefault(NAME, ""));
    if (name.isEmpty()) {
      return new Refused(Refusal.BAD_NAME);
    }
    if (!DeviceProof.verify(
        key.get(),
        DeviceProof.Purpose.REGISTER,
        nonce,
        clientMetadata.getOrDefault(SIGNATURE, "").strip())) {
      return new Refused(Refusal.BAD_SIGNATURE);
    }
    Instant createdAt = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    return new Accepted(
        new TrustedDevice(
            sub,
            key.get().deviceId(),
            key.get().spkiBase64(),
            name.get(),
            createdAt,
            createdAt,
            createdAt.plus(settings.lifetime())));
  }

  /**
   * The name without surrounding whitespace, if it is 1 to 64 code points with no control or format
   * characters and no lone surrogates.
   */
  static Optional<String> name(String raw) {
    String name = raw.strip();
    if (name.isEmpty() || name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
      return Optional.empty();
    }
    for (int i = 0; i < name.length(); ) {
      int codePoint = name.codePointAt(i);
      int type = Character.getType(codePoint);
      if (type == Character.CONTROL
          || type == Character.FORMAT
          || type == Character.SURROGATE
          || type == Character.UNASSIGNED
          || type == Character.LINE_SEPARATOR
          || type == Character.PARAGRAPH_SEPARATOR
          || type == Character.PRIVATE_USE) {
        return Optional.empty();
      }
      i += Character.charCount(codePoint);
    }
    return Optional.of(name);
  }
}
