package io.github.cognitoemailotp.client.device;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * This computer's key for one user of one pool: an ECDSA P-256 key pair whose private half never
 * leaves the key file, and the device id the server knows it by (unpadded base64url of SHA-256 of
 * the public key's SPKI, as the server derives it).
 *
 * @param keys the key pair
 * @param name what the device is called in the user's device list
 */
public record DeviceKeyFile(KeyPair keys, String name) {

  /** What the device signs, as the server's {@code DeviceProof} builds it. */
  public enum Purpose {
    REGISTER("register"),
    SIGN_IN("sign-in");

    private final String word;

    Purpose(String word) {
      this.word = word;
    }
  }

  /** A new key pair. */
  public static DeviceKeyFile generate(String name) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return new DeviceKeyFile(generator.generateKeyPair(), name);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot make a P-256 key", e);
    }
  }

  /** Base64 of the public key's SPKI, as the server stores it. */
  public String publicKeyBase64() {
    return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
  }

  /** The device id. */
  public String deviceId() {
    try {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(
              MessageDigest.getInstance("SHA-256").digest(keys.getPublic().getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The text a device signs: {@code cognito-email-otp device v1\n<purpose>\n<id>\n<nonce>}. */
  public static byte[] message(Purpose purpose, String deviceId, String nonce) {
    return String.join("\n", "cognito-email-otp device v1", purpose.word, deviceId, nonce)
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The signature (ECDSA P-256 SHA-256, P1363, unpadded base64url) of the text for the nonce. */
  public String sign(Purpose purpose, String nonce) {
    try {
      Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
      signer.initSign(keys.getPrivate());
      signer.update(message(purpose, deviceId(), nonce));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The file's text: the name, the SPKI and the PKCS#8 private key, one per line. */
  String toText() {
    return "name="
        + name.replace('\n', ' ')
        + "\npublicKey="
        + publicKeyBase64()
        + "\nprivateKey="
        + Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded())
        + "\n";
  }

  /** Reads {@link #toText()}; throws {@link IllegalArgumentException} for anything else. */
  static DeviceKeyFile fromText(String text) {
    String name = null;
    String publicKey = null;
    String privateKey = null;
    for (String line : text.split("\n")) {
      int equals = line.indexOf('=');
      if (equals < 0) {
        continue;
      }
      String value = line.substring(equals + 1).strip();
      switch (line.substring(0, equals)) {
        case "name" -> name = value;
        case "publicKey" -> publicKey = value;
        case "privateKey" -> privateKey = value;
        default -> {}
      }
    }
    if (name == null || publicKey == null || privateKey == null) {
      throw new IllegalArgumentException("not a device key file");
    }
    try {
      KeyFactory factory = KeyFactory.getInstance("EC");
      PublicKey pub =
          factory.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey)));
      PrivateKey priv =
          factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privateKey)));
      return new DeviceKeyFile(new KeyPair(pub, priv), name);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException("the device key file holds no usable P-256 key", e);
    }
  }
}
