package io.github.cognitoemailotp.layer.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cognitoemailotp.layer.device.DeviceChallenge.Answer;
import io.github.cognitoemailotp.layer.device.DeviceProof.Purpose;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceChallengeTest {

  static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  final TestDevice device = TestDevice.create();
  final TrustedDevice stored =
      new TrustedDevice(
          "sub-1", device.id(), device.spki(), "laptop", NOW, NOW, NOW.plusSeconds(86_400));
  final DeviceChallenge challenge = DeviceChallenge.issue(stored, NOW, new SecureRandom());

  @Test
  void theAppSeesWhatToSignAndNeverTheKey() {
    assertThat(challenge.publicParameters())
        .containsOnlyKeys("challenge", "deviceId", "deviceNonce", "proofExpiresAt")
        .containsEntry("challenge", "DEVICE_PROOF")
        .containsEntry("deviceId", device.id())
        .containsEntry("deviceNonce", challenge.nonce())
        .containsEntry("proofExpiresAt", "2026-12-01T10:02:00Z");
    assertThat(challenge.privateParameters()).containsEntry("devicePublicKey", device.spki());
    assertThat(DeviceChallenge.isDeviceChallenge(challenge.privateParameters())).isTrue();
    assertThat(DeviceChallenge.isDeviceChallenge(Map.of("code", "123456"))).isFalse();
  }

  @Test
  void eachChallengeHasItsOwnNonce() {
    DeviceChallenge another = DeviceChallenge.issue(stored, NOW, new SecureRandom());
    assertThat(another.nonce()).isNotEqualTo(challenge.nonce());
  }

  @Test
  void theMetadataRoundTripsAndHoldsNoKeyOrNonce() {
    String metadata = challenge.toMetadata();
    assertThat(metadata)
        .isEqualTo("DEVICE_PROOF.v1:" + device.id() + ":1796119200:1796119320")
        .doesNotContain(challenge.nonce());
    assertThat(DeviceChallenge.isDeviceMetadata(metadata)).isTrue();
    assertThat(DeviceChallenge.fromMetadata(metadata))
        .contains(new DeviceChallenge.Entry(device.id(), NOW, NOW.plusSeconds(120)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "DEVICE_PROOF.v1",
        "DEVICE_PROOF.v1:short:1:2",
        "DEVICE_PROOF.v2:0123456789012345678901234567890123456789012:1:2",
        "DEVICE_PROOF.v1:0123456789012345678901234567890123456789012:2:1",
        "DEVICE_PROOF.v1:0123456789012345678901234567890123456789012:x:2",
        "DEVICE_PROOF.v1:0123456789012345678901234567890123456789012:1:2:3",
        "EMAIL_OTP.v1:FIRST:1:2:123456"
      })
  void metadataThisCodeDidNotWriteDoesNotParse(String metadata) {
    assertThat(DeviceChallenge.fromMetadata(metadata)).isEmpty();
  }

  @Test
  void theDevicesSignatureOfTheNonceInTimeIsCorrect() {
    String answer = device.sign(Purpose.SIGN_IN, challenge.nonce());
    assertThat(
            DeviceChallenge.check(
                answer, challenge.privateParameters(), false, NOW.plusSeconds(119)))
        .isEqualTo(Answer.CORRECT);
    assertThat(
            DeviceChallenge.check(" " + answer + "\n", challenge.privateParameters(), false, NOW))
        .isEqualTo(Answer.CORRECT);
  }

  @Test
  void aProofAtOrAfterTheExpiryIsExpiredAndNotCountedAsAGuess() {
    String answer = device.sign(Purpose.SIGN_IN, challenge.nonce());
    Answer late =
        DeviceChallenge.check(answer, challenge.privateParameters(), false, NOW.plusSeconds(120));
    assertThat(late).isEqualTo(Answer.EXPIRED);
    assertThat(late.countsAsWrongCode()).isFalse();
  }

  @Test
  void aTamperedSignatureIsWrongAndCountsForTheLock() {
    char[] answer = device.sign(Purpose.SIGN_IN, challenge.nonce()).toCharArray();
    answer[10] = answer[10] == 'A' ? 'B' : 'A';
    Answer verdict =
        DeviceChallenge.check(new String(answer), challenge.privateParameters(), false, NOW);
    assertThat(verdict).isEqualTo(Answer.WRONG_SIGNATURE);
    assertThat(verdict.correct()).isFalse();
    assertThat(verdict.countsAsWrongCode()).isTrue();
  }

  @Test
  void anotherUsersKeyFileSignsForNothing() {
    TestDevice thief = TestDevice.create();
    String answer = thief.sign(Purpose.SIGN_IN, device.id(), challenge.nonce());
    assertThat(DeviceChallenge.check(answer, challenge.privateParameters(), false, NOW))
        .isEqualTo(Answer.WRONG_SIGNATURE);
  }

  @Test
  void aResendRequestAsksForTheEmailAndIsNeverCompared() {
    String answer = device.sign(Purpose.SIGN_IN, challenge.nonce());
    Answer verdict = DeviceChallenge.check(answer, challenge.privateParameters(), true, NOW);
    assertThat(verdict).isEqualTo(Answer.EMAIL_INSTEAD);
    assertThat(verdict.correct()).isFalse();
    assertThat(verdict.countsAsWrongCode()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"devicePublicKey", "deviceId", "deviceNonce", "deviceProofExpiresAt"})
  void missingPrivateParametersAreMalformedNeverCorrect(String missing) {
    Map<String, String> parameters = new HashMap<>(challenge.privateParameters());
    parameters.remove(missing);
    String answer = device.sign(Purpose.SIGN_IN, challenge.nonce());
    assertThat(DeviceChallenge.check(answer, parameters, false, NOW)).isEqualTo(Answer.MALFORMED);
  }

  @Test
  void aKeyThatDoesNotMatchTheIdIsMalformed() {
    Map<String, String> parameters = new HashMap<>(challenge.privateParameters());
    TestDevice other = TestDevice.create();
    parameters.put("devicePublicKey", other.spki());
    String answer = other.sign(Purpose.SIGN_IN, device.id(), challenge.nonce());
    assertThat(DeviceChallenge.check(answer, parameters, false, NOW)).isEqualTo(Answer.MALFORMED);
  }
}
