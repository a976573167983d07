package io.github.cognitoemailotp.local.cognito;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server half of Cognito's SRP-6a variant, written apart from the example client's half so that
 * the two cannot share a mistake unnoticed (AWS's JavaScript client checks both in the tests).
 * Integers are hashed in their minimal two's-complement form, as Cognito does.
 */
final class ServerSrp {

  static final BigInteger N =
      new BigInteger(
          "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF",
          16);
  static final BigInteger G = BigInteger.TWO;
  static final BigInteger K = new BigInteger(1, sha256(N.toByteArray(), G.toByteArray()));
  private static final SecureRandom RANDOM = new SecureRandom();

  private ServerSrp() {}

  /** A new random salt, as Cognito makes one per user. */
  static BigInteger newSalt() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return new BigInteger(1, bytes);
  }

  /** v = g^x with x = H(salt || H(poolName || userId || ":" || password)). */
  static BigInteger verifier(BigInteger salt, String poolName, String userId, String password) {
    byte[] inner = sha256((poolName + userId + ":" + password).getBytes(StandardCharsets.UTF_8));
    BigInteger x = new BigInteger(1, sha256(salt.toByteArray(), inner));
    return G.modPow(x, N);
  }

  /** A private ephemeral value b. */
  static BigInteger newPrivateValue() {
    byte[] bytes = new byte[128];
    RANDOM.nextBytes(bytes);
    return new BigInteger(1, bytes).mod(N);
  }

  /** B = (k v + g^b) mod N. */
  static BigInteger publicValue(BigInteger verifier, BigInteger b) {
    return K.multiply(verifier).add(G.modPow(b, N)).mod(N);
  }

  /**
   * Whether the client's signature proves the password: S = (A v^u)^b, key = HKDF(S, u), and the
   * signature must be HMAC(key, poolName || userId || secretBlock || timestamp).
   */
  static boolean signatureMatches(
      BigInteger bigA,
      BigInteger bigB,
      BigInteger b,
      BigInteger verifier,
      String poolName,
      String userId,
      byte[] secretBlock,
      String timestamp,
      byte[] signature) {
    BigInteger u = new BigInteger(1, sha256(bigA.toByteArray(), bigB.toByteArray()));
    if (u.signum() == 0) {
      return false;
    }
    BigInteger premaster = bigA.multiply(verifier.modPow(u, N)).mod(N).modPow(b, N);
    byte[] prk = hmac(u.toByteArray(), premaster.toByteArray());
    byte[] info = Arrays.copyOf("Caldera Derived Key".getBytes(StandardCharsets.UTF_8), 20);
    info[19] = 1;
    byte[] key = Arrays.copyOf(hmac(prk, info), 16);
    byte[] expected =
        hmac(
            key,
            concat(
                poolName.getBytes(StandardCharsets.UTF_8),
                userId.getBytes(StandardCharsets.UTF_8),
                secretBlock,
                timestamp.getBytes(StandardCharsets.UTF_8)));
    return MessageDigest.isEqual(expected, signature);
  }

  static byte[] sha256(byte[]... parts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (byte[] part : parts) {
        digest.update(part);
      }
      return digest.digest();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] hmac(byte[] key, byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] all = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }
}
