package io.github.cognitoemailotp.layer.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceKeyTest {

  @Test
  void aP256KeyParsesAndItsIdIsTheSha256OfItsSpki() throws GeneralSecurityException {
    TestDevice device = TestDevice.create();
    DeviceKey key = DeviceKey.parse(device.spki()).orElseThrow();
    byte[] digest =
        MessageDigest.getInstance("SHA-256").digest(device.keys().getPublic().getEncoded());
    assertThat(key.deviceId())
        .isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(digest))
        .hasSize(DeviceKey.ID_LENGTH);
    assertThat(DeviceKey.isWellFormedId(key.deviceId())).isTrue();
    assertThat(key.spkiBase64()).isEqualTo(device.spki());
  }

  @Test
  void twoKeysNeverShareAnId() {
    assertThat(TestDevice.create().id()).isNotEqualTo(TestDevice.create().id());
  }

  @ParameterizedTest
  @ValueSource(strings = {"secp384r1", "secp521r1"})
  void aKeyOnAnotherCurveIsRefused(String curve) {
    assertThat(DeviceKey.parse(TestDevice.create(curve).spki())).isEmpty();
  }

  @Test
  void anRsaKeyIsRefused() throws GeneralSecurityException {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    String spki =
        Base64.getEncoder().encodeToString(rsa.generateKeyPair().getPublic().getEncoded());
    assertThat(DeviceKey.parse(spki)).isEmpty();
  }

  @Test
  void anotherSpellingOfTheSameKeyIsRefused() {
    String spki = TestDevice.create().spki();
    assertThat(spki).as("91 bytes: two padding characters").endsWith("==");
    String unpadded = spki.substring(0, spki.length() - 2);
    assertThat(Base64.getDecoder().decode(unpadded))
        .as("the JDK decodes it")
        .isEqualTo(Base64.getDecoder().decode(spki));
    assertThat(DeviceKey.parse(unpadded)).isEmpty();
    assertThat(DeviceKey.parse(" " + spki)).isEmpty();
    assertThat(DeviceKey.parse(spki + "\n")).isEmpty();
  }

  @Test
  void aPointOffTheCurveIsRefused() {
    TestDevice device = TestDevice.create();
    byte[] spki = device.keys().getPublic().getEncoded();
    byte[] tampered = Arrays.copyOf(spki, spki.length);
    tampered[tampered.length - 1] ^= 0x01; // the last byte of y
    assertThat(DeviceKey.parse(Base64.getEncoder().encodeToString(tampered))).isEmpty();
    ECPublicKey ec = (ECPublicKey) device.keys().getPublic();
    assertThat(ec.getW().getAffineY()).isNotEqualTo(BigInteger.ZERO);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "AAAA", "not base64!", "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE"})
  void garbageIsRefused(String spki) {
    assertThat(DeviceKey.parse(spki)).isEmpty();
  }

  @Test
  void aTooLongValueIsRefusedBeforeDecoding() {
    assertThat(DeviceKey.parse("A".repeat(100_000))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "short",
        "0123456789012345678901234567890123456789012", // 43, fine: see below
      })
  void idShapes(String id) {
    assertThat(DeviceKey.isWellFormedId(id)).isEqualTo(id.length() == 43);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "012345678901234567890123456789012345678901+",
        "012345678901234567890123456789012345678901/",
        "012345678901234567890123456789012345678901=",
        "012345678901234567890123456789012345678901:",
        "012345678901234567890123456789012345678901é",
        "0123456789012345678901234567890123456789012X"
      })
  void anIdWithAnythingButBase64UrlOrAnotherLengthIsMalformed(String id) {
    assertThat(DeviceKey.isWellFormedId(id)).isFalse();
  }
}
