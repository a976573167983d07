package io.github.cognitoemailotp.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A checker for CloudWatch Embedded Metric Format documents, written from AWS's specification
 * ("Specification: Embedded metric format", CloudWatch User Guide, and its JSON schema): it says
 * which rule a log line breaks, and which metric data CloudWatch would extract from a line that
 * breaks none. It reads JSON with jackson, not with the layer's own reader.
 *
 * <p>The rules checked:
 *
 * <ul>
 *   <li>the log event is one JSON object, with nothing before or after it;
 *   <li>its {@code _aws} member is an object with exactly {@code Timestamp} (an integer,
 *       milliseconds since the epoch) and {@code CloudWatchMetrics} (an array of MetricDirectives);
 *   <li>a MetricDirective has exactly {@code Namespace} (1 to 255 characters, CloudWatch's own
 *       limit, not starting with {@code :}), {@code Dimensions} (an array of at least one
 *       DimensionSet) and {@code Metrics} (an array of at most 100 MetricDefinitions);
 *   <li>a DimensionSet is an array of at most 30 strings (1 to 250 characters), each naming a
 *       member of the root with a string value of at most 1024 characters; it may be empty;
 *   <li>a MetricDefinition has {@code Name} (1 to 1024 characters, naming a root member that is a
 *       number or an array of at most 100 numbers), and may have {@code Unit} (one of CloudWatch's
 *       units) and {@code StorageResolution} (1 or 60), and nothing else;
 *   <li>targets are members of the root itself, never nested.
 * </ul>
 */
public final class EmfSpecification {

  /** One metric datum CloudWatch would extract from the document. */
  public record Datum(
      String namespace, String name, Map<String, String> dimensions, String unit, double value) {

    /** {@code Name{Dimension=value,...}}, for counting and for readable assertions. */
    public String key() {
      StringBuilder key = new StringBuilder(name).append('{');
      String separator = "";
      for (Map.Entry<String, String> dimension : new TreeMap<>(dimensions).entrySet()) {
        key.append(separator).append(dimension.getKey()).append('=').append(dimension.getValue());
        separator = ",";
      }
      return key.append('}').toString();
    }
  }

  /** A document that breaks the specification; the message names the rule. */
  public static final class ViolationException extends RuntimeException {
    ViolationException(String message) {
      super(message);
    }
  }

  static final Set<String> UNITS =
      Set.of(
          "Seconds",
          "Microseconds",
          "Milliseconds",
          "Bytes",
          "Kilobytes",
          "Megabytes",
          "Gigabytes",
          "Terabytes",
          "Bits",
          "Kilobits",
          "Megabits",
          "Gigabits",
          "Terabits",
          "Percent",
          "Count",
          "Bytes/Second",
          "Kilobytes/Second",
          "Megabytes/Second",
          "Gigabytes/Second",
          "Terabytes/Second",
          "Bits/Second",
          "Kilobits/Second",
          "Megabits/Second",
          "Gigabits/Second",
          "Terabits/Second",
          "Count/Second",
          "None");

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private EmfSpecification() {}

