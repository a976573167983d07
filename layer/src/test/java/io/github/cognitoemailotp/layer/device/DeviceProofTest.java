package io.github.cognitoemailotp.layer.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cognitoemailotp.layer.device.DeviceProof.Purpose;
import io.github.cognitoemailotp.testkit.Sampling;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DeviceProofTest {

  static TestDevice device;
  static DeviceKey key;
  static final String NONCE = DeviceNonce.next(new SecureRandom());

  @BeforeAll
  static void aDevice() {
    device = TestDevice.create();
    key = DeviceKey.parse(device.spki()).orElseThrow();
  }

  @Test
  void theSignedTextNamesTheProtocolThePurposeTheDeviceAndTheNonce() {
    assertThat(
            new String(DeviceProof.message(Purpose.SIGN_IN, "id", "nonce"), StandardCharsets.UTF_8))
        .isEqualTo("cognito-email-otp device v1\nsign-in\nid\nnonce");
  }

  @Test
  void thePrimingKeysSignatureVerifiesAndIsNoOtherNoncesProof() {
    assertThat(DeviceProof.warmUp()).isTrue();
    DeviceKey priming = DeviceKey.parse(DeviceProof.PRIMING_SPKI).orElseThrow();
    assertThat(
            DeviceProof.verify(
                priming,
                Purpose.REGISTER,
                DeviceProof.PRIMING_NONCE,
                DeviceProof.PRIMING_SIGNATURE))
        .isFalse();
    assertThat(DeviceProof.verify(key, Purpose.SIGN_IN, NONCE, DeviceProof.PRIMING_SIGNATURE))
        .isFalse();
  }

  @Test
  void theKeysSignatureOfTheNonceVerifies() {
    assertThat(DeviceProof.verify(key, Purpose.SIGN_IN, NONCE, device.sign(Purpose.SIGN_IN, NONCE)))
        .isTrue();
  }

  @Test
  void aSignatureOfAnotherNonceIsRefused() {
    String other = DeviceNonce.next(new SecureRandom());
    assertThat(DeviceProof.verify(key, Purpose.SIGN_IN, NONCE, device.sign(Purpose.SIGN_IN, other)))
        .isFalse();
  }

  @Test
  void aRegistrationSignatureIsNoSignInProofAndTheOtherWayRound() {
    assertThat(
            DeviceProof.verify(key, Purpose.SIGN_IN, NONCE, device.sign(Purpose.REGISTER, NONCE)))
        .isFalse();
    assertThat(
            DeviceProof.verify(key, Purpose.REGISTER, NONCE, device.sign(Purpose.SIGN_IN, NONCE)))
        .isFalse();
  }

  @Test
  void anotherDevicesSignatureIsRefused() {
    TestDevice other = TestDevice.create();
    assertThat(
            DeviceProof.verify(
                key, Purpose.SIGN_IN, NONCE, other.sign(Purpose.SIGN_IN, device.id(), NONCE)))
        .isFalse();
  }

  @Test
  void everyFlippedBitOfASignatureIsRefused() {
    byte[] signature = Base64.getUrlDecoder().decode(device.sign(Purpose.SIGN_IN, NONCE));
    for (int bit = 0; bit < signature.length * 8; bit++) {
      byte[] tampered = signature.clone();
      tampered[bit / 8] ^= (byte) (1 << (bit % 8));
      String text = Base64.getUrlEncoder().withoutPadding().encodeToString(tampered);
      assertThat(DeviceProof.verify(key, Purpose.SIGN_IN, NONCE, text)).as("bit " + bit).isFalse();
    }
  }

  @Test
  void aDerSignatureIsRefused() {
    byte[] der =
        device.signBytes(
            DeviceProof.message(Purpose.SIGN_IN, device.id(), NONCE), "SHA256withECDSA");
    assertThat(
            DeviceProof.verify(
                key,
                Purpose.SIGN_IN,
                NONCE,
                Base64.getUrlEncoder().withoutPadding().encodeToString(der)))
        .isFalse();
  }

  @Test
  void paddedOrStandardBase64IsRefused() {
    String signature = device.sign(Purpose.SIGN_IN, NONCE);
    assertThat(DeviceProof.verify(key, Purpose.SIGN_IN, NONCE, signature + "==")).isFalse();
    assertThat(DeviceProof.verify(key, Purpose.SIGN_IN, NONCE, "")).isFalse();
    assertThat(DeviceProof.verify(key, Purpose.SIGN_IN, "", signature)).isFalse();
    assertThat(DeviceProof.verify(key, Purpose.SIGN_IN, NONCE, null)).isFalse();
  }

  @Test
  void noRandomAnswerEverVerifies() {
    Sampling.check(
        2_000,
        random ->
            random.nextBoolean()
                ? Sampling.anyString(random, 120)
                : Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(randomBytes(random, DeviceProof.SIGNATURE_BYTES)),
        answer -> assertThat(DeviceProof.verify(key, Purpose.SIGN_IN, NONCE, answer)).isFalse());
  }

  private static byte[] randomBytes(java.util.Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  @Test
  void noncesAreFreshAnd43Base64UrlCharacters() {
    SecureRandom random = new SecureRandom();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String nonce = DeviceNonce.next(random);
      assertThat(DeviceKey.isWellFormedId(nonce)).as("43 base64url characters").isTrue();
      assertThat(seen.add(nonce)).isTrue();
    }
  }
}
