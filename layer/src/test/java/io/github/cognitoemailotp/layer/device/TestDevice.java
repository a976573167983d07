package io.github.cognitoemailotp.layer.device;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/** A device as a client holds it: a fresh P-256 key pair that signs as WebCrypto does (P1363). */
public record TestDevice(KeyPair keys) {

  public static TestDevice create() {
    return create("secp256r1");
  }

  public static TestDevice create(String curve) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec(curve));
      return new TestDevice(generator.generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public String spki() {
    return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
  }

  public String id() {
    return DeviceKey.idOf(keys.getPublic().getEncoded());
  }

  public String sign(DeviceProof.Purpose purpose, String nonce) {
    return sign(purpose, id(), nonce);
  }

  public String sign(DeviceProof.Purpose purpose, String deviceId, String nonce) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(
            signBytes(DeviceProof.message(purpose, deviceId, nonce), DeviceProof.ALGORITHM));
  }

  byte[] signBytes(byte[] message, String algorithm) {
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(keys.getPrivate());
      signer.update(message);
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
