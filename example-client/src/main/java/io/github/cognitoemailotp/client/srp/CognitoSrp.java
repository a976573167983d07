package io.github.cognitoemailotp.client.srp;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The client half of Amazon Cognito's SRP-6a variant ({@code USER_SRP_AUTH} and {@code CUSTOM_AUTH}
 * with {@code SRP_A}), in JDK-only code.
 *
 * <p>Cognito's conventions, each one a trap: integers are hashed in their minimal two's-complement
 * big-endian form ({@link BigInteger#toByteArray()}: a leading {@code 00} when the top bit is set,
 * never padded to a width); the salt is parsed as a (possibly negative) hex integer; the pool name
 * is the part of the pool id after {@code _}; x and the signature use {@code USER_ID_FOR_SRP}; the
 * timestamp is {@code EEE MMM d HH:mm:ss 'UTC' yyyy} in UTC with {@link Locale#US}; all text is
 * UTF-8.
 */
public final class CognitoSrp {

  /** The 3072-bit group of RFC 5054, which Cognito uses. */
  public static final BigInteger N =
      new BigInteger(
          "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF",
          16);

  public static final BigInteger G = BigInteger.TWO;

  /** k = H(N || g). */
  public static final BigInteger K = hashToInteger(N.toByteArray(), G.toByteArray());

  private static final byte[] DERIVED_KEY_INFO =
      "Caldera Derived Key".getBytes(StandardCharsets.UTF_8);

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss 'UTC' yyyy", Locale.US)
          .withZone(ZoneOffset.UTC);

  private final BigInteger a;
  private final BigInteger bigA;

  /** A client with a fresh private value from {@link SecureRandom}. */
  public CognitoSrp() {
    this(randomPrivateValue());
  }

  /** A client with a given private value (tests replay recorded sign-ins with it). */
  public CognitoSrp(BigInteger a) {
    this.a = a;
    this.bigA = G.modPow(a, N);
    if (bigA.mod(N).signum() == 0) {
      throw new IllegalArgumentException("A must not be 0 mod N");
    }
  }

  private static BigInteger randomPrivateValue() {
    byte[] bytes = new byte[128];
    new SecureRandom().nextBytes(bytes);
    return new BigInteger(1, bytes).mod(N);
  }

  /** {@code SRP_A} as Cognito expects it: A in lowercase hex, no padding. */
  public String srpA() {
    return bigA.toString(16);
  }

  public BigInteger publicValue() {
    return bigA;
  }

  /** u = H(A || B). */
  public static BigInteger scramblingParameter(BigInteger bigA, BigInteger bigB) {
    return hashToInteger(bigA.toByteArray(), bigB.toByteArray());
  }

  /** x = H(salt || H(poolName || userId || ":" || password)). */
  public static BigInteger privateKey(
      BigInteger salt, String poolName, String userIdForSrp, String password) {
    byte[] userPassHash =
        sha256((poolName + userIdForSrp + ":" + password).getBytes(StandardCharsets.UTF_8));
    return hashToInteger(salt.toByteArray(), userPassHash);
  }

  /** S = (B - k g^x)^(a + u x) mod N. */
  public BigInteger premasterSecret(BigInteger bigB, BigInteger x, BigInteger u) {
    BigInteger base = bigB.subtract(K.multiply(G.modPow(x, N))).mod(N);
    return base.modPow(a.add(u.multiply(x)), N);
  }

  /** HKDF-SHA256 with salt = u's bytes, input = S's bytes, info "Caldera Derived Key", 16 bytes. */
  public static byte[] derivedKey(BigInteger premasterSecret, BigInteger u) {
    byte[] pseudoRandomKey = hmac(u.toByteArray(), premasterSecret.toByteArray());
    byte[] info = Arrays.copyOf(DERIVED_KEY_INFO, DERIVED_KEY_INFO.length + 1);
    info[info.length - 1] = 1;
    return Arrays.copyOf(hmac(pseudoRandomKey, info), 16);
  }

  /** The message the signature covers: poolName || userId || secretBlock || timestamp. */
  public static byte[] signatureMessage(
      String poolName, String userIdForSrp, byte[] secretBlock, String timestamp) {
    byte[] pool = poolName.getBytes(StandardCharsets.UTF_8);
    byte[] user = userIdForSrp.getBytes(StandardCharsets.UTF_8);
    byte[] time = timestamp.getBytes(StandardCharsets.UTF_8);
    byte[] message = new byte[pool.length + user.length + secretBlock.length + time.length];
    int at = 0;
    for (byte[] part : new byte[][] {pool, user, secretBlock, time}) {
      System.arraycopy(part, 0, message, at, part.length);
      at += part.length;
    }
    return message;
  }

  /** Cognito's TIMESTAMP for an instant, such as {@code Tue Mar 5 09:03:07 UTC 2024}. */
  public static String timestamp(Instant instant) {
    return TIMESTAMP.format(instant);
  }

  /**
   * The {@code PASSWORD_CLAIM_SIGNATURE} for a PASSWORD_VERIFIER challenge.
   *
   * @param poolName the part of the pool id after {@code _}
   * @param userIdForSrp the challenge's {@code USER_ID_FOR_SRP}
   * @param password the user's password
   * @param saltHex the challenge's {@code SALT}
   * @param srpBHex the challenge's {@code SRP_B}
   * @param secretBlockBase64 the challenge's {@code SECRET_BLOCK}
   * @param timestamp the {@code TIMESTAMP} sent with the answer
   */
  public String passwordClaimSignature(
      String poolName,
      String userIdForSrp,
      String password,
      String saltHex,
      String srpBHex,
      String secretBlockBase64,
      String timestamp) {
    BigInteger bigB = new BigInteger(srpBHex, 16);
    if (bigB.mod(N).signum() == 0) {
      throw new IllegalArgumentException("the server sent an invalid SRP_B (0 mod N)");
    }
    BigInteger u = scramblingParameter(bigA, bigB);
    if (u.signum() == 0) {
      throw new IllegalArgumentException("the server sent an SRP_B that makes u zero");
    }
    BigInteger x = privateKey(new BigInteger(saltHex, 16), poolName, userIdForSrp, password);
    byte[] key = derivedKey(premasterSecret(bigB, x, u), u);
    byte[] message =
        signatureMessage(
            poolName, userIdForSrp, Base64.getDecoder().decode(secretBlockBase64), timestamp);
    return Base64.getEncoder().encodeToString(hmac(key, message));
  }

  /**
   * {@code SECRET_HASH} for app clients with a secret: Base64(HMAC-SHA256(secret, user + client)).
   */
  public static String secretHash(String username, String clientId, String clientSecret) {
    return Base64.getEncoder()
        .encodeToString(
            hmac(
                clientSecret.getBytes(StandardCharsets.UTF_8),
                (username + clientId).getBytes(StandardCharsets.UTF_8)));
  }

  static byte[] sha256(byte[]... parts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (byte[] part : parts) {
        digest.update(part);
      }
      return digest.digest();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  static BigInteger hashToInteger(byte[]... parts) {
    return new BigInteger(1, sha256(parts));
  }

  static byte[] hmac(byte[] key, byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no HmacSHA256", e);
    }
  }
}
