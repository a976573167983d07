package io.github.cognitoemailotp.layer.device;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Base64;
import java.util.Optional;

/**
 * What a device signs, and the check of its signature.
 *
 * <p>The signed text is {@code cognito-email-otp device v1\n<purpose>\n<deviceId>\n<nonce>}: the
 * purpose separates a registration from a sign-in (neither signature serves as the other), the id
 * names the key, and the nonce is the server's fresh random value for this one challenge, so a
 * signature replayed into any other challenge is over the wrong text.
 *
 * <p>Signatures are ECDSA with SHA-256 in IEEE P1363 form (r || s, 64 bytes, base64url without
 * padding), which is what WebCrypto produces; one fixed length, parsed strictly. The JDK's
 * verification compares in constant time; nothing here compares secret bytes itself.
 */
public final class DeviceProof {

  /** The signature algorithm, in the JDK's name. */
  public static final String ALGORITHM = "SHA256withECDSAinP1363Format";

  /** A P-256 P1363 signature: r and s, 32 bytes each. */
  public static final int SIGNATURE_BYTES = 64;

  private static final String DOMAIN = "cognito-email-otp device v1";

  /** What a signature is for. */
  public enum Purpose {
    /** Proving possession of a key being registered, over the code challenge's nonce. */
    REGISTER("register"),
    /** Standing in for the emailed code, over the device challenge's nonce. */
    SIGN_IN("sign-in");

    private final String word;

    Purpose(String word) {
      this.word = word;
    }

    /** The word in the signed text. */
    public String word() {
      return word;
    }
  }

  /**
   * A P-256 key made once for priming (its private half was thrown away) and its signature of the
   * {@code sign-in} message over {@link #PRIMING_NONCE}: checking it loads and runs the JDK's
   * elliptic-curve code at publish time, not in a user's first device sign-in (measured: 36 of the
   * 50 classes Verify loaded after priming, about 77 ms).
   */
  static final String PRIMING_SPKI =
      "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAErsZLZ849QuGiKSiYHZyxiss8tUMmt20LHrUAhlAvylE4YKooZ5G50DO4"
          + "OFTK90MgzHgmDcFUrBiMaO2AzhGbqA==";

  static final String PRIMING_NONCE = "snapstart-priming";

  static final String PRIMING_SIGNATURE =
      "mOyLBRt3pDg6_P-0XpzL79U25FYnWHXDmX5pPr3GGOV6o2Rh47-49JtrAJo87dJ-pHTET_rFsblooBJJ5p8ULA";

  private DeviceProof() {}

  /**
   * SnapStart priming: parses the priming key and checks its signature, and that a changed nonce
   * fails, so both outcomes' code runs before the snapshot. No user, no store, no secret.
   *
   * @return whether both checks came out as they must
   */
  public static boolean warmUp() {
    Optional<DeviceKey> key = DeviceKey.parse(PRIMING_SPKI);
    return key.isPresent()
        && verify(key.get(), Purpose.SIGN_IN, PRIMING_NONCE, PRIMING_SIGNATURE)
        && !verify(key.get(), Purpose.SIGN_IN, PRIMING_NONCE + "!", PRIMING_SIGNATURE);
  }

  /** The bytes a device signs. */
  public static byte[] message(Purpose purpose, String deviceId, String nonce) {
    return String.join("\n", DOMAIN, purpose.word(), deviceId, nonce)
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Whether {@code signatureBase64Url} is {@code key}'s signature of {@link #message}. Anything
   * malformed is simply false; never throws on hostile input.
   */
  public static boolean verify(
      DeviceKey key, Purpose purpose, String nonce, String signatureBase64Url) {
    if (signatureBase64Url == null
        || nonce == null
        || nonce.isEmpty()
        || signatureBase64Url.length() != 86) {
      return false;
    }
    byte[] signature;
    try {
      signature = Base64.getUrlDecoder().decode(signatureBase64Url);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (signature.length != SIGNATURE_BYTES) {
      return false;
    }
    try {
      Signature verifier = Signature.getInstance(ALGORITHM);
      verifier.initVerify(key.publicKey());
      verifier.update(message(purpose, key.deviceId(), nonce));
      return verifier.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }
}
