package io.github.cognitoemailotp.layer.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cognitoemailotp.layer.device.DeviceProof.Purpose;
import io.github.cognitoemailotp.layer.device.DeviceRegistration.Accepted;
import io.github.cognitoemailotp.layer.device.DeviceRegistration.NotAsked;
import io.github.cognitoemailotp.layer.device.DeviceRegistration.Refusal;
import io.github.cognitoemailotp.layer.device.DeviceRegistration.Refused;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceRegistrationTest {

  static final Instant NOW = Instant.parse("2026-12-01T10:00:00.750Z");
  static final String SUB = "6a1f0000-0000-4000-8000-000000000001";
  static final TrustedDeviceSettings THIRTY_DAYS = new TrustedDeviceSettings(30);

  final TestDevice device = TestDevice.create();
  final String nonce = DeviceNonce.next(new SecureRandom());
  final Map<String, String> codeChallenge = Map.of("code", "123456", "deviceNonce", nonce);

  Map<String, String> request() {
    Map<String, String> metadata = new HashMap<>();
    metadata.put("trustDevice.publicKey", device.spki());
    metadata.put("trustDevice.name", "  Work laptop  ");
    metadata.put("trustDevice.signature", device.sign(Purpose.REGISTER, nonce));
    return metadata;
  }

  DeviceRegistration.Outcome check(TrustedDeviceSettings settings, Map<String, String> metadata) {
    return DeviceRegistration.check(settings, metadata, codeChallenge, SUB, NOW);
  }

  @Test
  void aProvenKeyRegistersForTheConfiguredDays() {
    assertThat(check(THIRTY_DAYS, request()))
        .isEqualTo(
            new Accepted(
                new TrustedDevice(
                    SUB,
                    device.id(),
                    device.spki(),
                    "Work laptop",
                    Instant.parse("2026-12-01T10:00:00Z"),
                    Instant.parse("2026-12-01T10:00:00Z"),
                    Instant.parse("2026-12-31T10:00:00Z"))));
  }

  @Test
  void noRequestNoRegistration() {
    assertThat(check(THIRTY_DAYS, Map.of())).isEqualTo(new NotAsked());
    assertThat(DeviceRegistration.requested(Map.of("resend", "true"))).isFalse();
  }

  @Test
  void withTrustedDevicesOffNothingRegisters() {
    assertThat(check(TrustedDeviceSettings.OFF, request())).isEqualTo(new Refused(Refusal.OFF));
  }

  @Test
  void aSignatureOfAnotherNonceDoesNotProveTheKey() {
    Map<String, String> metadata = request();
    metadata.put(
        "trustDevice.signature",
        device.sign(Purpose.REGISTER, DeviceNonce.next(new SecureRandom())));
    assertThat(check(THIRTY_DAYS, metadata)).isEqualTo(new Refused(Refusal.BAD_SIGNATURE));
  }

  @Test
  void aSignInSignatureDoesNotRegister() {
    Map<String, String> metadata = request();
    metadata.put("trustDevice.signature", device.sign(Purpose.SIGN_IN, nonce));
    assertThat(check(THIRTY_DAYS, metadata)).isEqualTo(new Refused(Refusal.BAD_SIGNATURE));
  }

  @Test
  void someoneElsesPublicKeyCannotBeRegisteredWithoutItsPrivateKey() {
    TestDevice victim = TestDevice.create();
    Map<String, String> metadata = request();
    metadata.put("trustDevice.publicKey", victim.spki());
    assertThat(check(THIRTY_DAYS, metadata)).isEqualTo(new Refused(Refusal.BAD_SIGNATURE));
  }

  @Test
  void aCodeChallengeWithoutANonceRegistersNothing() {
    assertThat(DeviceRegistration.check(THIRTY_DAYS, request(), Map.of("code", "1"), SUB, NOW))
        .isEqualTo(new Refused(Refusal.NO_NONCE));
  }

  @Test
  void noSubNoRegistration() {
    assertThat(DeviceRegistration.check(THIRTY_DAYS, request(), codeChallenge, " ", NOW))
        .isEqualTo(new Refused(Refusal.NO_SUB));
  }

  @Test
  void aKeyOnAnotherCurveIsRefused() {
    TestDevice p384 = TestDevice.create("secp384r1");
    Map<String, String> metadata = request();
    metadata.put("trustDevice.publicKey", p384.spki());
    assertThat(check(THIRTY_DAYS, metadata)).isEqualTo(new Refused(Refusal.MALFORMED_KEY));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "a\nb", "tab\there", "bidi\u202Eoverride", "zero\u200Bwidth"})
  void aNameThatIsEmptyOrNotPrintableIsRefused(String name) {
    Map<String, String> metadata = request();
    metadata.put("trustDevice.name", name);
    assertThat(check(THIRTY_DAYS, metadata)).isEqualTo(new Refused(Refusal.BAD_NAME));
  }

  @Test
  void namesUpTo64CodePointsAreKept() {
    assertThat(DeviceRegistration.name("é".repeat(64))).contains("é".repeat(64));
    assertThat(DeviceRegistration.name("😀".repeat(64))).contains("😀".repeat(64));
    assertThat(DeviceRegistration.name("a".repeat(65))).isEmpty();
    assertThat(DeviceRegistration.name("\uD800 lone")).isEmpty();
  }

  @Test
  void theTermStartsAtRegistrationAndLastsTheConfiguredDays() {
    Accepted accepted = (Accepted) check(new TrustedDeviceSettings(1), request());
    assertThat(Duration.between(accepted.device().createdAt(), accepted.device().expiresAt()))
        .isEqualTo(Duration.ofDays(1));
  }
}
