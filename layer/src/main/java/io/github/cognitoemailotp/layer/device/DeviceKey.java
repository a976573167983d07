package io.github.cognitoemailotp.layer.device;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * A device's public key: ECDSA on P-256 (secp256r1), kept as base64 of its X.509
 * SubjectPublicKeyInfo, and the device id derived from it.
 *
 * <p>The id is base64url (no padding) of SHA-256 of the SPKI bytes: the client computes it itself,
 * two keys never share one, and a stored record's id always matches its key.
 *
 * @param deviceId the id derived from the key
 * @param spkiBase64 the key as the store keeps it (canonical base64 of the SPKI)
 * @param publicKey the parsed key
 */
public record DeviceKey(String deviceId, String spkiBase64, ECPublicKey publicKey) {

  /** Length of a device id: 32 bytes of SHA-256 in unpadded base64url. */
  public static final int ID_LENGTH = 43;

  /** A P-256 SPKI is 91 bytes (124 base64 characters); anything much longer is not one. */
  private static final int MAX_BASE64_LENGTH = 200;

  /**
   * The curve's parameters, made on first use: reading a device id (Define reads one from every
   * device challenge's metadata) must not start the JDK's security providers (measured: 64 classes
   * and about 20 ms on Define's first call after a device proof).
   */
  private static final class Curve {
    static final ECParameterSpec P256 = p256();
  }

  /**
   * Parses a base64 SPKI; empty when it is not canonical base64, not an EC key, not on P-256, or
   * its point is not on the curve. Never throws on hostile input.
   */
  public static Optional<DeviceKey> parse(String spkiBase64) {
    if (spkiBase64 == null || spkiBase64.isEmpty() || spkiBase64.length() > MAX_BASE64_LENGTH) {
      return Optional.empty();
    }
    byte[] spki;
    try {
      spki = Base64.getDecoder().decode(spkiBase64);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (!Base64.getEncoder().encodeToString(spki).equals(spkiBase64)) {
      return Optional.empty(); // one key, one spelling: no padding or alphabet variants
    }
    PublicKey key;
    try {
      key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
    } catch (GeneralSecurityException | RuntimeException e) {
      return Optional.empty();
    }
    if (!(key instanceof ECPublicKey ec)
        || !isP256(ec.getParams())
        || !onCurve(ec.getW())
        || !Arrays.equals(ec.getEncoded(), spki)) {
      return Optional.empty();
    }
    return Optional.of(new DeviceKey(idOf(spki), spkiBase64, ec));
  }

  /** The device id of an SPKI: unpadded base64url of its SHA-256. */
  public static String idOf(byte[] spki) {
    try {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(MessageDigest.getInstance("SHA-256").digest(spki));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  /**
   * Whether {@code deviceId} has the shape of an id (43 base64url characters), so a malformed one
   * is never looked up or logged as sent.
   */
  public static boolean isWellFormedId(String deviceId) {
    if (deviceId == null || deviceId.length() != ID_LENGTH) {
      return false;
    }
    for (int i = 0; i < deviceId.length(); i++) {
      char c = deviceId.charAt(i);
      boolean base64Url =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_';
      if (!base64Url) {
        return false;
      }
    }
    return true;
  }

  private static boolean isP256(ECParameterSpec params) {
    return params != null
        && params.getCurve().equals(Curve.P256.getCurve())
        && params.getGenerator().equals(Curve.P256.getGenerator())
        && params.getOrder().equals(Curve.P256.getOrder())
        && params.getCofactor() == Curve.P256.getCofactor();
  }

  /** y^2 = x^3 + ax + b (mod p), and neither coordinate outside the field. */
  private static boolean onCurve(ECPoint point) {
    if (point == null || point.equals(ECPoint.POINT_INFINITY)) {
      return false;
    }
    BigInteger p = ((ECFieldFp) Curve.P256.getCurve().getField()).getP();
    BigInteger x = point.getAffineX();
    BigInteger y = point.getAffineY();
    if (x.signum() < 0 || y.signum() < 0 || x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
      return false;
    }
    BigInteger left = y.multiply(y).mod(p);
    BigInteger right =
        x.pow(3)
            .add(Curve.P256.getCurve().getA().multiply(x))
            .add(Curve.P256.getCurve().getB())
            .mod(p);
    return left.equals(right);
  }

  private static ECParameterSpec p256() {
    try {
      AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
      parameters.init(new ECGenParameterSpec("secp256r1"));
      return parameters.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no P-256", e);
    }
  }
}
