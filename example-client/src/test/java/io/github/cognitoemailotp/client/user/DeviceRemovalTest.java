package io.github.cognitoemailotp.client.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cognitoemailotp.layer.TriggerFailureException;
import io.github.cognitoemailotp.layer.device.TrustedDevice;
import io.github.cognitoemailotp.layer.device.TrustedDevices;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The operator's removal of trusted devices, on an in-memory store that behaves as {@code
 * DynamoDbTrustedDevices} does (its own tests hold that against dynalite): what is removed, what is
 * said, and that an item the functions did not write stops it before anything is removed.
 */
class DeviceRemovalTest {

  static final Instant NOW = Instant.parse("2026-12-03T04:20:00Z");
  static final String ALICE = "0b5e9f1c-1111-4222-8333-444455556666";
  static final String BOB = "7d1e2f3a-aaaa-4bbb-8ccc-ddddeeeeffff";
  static final String LAPTOP = "kq0vYQ4w9bJtHc2fVnE7sL1xPuRgAoZmD3yKiT8eW5_";
  static final String PHONE = "Zr-3pXc9WqLmN2bV7tHyK4sDfJ1gUoEa6iC0wR8vBn5";

  /** The store's contract: list, remove, removeAll; the rest is not the operator's. */
  static class InMemoryDevices implements TrustedDevices {
    final List<TrustedDevice> items = new ArrayList<>();
    boolean foreignItem;
    int deletes;

    @Override
    public Optional<TrustedDevice> find(String sub, String deviceId, Instant now) {
      throw new UnsupportedOperationException("not the operator's");
    }

    @Override
    public List<String> register(TrustedDevice device, Instant now) {
      throw new UnsupportedOperationException("not the operator's");
    }

    @Override
    public boolean markUsed(String sub, String deviceId, String publicKey, Instant now) {
      throw new UnsupportedOperationException("not the operator's");
    }

    @Override
    public List<TrustedDevice> list(String sub) {
      if (foreignItem) {
        throw new TriggerFailureException(
            "The device store holds an item this code did not write in the table T"
                + " (NullPointerException); remove it");
      }
      return items.stream()
          .filter(device -> device.sub().equals(sub))
          .sorted(Comparator.comparing(TrustedDevice::createdAt))
          .toList();
    }

    @Override
    public boolean remove(String sub, String deviceId) {
      deletes++;
      return items.removeIf(
          device -> device.sub().equals(sub) && device.deviceId().equals(deviceId));
    }

    @Override
    public int removeAll(String sub) {
      int removed = 0;
      for (TrustedDevice device : list(sub)) {
        if (remove(sub, device.deviceId())) {
          removed++;
        }
      }
      return removed;
    }
  }

  final InMemoryDevices store = new InMemoryDevices();
  final DeviceRemoval removal = new DeviceRemoval(store);

  static TrustedDevice device(String sub, String id, String name, Instant expiresAt) {
    Instant createdAt = Instant.parse("2026-11-20T10:00:00Z");
    return new TrustedDevice(sub, id, "MFkw-key", name, createdAt, createdAt, expiresAt);
  }

  @Test
  void removingOneDeviceRemovesOnlyItAndSaysWhichAndUntilWhenItWasTrusted() {
    store.items.add(device(ALICE, LAPTOP, "Work laptop", NOW.plusSeconds(86400)));
    store.items.add(device(ALICE, PHONE, "phone", NOW.plusSeconds(86400)));

    DeviceRemoval.Outcome outcome = removal.one(ALICE, LAPTOP, "alice", "alice", NOW);

    assertThat(outcome.found()).isTrue();
    assertThat(outcome.said())
        .isEqualTo(
            "Removed the trusted device "
                + LAPTOP
                + " (\"Work laptop\", registered 2026-11-20T10:00:00Z, trusted until"
                + " 2026-12-04T04:20:00Z) of alice: its next sign-in gets the emailed code.");
    assertThat(store.items).extracting(TrustedDevice::deviceId).containsExactly(PHONE);
  }

  @Test
  void removingAnExpiredDeviceSaysItHadExpired() {
    store.items.add(device(ALICE, LAPTOP, "laptop", NOW.minusSeconds(60)));

    assertThat(removal.one(ALICE, LAPTOP, "alice", "alice", NOW).said())
        .contains("expired since 2026-12-03T04:19:00Z) of alice");
    assertThat(store.items).isEmpty();
  }

  @Test
  void anotherUsersDeviceIsNoSuchDeviceAndIsNotTouched() {
    store.items.add(device(BOB, LAPTOP, "bob's laptop", NOW.plusSeconds(86400)));

    DeviceRemoval.Outcome outcome =
        removal.one(ALICE, LAPTOP, "the user with sub " + ALICE, "The user with sub " + ALICE, NOW);

    assertThat(outcome.found()).isFalse();
    assertThat(outcome.said())
        .isEqualTo(
            "The user with sub "
                + ALICE
                + " has no trusted device "
                + LAPTOP
                + ": nothing removed. The user's devices are listed below.");
    assertThat(store.items).hasSize(1);
    assertThat(store.deletes).as("no DeleteItem for a device not listed").isZero();
  }

  @Test
  void aDeviceRemovedMeanwhileIsNoSuchDevice() {
    TrustedDevices vanishing =
        new InMemoryDevices() {
          @Override
          public boolean remove(String sub, String deviceId) {
            items.clear();
            return false;
          }
        };
    ((InMemoryDevices) vanishing).items.add(device(ALICE, LAPTOP, "laptop", NOW.plusSeconds(60)));

    assertThat(new DeviceRemoval(vanishing).one(ALICE, LAPTOP, "alice", "alice", NOW).found())
        .isFalse();
  }

  @Test
  void removingAllRemovesEveryDeviceOfTheUserExpiredOnesIncludedAndSaysHowMany() {
    store.items.add(device(ALICE, LAPTOP, "laptop", NOW.plusSeconds(86400)));
    store.items.add(device(ALICE, PHONE, "phone", NOW.minusSeconds(86400)));
    store.items.add(device(BOB, LAPTOP, "bob's", NOW.plusSeconds(86400)));

    DeviceRemoval.Outcome outcome = removal.all(ALICE, "alice", "alice");

    assertThat(outcome.said())
        .isEqualTo(
            "Removed all 2 trusted devices of alice (expired ones included): each sign-in now"
                + " gets the emailed code.");
    assertThat(store.items).extracting(TrustedDevice::sub).containsExactly(BOB);
  }

  @Test
  void removingAllOfAUserWithoutDevicesSaysSo() {
    assertThat(removal.all(ALICE, "alice", "Alice").said())
        .isEqualTo("Alice had no trusted devices: nothing to remove.");
  }

  /** (For all devices, the store's own removeAll lists first: local-cognito's end-to-end test.) */
  @Test
  void anItemTheFunctionsDidNotWriteStopsTheRemovalOfOneBeforeAnythingIsRemoved() {
    store.items.add(device(ALICE, LAPTOP, "laptop", NOW.plusSeconds(86400)));
    store.foreignItem = true;

    assertThatThrownBy(() -> removal.one(ALICE, LAPTOP, "alice", "alice", NOW))
        .isInstanceOf(TriggerFailureException.class)
        .hasMessageContaining("did not write");
    assertThat(store.deletes).isZero();
    assertThat(store.items).hasSize(1);
  }
}
