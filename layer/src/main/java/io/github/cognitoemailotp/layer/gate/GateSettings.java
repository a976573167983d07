package io.github.cognitoemailotp.layer.gate;

import io.github.cognitoemailotp.layer.InvalidSettingException;
import io.github.cognitoemailotp.layer.Setting;
import io.github.cognitoemailotp.layer.internal.Environment;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The token gate's setting.
 *
 * @param ungatedClientIds the app clients of the pool whose tokens the gate lets through without a
 *     second-factor pass, {@link Setting#UNGATED_CLIENT_IDS}: a comma-separated list of client ids,
 *     empty by default, so every client of the pool is gated. An existing pool's owner lists the
 *     pool's other clients here (docs/existing-pool.md).
 */
public record GateSettings(Set<String> ungatedClientIds) {

  /** A Cognito app client id, as the API's {@code ClientIdType} allows it. */
  private static final Pattern CLIENT_ID = Pattern.compile("[\\w+]{1,128}");

  /** Every client gated. */
  public static final GateSettings DEFAULT = new GateSettings(Set.of());

  public GateSettings {
    ungatedClientIds = Set.copyOf(ungatedClientIds);
  }

  /** Reads the setting; an invalid client id throws with the variable's name and the rule. */
  public static GateSettings fromEnvironment(Map<String, String> variables) {
    return parse(new Environment(variables).optionalText(Setting.UNGATED_CLIENT_IDS));
  }

  /** Parses a comma-separated list of client ids; blanks around ids and empty items are ignored. */
  public static GateSettings parse(String list) {
    Set<String> ids = new LinkedHashSet<>();
    for (String item : list.split(",", -1)) {
      String id = item.strip();
      if (id.isEmpty()) {
        continue;
      }
      if (!CLIENT_ID.matcher(id).matches()) {
        throw new InvalidSettingException(
            Setting.UNGATED_CLIENT_IDS.variable()
                + " holds \""
                + (id.length() > 64 ? id.substring(0, 64) + "..." : id)
                + "\"; it must be a comma-separated list of app client ids (1 to 128 letters,"
                + " digits, '_' or '+' each), empty by default: every client is gated");
      }
      ids.add(id);
    }
    return new GateSettings(ids);
  }
}
