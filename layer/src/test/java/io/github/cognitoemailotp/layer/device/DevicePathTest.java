package io.github.cognitoemailotp.layer.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cognitoemailotp.layer.device.DevicePath.Email;
import io.github.cognitoemailotp.layer.device.DevicePath.EmailReason;
import io.github.cognitoemailotp.layer.device.DevicePath.UseDevice;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DevicePathTest {

  static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  static final TrustedDeviceSettings THIRTY_DAYS = new TrustedDeviceSettings(30);
  static final String SUB = "6a1f0000-0000-4000-8000-000000000001";

  final MemoryTrustedDevices store = new MemoryTrustedDevices();
  final TestDevice device = TestDevice.create();
  TrustedDevice stored;

  @BeforeEach
  void registerTheDevice() {
    stored =
        new TrustedDevice(
            SUB, device.id(), device.spki(), "laptop", NOW, NOW, NOW.plus(Duration.ofDays(30)));
    store.register(stored, NOW);
  }

  DevicePath.Decision decide(
      TrustedDeviceSettings settings, String deviceId, boolean first, String sub, Instant now) {
    Map<String, String> metadata = deviceId == null ? Map.of() : Map.of("deviceId", deviceId);
    return DevicePath.decide(settings, metadata, first, sub, store, now);
  }

  @Test
  void aLiveDeviceOfThisUserSignsInsteadOfTheEmail() {
    assertThat(decide(THIRTY_DAYS, device.id(), true, SUB, NOW.plusSeconds(60)))
        .isEqualTo(new UseDevice(stored));
  }

  @Test
  void noDeviceNamedEmailsTheCodeAndSaysNothingAboutDevices() {
    DevicePath.Decision decision = decide(THIRTY_DAYS, null, true, SUB, NOW);
    assertThat(decision).isEqualTo(new Email(EmailReason.NOT_ASKED));
    assertThat(((Email) decision).publicParameters()).isEmpty();
  }

  @Test
  void trustedDevicesOffEmailsTheCodeAndTellsTheAppToForget() {
    DevicePath.Decision decision = decide(TrustedDeviceSettings.OFF, device.id(), true, SUB, NOW);
    assertThat(decision).isEqualTo(new Email(EmailReason.OFF));
    assertThat(((Email) decision).publicParameters()).containsEntry("deviceTrusted", "false");
  }

  @Test
  void aDeviceIsAskedOnlyForTheFirstCustomChallenge() {
    assertThat(decide(THIRTY_DAYS, device.id(), false, SUB, NOW))
        .isEqualTo(new Email(EmailReason.NOT_FIRST));
  }

  @Test
  void anExpiredDeviceFallsBackToTheEmail() {
    assertThat(decide(THIRTY_DAYS, device.id(), true, SUB, stored.expiresAt()))
        .isEqualTo(new Email(EmailReason.NOT_TRUSTED));
    assertThat(decide(THIRTY_DAYS, device.id(), true, SUB, stored.expiresAt().minusSeconds(1)))
        .isEqualTo(new UseDevice(stored));
  }

  @Test
  void anotherUsersDeviceIsNotTrustedForThisUser() {
    assertThat(decide(THIRTY_DAYS, device.id(), true, "another-sub", NOW))
        .isEqualTo(new Email(EmailReason.NOT_TRUSTED));
  }

  @Test
  void aRevokedDeviceFallsBackToTheEmail() {
    store.remove(SUB, device.id());
    assertThat(decide(THIRTY_DAYS, device.id(), true, SUB, NOW))
        .isEqualTo(new Email(EmailReason.NOT_TRUSTED));
  }

  @Test
  void anUnknownOrMalformedIdFallsBackToTheEmail() {
    assertThat(decide(THIRTY_DAYS, TestDevice.create().id(), true, SUB, NOW))
        .isEqualTo(new Email(EmailReason.NOT_TRUSTED));
    assertThat(decide(THIRTY_DAYS, "../../etc/passwd", true, SUB, NOW))
        .isEqualTo(new Email(EmailReason.MALFORMED_ID));
  }

  @Test
  void noSubNoLookup() {
    store.down = true; // a lookup would say STORE_UNAVAILABLE
    assertThat(decide(THIRTY_DAYS, device.id(), true, "", NOW))
        .isEqualTo(new Email(EmailReason.NO_SUB));
  }

  @Test
  void aStoreThatCannotAnswerFallsBackToTheEmailAndKeepsTheKey() {
    store.down = true;
    DevicePath.Decision decision = decide(THIRTY_DAYS, device.id(), true, SUB, NOW);
    assertThat(decision).isEqualTo(new Email(EmailReason.STORE_UNAVAILABLE));
    assertThat(((Email) decision).publicParameters()).isEmpty();
  }
}
