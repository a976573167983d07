package io.github.cognitoemailotp.client.user;

import io.github.cognitoemailotp.layer.device.TrustedDevice;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A user's trusted devices (issue 24) as the {@code user} command shows them: off (and why), or the
 * device table and every item the user has in it, expired ones included (DynamoDB's TTL deletes an
 * item days after its {@code expiresAt}; until then it is shown as expired, never as trusted, as
 * every rule of the functions treats it as gone). No public key is kept here: only what is shown.
 *
 * @param table the stack's {@code TrustedDeviceTable}; empty when trusted devices are off
 * @param offBecause why they are off (shown when {@code table} is empty)
 * @param devices the user's items, oldest first
 * @param readAt when they were read: what "expired" is measured against
 */
public record UserDevices(
    Optional<String> table, String offBecause, List<Shown> devices, Instant readAt) {

  /**
   * One device, without its key.
   *
   * @param deviceId the id the log lines name and {@code --remove-device} takes
   * @param name what the user or the app called it
   * @param createdAt when it registered
   * @param lastUsedAt when it last stood in for the code (its registration, at first)
   * @param expiresAt when it stops being trusted
   */
  public record Shown(
      String deviceId, String name, Instant createdAt, Instant lastUsedAt, Instant expiresAt) {

    public static Shown of(TrustedDevice device) {
      return new Shown(
          device.deviceId(),
          device.name(),
          device.createdAt(),
          device.lastUsedAt(),
          device.expiresAt());
    }

    /** Whether it still stands in for the code at {@code now}: the functions' own rule. */
    public boolean trustedAt(Instant now) {
      return now.isBefore(expiresAt);
    }
  }

  public UserDevices {
    devices = List.copyOf(devices);
  }

  /** Trusted devices off for this stack (or no table given): nothing read. */
  public static UserDevices off(String because, Instant now) {
    return new UserDevices(Optional.empty(), because, List.of(), now);
  }

  /** The devices read from {@code table} at {@code now}. */
  public static UserDevices listed(String table, List<TrustedDevice> devices, Instant now) {
    return new UserDevices(Optional.of(table), "", devices.stream().map(Shown::of).toList(), now);
  }

  public boolean on() {
    return table.isPresent();
  }

  /** How many still stand in for the code. */
  public long trusted() {
    return devices.stream().filter(device -> device.trustedAt(readAt)).count();
  }

  /**
   * A name as it may be printed: in double quotes, with a quote, a backslash and any control or
   * format character escaped, so an item's name cannot move the terminal's cursor or fake a line.
   */
  public static String quoted(String name) {
    StringBuilder text = new StringBuilder("\"");
    name.codePoints()
        .forEach(
            codePoint -> {
              int type = Character.getType(codePoint);
              if (codePoint == '"' || codePoint == '\\') {
                text.append('\\').appendCodePoint(codePoint);
              } else if (type == Character.CONTROL
                  || type == Character.FORMAT
                  || type == Character.SURROGATE
                  || type == Character.LINE_SEPARATOR
                  || type == Character.PARAGRAPH_SEPARATOR) {
                text.append(String.format("\\u%04x", codePoint));
              } else {
                text.appendCodePoint(codePoint);
              }
            });
    return text.append('"').toString();
  }
}