  /** Whether the line claims to be EMF: a JSON object with an {@code _aws} member. */
  public static boolean isEmf(String line) {
    try {
      JsonNode root = MAPPER.readTree(line);
      return root != null && root.isObject() && root.has("_aws");
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  /**
   * Checks {@code line} against the specification and returns what CloudWatch would extract.
   *
   * @throws ViolationException naming the first rule the line breaks
   */
  public static List<Datum> check(String line) {
    JsonNode root;
    try {
      root = MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new ViolationException(
          "the log event is not one JSON object: " + e.getOriginalMessage());
    }
    require(root != null && root.isObject(), "the log event is not a JSON object");
    JsonNode metadata = root.get("_aws");
    require(metadata != null && metadata.isObject(), "_aws is missing or not an object");
    onlyMembers(metadata, "_aws", Set.of("Timestamp", "CloudWatchMetrics"));
    JsonNode timestamp = metadata.get("Timestamp");
    require(timestamp != null && timestamp.isIntegralNumber(), "_aws.Timestamp is not an integer");
    // Milliseconds, not seconds: from 2001 to 2286.
    require(
        timestamp.asLong() >= 1_000_000_000_000L && timestamp.asLong() < 10_000_000_000_000L,
        "_aws.Timestamp " + timestamp.asLong() + " is not milliseconds since the epoch");
    JsonNode directives = metadata.get("CloudWatchMetrics");
    require(directives != null && directives.isArray(), "_aws.CloudWatchMetrics is not an array");
    List<Datum> data = new ArrayList<>();
    for (int i = 0; i < directives.size(); i++) {
      data.addAll(directive(root, directives.get(i), "CloudWatchMetrics[" + i + "]"));
    }
    return data;
  }

  /** Sums the data by {@link Datum#key()}. */
  public static Map<String, Double> totals(List<Datum> data) {
    Map<String, Double> totals = new TreeMap<>();
    for (Datum datum : data) {
      totals.merge(datum.key(), datum.value(), Double::sum);
    }
    return totals;
  }

  private static List<Datum> directive(JsonNode root, JsonNode directive, String where) {
    require(directive.isObject(), where + " is not an object");
    onlyMembers(directive, where, Set.of("Namespace", "Dimensions", "Metrics"));
    JsonNode namespace = directive.get("Namespace");
    require(namespace != null && namespace.isTextual(), where + ".Namespace is not a string");
    String namespaceText = namespace.asText();
    require(
        !namespaceText.isEmpty() && namespaceText.length() <= 255 && !namespaceText.startsWith(":"),
        where + ".Namespace \"" + namespaceText + "\" is not a CloudWatch namespace");
    JsonNode dimensionSets = directive.get("Dimensions");
    require(
        dimensionSets != null && dimensionSets.isArray() && !dimensionSets.isEmpty(),
        where + ".Dimensions is not an array of at least one DimensionSet");
    List<Map<String, String>> resolvedSets = new ArrayList<>();
    for (int i = 0; i < dimensionSets.size(); i++) {
      resolvedSets.add(dimensionSet(root, dimensionSets.get(i), where + ".Dimensions[" + i + "]"));
    }
    JsonNode metrics = directive.get("Metrics");
    require(
        metrics != null && metrics.isArray() && metrics.size() <= 100,
        where + ".Metrics is not an array of at most 100 MetricDefinitions");
    List<Datum> data = new ArrayList<>();
    for (int i = 0; i < metrics.size(); i++) {
      JsonNode definition = metrics.get(i);
      String at = where + ".Metrics[" + i + "]";
      require(definition.isObject(), at + " is not an object");
      onlyMembers(definition, at, Set.of("Name", "Unit", "StorageResolution"));
      JsonNode name = definition.get("Name");
      require(
          name != null
              && name.isTextual()
              && !name.asText().isEmpty()
              && name.asText().length() <= 1024,
          at + ".Name is not a string of 1 to 1024 characters");
      String unit = "None";
      if (definition.has("Unit")) {
        JsonNode unitNode = definition.get("Unit");
        require(
            unitNode.isTextual() && UNITS.contains(unitNode.asText()),
            at + ".Unit is not a CloudWatch unit");
        unit = unitNode.asText();
      }
      if (definition.has("StorageResolution")) {
        JsonNode resolution = definition.get("StorageResolution");
        require(
            resolution.isIntegralNumber() && (resolution.asInt() == 1 || resolution.asInt() == 60),
            at + ".StorageResolution is not 1 or 60");
      }
      JsonNode target = root.get(name.asText());
      require(target != null, at + " names \"" + name.asText() + "\", which is not a root member");
      List<Double> values = new ArrayList<>();
      if (target.isArray()) {
        require(
            target.size() <= 100, "metric target " + name.asText() + " has more than 100 values");
        for (JsonNode value : target) {
          require(value.isNumber(), "metric target " + name.asText() + " holds a non-number");
          values.add(value.asDouble());
        }
      } else {
        require(target.isNumber(), "metric target " + name.asText() + " is not a number");
        values.add(target.asDouble());
      }
      for (Map<String, String> dimensions : resolvedSets) {
        for (double value : values) {
          data.add(new Datum(namespaceText, name.asText(), dimensions, unit, value));
        }
      }
    }
    return data;
  }

  private static Map<String, String> dimensionSet(JsonNode root, JsonNode set, String where) {
    require(
        set.isArray() && set.size() <= 30,
        where + " is not a DimensionSet (an array of at most 30 dimension keys)");
    Map<String, String> dimensions = new LinkedHashMap<>();
    for (JsonNode key : set) {
      require(
          key.isTextual() && !key.asText().isEmpty() && key.asText().length() <= 250,
          where + " holds a key that is not a string of 1 to 250 characters");
      JsonNode target = root.get(key.asText());
      require(
          target != null && target.isTextual() && target.asText().length() <= 1024,
          "dimension target "
              + key.asText()
              + " is not a root member with a string of at most 1024 characters");
      dimensions.put(key.asText(), target.asText());
    }
    return dimensions;
  }

  private static void onlyMembers(JsonNode object, String where, Set<String> allowed) {
    Iterator<String> names = object.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      require(
          allowed.contains(name),
          where + " has a member the specification does not define: " + name);
    }
  }

  private static void require(boolean rule, String violation) {
    if (!rule) {
      throw new ViolationException(violation);
    }
  }
}
