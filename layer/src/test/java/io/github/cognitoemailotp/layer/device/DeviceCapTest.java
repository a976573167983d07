package io.github.cognitoemailotp.layer.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceCapTest {

  static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  static final String SUB = "6a1f0000-0000-4000-8000-000000000001";

  static TrustedDevice device(int createdMinutesAgo, Duration life) {
    Instant createdAt = NOW.minus(Duration.ofMinutes(createdMinutesAgo));
    return new TrustedDevice(
        SUB, TestDevice.create().id(), "key", "d", createdAt, createdAt, createdAt.plus(life));
  }

  static List<TrustedDevice> devices(int count) {
    List<TrustedDevice> devices = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      devices.add(device(100 - i, Duration.ofDays(30)));
    }
    return devices;
  }

  @Test
  void tenDevicesStay() {
    List<TrustedDevice> ten = devices(10);
    assertThat(DeviceCap.toEvict(ten, ten.getLast().deviceId(), 10, NOW)).isEmpty();
  }

  @Test
  void theEleventhPushesOutTheOldest() {
    List<TrustedDevice> eleven = devices(11);
    assertThat(DeviceCap.toEvict(eleven, eleven.getLast().deviceId(), 10, NOW))
        .containsExactly(eleven.getFirst().deviceId());
  }

  @Test
  void theOldestGoesWhateverTheOrderTheStoreListsThemIn() {
    List<TrustedDevice> eleven = devices(11);
    TrustedDevice oldest = eleven.getFirst();
    List<TrustedDevice> shuffled = new ArrayList<>(eleven.reversed());
    assertThat(DeviceCap.toEvict(shuffled, eleven.getLast().deviceId(), 10, NOW))
        .containsExactly(oldest.deviceId());
  }

  @Test
  void expiredDevicesGoFirstEvenUnderTheCap() {
    List<TrustedDevice> some = devices(3);
    TrustedDevice expired = device(60 * 24 * 2, Duration.ofDays(1));
    some.add(expired);
    assertThat(DeviceCap.toEvict(some, some.getFirst().deviceId(), 10, NOW))
        .containsExactly(expired.deviceId());
  }

  @Test
  void theNewRegistrationNeverGoesEvenWhenItIsTheOldestCreated() {
    List<TrustedDevice> eleven = devices(11);
    String keep = eleven.getFirst().deviceId(); // a re-registration keeps its old row's place
    assertThat(DeviceCap.toEvict(eleven, keep, 10, NOW)).containsExactly(eleven.get(1).deviceId());
  }

  @Test
  void fromManyDownToTheCap() {
    List<TrustedDevice> fifteen = devices(15);
    assertThat(DeviceCap.toEvict(fifteen, fifteen.getLast().deviceId(), 10, NOW))
        .containsExactlyElementsOf(
            fifteen.subList(0, 5).stream().map(TrustedDevice::deviceId).toList());
  }
}
