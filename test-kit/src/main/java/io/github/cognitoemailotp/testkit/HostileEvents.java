package io.github.cognitoemailotp.testkit;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Malformed and adversarial events, built as raw JSON text so that they exercise the parser: random
 * bytes, truncated and corrupted JSON, values of the wrong type at any field, huge and odd unicode
 * strings, deep nesting, duplicate keys, unknown fields and wrong trigger sources, all mutated from
 * real fixtures. The fixtures plant the code {@value #PLANTED_CODE}.
 */
public final class HostileEvents {

  /** The code the fixtures carry in metadata, private parameters and answers. */
  public static final String PLANTED_CODE = "482913";

  private static final Pattern EMF_TIMESTAMP = Pattern.compile("\"Timestamp\":\\d+");

  /**
   * A log without its metrics' timestamps: the wall clock's milliseconds hold any six digits now
   * and then ({@code 1796280482913} once held the planted code), and are not the event's.
   */
  public static String withoutTimestamps(String log) {
    return EMF_TIMESTAMP.matcher(log).replaceAll("\"Timestamp\":0");
  }

  private static final Pattern FIELD = Pattern.compile("\"([A-Za-z:_]+)\"\\s*:\\s*");

  private HostileEvents() {}

  /** One hostile event made from one of {@code fixtures}. */
  public static byte[] next(Random random, List<String> fixtures) {
    String base = new String(Events.load(Sampling.oneOf(random, fixtures)), StandardCharsets.UTF_8);
    String event =
        switch (random.nextInt(10)) {
          case 0 -> randomBytes(random);
          case 1 -> truncated(random, base);
          case 2 -> corrupted(random, base);
          case 3 -> duplicateKey(random, base);
          case 4 -> wrongTriggerSource(random, base);
          case 5 -> unknownFields(random, base);
          default -> replacedValue(random, base, 1 + random.nextInt(3));
        };
    return event.getBytes(StandardCharsets.UTF_8);
  }

  private static String randomBytes(Random random) {
    byte[] bytes = new byte[random.nextInt(200)];
    random.nextBytes(bytes);
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  private static String truncated(Random random, String json) {
    return json.substring(0, random.nextInt(json.length()));
  }

  private static String corrupted(Random random, String json) {
    StringBuilder text = new StringBuilder(json);
    for (int i = 0, n = 1 + random.nextInt(5); i < n; i++) {
      int at = random.nextInt(text.length());
      text.setCharAt(
          at, Sampling.oneOf(random, '{', '}', '[', ']', ',', ':', '"', '\\', 'x', '\u0000'));
    }
    return text.toString();
  }

  private static String duplicateKey(Random random, String json) {
    String key =
        Sampling.oneOf(
            random, "request", "triggerSource", "session", "challengeAnswer", "userAttributes");
    int brace = json.indexOf('{') + 1;
    return json.substring(0, brace)
        + "\""
        + key
        + "\": "
        + hostileValue(random)
        + ","
        + json.substring(brace);
  }

  private static String wrongTriggerSource(Random random, String json) {
    String source =
        Sampling.oneOf(
            random,
            "PreSignUp_SignUp",
            "DefineAuthChallenge_Authentication ",
            "defineauthchallenge_authentication",
            "CreateAuthChallenge_Authentication",
            "VerifyAuthChallengeResponse_Authentication",
            "TokenGeneration_Authentication",
            "TokenGeneration_NewPasswordChallenge",
            "TokenGeneration_RefreshTokens",
            "TokenGeneration_HostedAuth",
            "tokengeneration_authentication",
            "");
    return json.replaceFirst(
        "\"triggerSource\": \"[^\"]*\"", "\"triggerSource\": \"" + source + "\"");
  }

  private static String unknownFields(Random random, String json) {
    String field = "\"" + Sampling.anyString(random, 12).replace("\\", "").replace("\"", "") + "\"";
    int at = json.indexOf("\"request\": {") + "\"request\": {".length();
    return json.substring(0, at) + field + ": " + hostileValue(random) + "," + json.substring(at);
  }

  /** Replaces the values of {@code count} random fields with hostile ones. */
  private static String replacedValue(Random random, String json, int count) {
    String text = json;
    for (int i = 0; i < count; i++) {
      Matcher fields = FIELD.matcher(text);
      int found = 0;
      while (fields.find()) {
        found++;
      }
      if (found == 0) {
        return text;
      }
      int target = random.nextInt(found);
      fields.reset();
      for (int j = 0; j <= target; j++) {
        fields.find();
      }
      int start = fields.end();
      int end = valueEnd(text, start);
      text = text.substring(0, start) + hostileValue(random) + text.substring(end);
    }
    return text;
  }

  /** Where the JSON value starting at {@code start} ends (good enough for our fixtures). */
  private static int valueEnd(String text, int start) {
    char first = text.charAt(start);
    if (first == '"') {
      int i = start + 1;
      while (i < text.length() && text.charAt(i) != '"') {
        i += text.charAt(i) == '\\' ? 2 : 1;
      }
      return Math.min(i + 1, text.length());
    }
    if (first == '{' || first == '[') {
      int depth = 0;
      boolean inString = false;
      for (int i = start; i < text.length(); i++) {
        char c = text.charAt(i);
        if (inString) {
          if (c == '\\') {
            i++;
          } else if (c == '"') {
            inString = false;
          }
        } else if (c == '"') {
          inString = true;
        } else if (c == '{' || c == '[') {
          depth++;
        } else if ((c == '}' || c == ']') && --depth == 0) {
          return i + 1;
        }
      }
      return text.length();
    }
    int i = start;
    while (i < text.length() && ",}]\n".indexOf(text.charAt(i)) < 0) {
      i++;
    }
    return i;
  }

  /** A value of a wrong type, an odd string, a deep structure or a huge string. */
  static String hostileValue(Random random) {
    return switch (random.nextInt(14)) {
      case 0 -> "123";
      case 1 -> "-1e309";
      case 2 -> "true";
      case 3 -> "null";
      case 4 -> "[]";
      case 5 -> "{}";
      case 6 -> "\"\\u0000\\ud800\\u202eevil\"";
      case 7 -> "\"" + "\u202e\u05d0\u0645\uD83D\uDE00\u00e9".repeat(1 + random.nextInt(20)) + "\"";
      case 8 -> "[".repeat(1 + random.nextInt(3000)) + "]".repeat(random.nextInt(2) == 0 ? 0 : 1);
      case 9 ->
          "{\"a\":".repeat(1 + random.nextInt(600)) + "1" + "}".repeat(1 + random.nextInt(600));
      case 10 ->
          "\"" + "A".repeat(random.nextInt(100) == 0 ? 262_144 : random.nextInt(4096)) + "\"";
      case 11 -> "[{\"challengeName\": \"CUSTOM_CHALLENGE\", \"challengeResult\": \"true\"}]";
      case 12 -> "{\"resend\": [\"true\"], \"code\": 1}";
      default -> "\"" + Sampling.anyString(random, 40).replace("\\", "").replace("\"", "") + "\"";
    };
  }
}
