package io.github.cognitoemailotp.client.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cognitoemailotp.layer.device.DeviceKey;
import io.github.cognitoemailotp.layer.device.DeviceProof;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceStoreTest {

  @TempDir Path home;

  static final String POOL = "us-east-1_ExAmPlE01";

  @Test
  void aSavedKeyIsInA0600FileInA0700DirectoryAndLoadsBack() throws Exception {
    DeviceStore store = new DeviceStore(home.resolve("devices"));
    DeviceKeyFile key = DeviceKeyFile.generate("laptop");
    store.save(POOL, "jane@example.com", key);
    Path file = store.fileOf(POOL, "jane@example.com");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.directory())))
        .isEqualTo("rwx------");
    assertThat(file.getFileName().toString()).doesNotContain("jane");
    DeviceKeyFile loaded = store.load(POOL, "jane@example.com").orElseThrow();
    assertThat(loaded.deviceId()).isEqualTo(key.deviceId());
    assertThat(loaded.name()).isEqualTo("laptop");
    try (var listing = Files.list(store.directory())) {
      assertThat(listing).containsExactly(file);
    }
  }

  @Test
  void eachUserAndPoolHasItsOwnFile() {
    DeviceStore store = new DeviceStore(home);
    store.save(POOL, "jane@example.com", DeviceKeyFile.generate("a"));
    assertThat(store.load(POOL, "john@example.com")).isEmpty();
    assertThat(store.load("eu-west-1_Other", "jane@example.com")).isEmpty();
  }

  @Test
  void aFileOthersMayReadIsRefusedWithWhatToDo() throws Exception {
    DeviceStore store = new DeviceStore(home);
    store.save(POOL, "jane@example.com", DeviceKeyFile.generate("a"));
    Path file = store.fileOf(POOL, "jane@example.com");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> store.load(POOL, "jane@example.com"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("may be read by others")
        .hasMessageContaining("Remove the file");
  }

  @Test
  void aSymlinkIsRefused() throws Exception {
    DeviceStore store = new DeviceStore(home.resolve("devices"));
    store.save(POOL, "jane@example.com", DeviceKeyFile.generate("a"));
    Path target = store.fileOf(POOL, "jane@example.com");
    Path moved = Files.move(target, home.resolve("elsewhere.key"));
    Files.createSymbolicLink(target, moved);
    assertThatThrownBy(() -> store.load(POOL, "jane@example.com"))
        .hasMessageContaining("not a regular file");
  }

  @Test
  void forgetRemovesTheKey() {
    DeviceStore store = new DeviceStore(home);
    store.save(POOL, "jane@example.com", DeviceKeyFile.generate("a"));
    assertThat(store.forget(POOL, "jane@example.com")).isTrue();
    assertThat(store.load(POOL, "jane@example.com")).isEmpty();
    assertThat(store.forget(POOL, "jane@example.com")).isFalse();
  }

  @Test
  void theDefaultDirectoryIsUnderTheUsersConfigDirectory() {
    assertThat(DeviceStore.defaultDirectory(Map.of("XDG_CONFIG_HOME", "/x/config")))
        .isEqualTo(Path.of("/x/config/cognito-email-otp/devices"));
    assertThat(DeviceStore.defaultDirectory(Map.of()))
        .isEqualTo(
            Path.of(System.getProperty("user.home"), ".config", "cognito-email-otp", "devices"));
  }

  @Test
  void theClientSignsWhatTheServerVerifiesAndDerivesTheSameId() {
    DeviceKeyFile key = DeviceKeyFile.generate("a");
    DeviceKey serverView = DeviceKey.parse(key.publicKeyBase64()).orElseThrow();
    assertThat(serverView.deviceId()).isEqualTo(key.deviceId());
    assertThat(DeviceProof.message(DeviceProof.Purpose.SIGN_IN, key.deviceId(), "n"))
        .isEqualTo(DeviceKeyFile.message(DeviceKeyFile.Purpose.SIGN_IN, key.deviceId(), "n"));
    assertThat(
            DeviceProof.verify(
                serverView,
                DeviceProof.Purpose.SIGN_IN,
                "nonce-1",
                key.sign(DeviceKeyFile.Purpose.SIGN_IN, "nonce-1")))
        .isTrue();
    assertThat(
            DeviceProof.verify(
                serverView,
                DeviceProof.Purpose.REGISTER,
                "nonce-1",
                key.sign(DeviceKeyFile.Purpose.REGISTER, "nonce-1")))
        .isTrue();
  }
}
