package io.github.cognitoemailotp.client.device;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where this computer keeps its device keys: one file per pool and user in a directory only the
 * user may enter (0700), each file readable only by the user (0600). A file that others may read,
 * or that is not a regular file, is not used (its key may be known to someone else). The private
 * key never leaves its file except into this process's memory to sign.
 */
public final class DeviceStore {

  private static final Set<PosixFilePermission> DIRECTORY =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private final Path directory;

  public DeviceStore(Path directory) {
    this.directory = directory;
  }

  /**
   * The default directory: {@code $XDG_CONFIG_HOME/cognito-email-otp/devices}, else {@code
   * ~/.config/cognito-email-otp/devices}.
   */
  public static Path defaultDirectory(Map<String, String> environment) {
    String config = environment.getOrDefault("XDG_CONFIG_HOME", "");
    Path base =
        config.isBlank() ? Path.of(System.getProperty("user.home"), ".config") : Path.of(config);
    return base.resolve("cognito-email-otp").resolve("devices");
  }

  public Path directory() {
    return directory;
  }

  /** The file of {@code username} in {@code userPoolId}: named by a hash, so no name leaks. */
  public Path fileOf(String userPoolId, String username) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((userPoolId + "\n" + username).getBytes(StandardCharsets.UTF_8));
      return directory.resolve(HexFormat.of().formatHex(digest, 0, 16) + ".key");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Why a file is not used, or empty when it may be. */
  static Optional<String> unsafe(Path file) throws IOException {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.of(file + " is not a regular file");
    }
    if (posix()) {
      Set<PosixFilePermission> permissions =
          Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
      if (!FILE.containsAll(permissions)) {
        return Optional.of(
            file
                + " may be read by others ("
                + PosixFilePermissions.toString(permissions)
                + "); its key is not used. Remove the file and trust this device again.");
      }
    }
    return Optional.empty();
  }

  /**
   * The key of {@code username} in {@code userPoolId}, if there is a usable one.
   *
   * @throws IllegalStateException with what to do, when there is a file that must not be used
   */
  public Optional<DeviceKeyFile> load(String userPoolId, String username) {
    Path file = fileOf(userPoolId, username);
    try {
      if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.empty();
      }
      Optional<String> unsafe = unsafe(file);
      if (unsafe.isPresent()) {
        throw new IllegalStateException(unsafe.get());
      }
      return Optional.of(DeviceKeyFile.fromText(Files.readString(file, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(file + ": " + e.getMessage() + "; remove it", e);
    }
  }

  /** Saves the key with mode 0600 in a 0700 directory, replacing any earlier one atomically. */
  public void save(String userPoolId, String username, DeviceKeyFile key) {
    Path file = fileOf(userPoolId, username);
    try {
      if (posix()) {
        Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(DIRECTORY));
        Files.setPosixFilePermissions(directory, DIRECTORY);
      } else {
        Files.createDirectories(directory);
      }
      Path temporary =
          posix()
              ? Files.createTempFile(
                  directory, ".device", ".tmp", PosixFilePermissions.asFileAttribute(FILE))
              : Files.createTempFile(directory, ".device", ".tmp");
      try {
        Files.writeString(temporary, key.toText(), StandardCharsets.UTF_8);
        try {
          Files.move(
              temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Removes the key of {@code username} in {@code userPoolId}; whether there was one. */
  public boolean forget(String userPoolId, String username) {
    try {
      return Files.deleteIfExists(fileOf(userPoolId, username));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }
}
