package io.github.cognitoemailotp.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The checker accepts the specification's own example and rejects each rule broken. */
class EmfSpecificationTest {

  /** The valid example of the specification. */
  static final String EXAMPLE =
      "{\"_aws\":{\"Timestamp\":1574109732004,\"CloudWatchMetrics\":[{\"Namespace\":"
          + "\"lambda-function-metrics\",\"Dimensions\":[[\"functionVersion\"]],\"Metrics\":"
          + "[{\"Name\":\"time\",\"Unit\":\"Milliseconds\",\"StorageResolution\":60}]}]},"
          + "\"functionVersion\":\"$LATEST\",\"time\":100,"
          + "\"requestId\":\"989ffbf8-9ace-4817-a57c-e4dd734019ee\"}";

  @Test
  void theSpecificationsExampleIsValid() {
    List<EmfSpecification.Datum> data = EmfSpecification.check(EXAMPLE);
    assertThat(data)
        .containsExactly(
            new EmfSpecification.Datum(
                "lambda-function-metrics",
                "time",
                Map.of("functionVersion", "$LATEST"),
                "Milliseconds",
                100));
    assertThat(EmfSpecification.isEmf(EXAMPLE)).isTrue();
  }

  @Test
  void eachDimensionSetAndEachArrayValueIsADatum() {
    String document =
        "{\"_aws\":{\"Timestamp\":1574109732004,\"CloudWatchMetrics\":[{\"Namespace\":\"N\","
            + "\"Dimensions\":[[\"R\"],[]],\"Metrics\":[{\"Name\":\"M\"}]}]},"
            + "\"R\":\"x\",\"M\":[1,2]}";
    assertThat(EmfSpecification.totals(EmfSpecification.check(document)))
        .containsOnly(entry("M{R=x}", 3.0), entry("M{}", 3.0));
    assertThat(EmfSpecification.check(document).getFirst().unit()).isEqualTo("None");
  }

  @Test
  void aLineWithoutMetadataIsNotEmf() {
    assertThat(EmfSpecification.isEmf("{\"level\":\"INFO\"}")).isFalse();
    assertThat(EmfSpecification.isEmf("START RequestId: 1")).isFalse();
    assertThat(EmfSpecification.isEmf("[1]")).isFalse();
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "time\":100} trailing|not one JSON object",
        "\"_aws\":{\"Timestamp\"|not one JSON object",
        "[1]|a JSON object",
        "\"_aws\":{\"Timestamp\":1574109732004,\"CloudWatchMetrics\"|not one JSON object",
        "\"Timestamp\":1574109732004|_aws.Timestamp is not an integer",
        "\"Timestamp\":1574109732004,|member the specification does not define: Extra",
        "1574109732004|is not milliseconds since the epoch",
        "\"lambda-function-metrics\"|.Namespace is not a string",
        "\"Dimensions\":[[\"functionVersion\"]]|.Dimensions is not an array of at least one",
        "[\"functionVersion\"]]|not a DimensionSet",
        "\"functionVersion\":\"$LATEST\"|dimension target functionVersion",
        "\"Name\":\"time\"|.Name is not a string",
        "\"Unit\":\"Milliseconds\"|.Unit is not a CloudWatch unit",
        "\"StorageResolution\":60|.StorageResolution is not 1 or 60",
        "\"time\":100|metric target time is not a number",
        "\"Metrics\":[|.Metrics is not an array",
        "\"StorageResolution\":60}|member the specification does not define: Statistic",
        "\"Namespace\":|member the specification does not define: Nested",
      })
  void aBrokenRuleIsNamed(String breakIt, String violation) {
    String broken = breakOne(breakIt);
    assertThat(broken).isNotEqualTo(EXAMPLE);
    assertThatThrownBy(() -> EmfSpecification.check(broken))
        .isInstanceOf(EmfSpecification.ViolationException.class)
        .hasMessageContaining(violation);
  }

  /** The example with one rule broken at the text {@code where}. */
  static String breakOne(String where) {
    return switch (where) {
      case "time\":100} trailing" -> EXAMPLE + " trailing";
      case "\"_aws\":{\"Timestamp\"" -> EXAMPLE.substring(0, 20);
      case "[1]" -> "[1]";
      case "\"_aws\":{\"Timestamp\":1574109732004,\"CloudWatchMetrics\"" -> "{\"_aws\":{]}";
      case "\"Timestamp\":1574109732004" ->
          EXAMPLE.replace("\"Timestamp\":1574109732004", "\"Timestamp\":\"1574109732004\"");
      case "\"Timestamp\":1574109732004," ->
          EXAMPLE.replace(
              "\"Timestamp\":1574109732004,", "\"Timestamp\":1574109732004,\"Extra\":1,");
      case "1574109732004" -> EXAMPLE.replace("1574109732004", "1574109732");
      case "\"lambda-function-metrics\"" -> EXAMPLE.replace("\"lambda-function-metrics\"", "7");
      case "\"Dimensions\":[[\"functionVersion\"]]" ->
          EXAMPLE.replace("\"Dimensions\":[[\"functionVersion\"]]", "\"Dimensions\":[]");
      case "[\"functionVersion\"]]" ->
          EXAMPLE.replace("[\"functionVersion\"]]", "\"functionVersion\"]");
      case "\"functionVersion\":\"$LATEST\"" ->
          EXAMPLE.replace("\"functionVersion\":\"$LATEST\"", "\"functionVersion\":7");
      case "\"Name\":\"time\"" -> EXAMPLE.replace("\"Name\":\"time\"", "\"Name\":\"\"");
      case "\"Unit\":\"Milliseconds\"" ->
          EXAMPLE.replace("\"Unit\":\"Milliseconds\"", "\"Unit\":\"ms\"");
      case "\"StorageResolution\":60" ->
          EXAMPLE.replace("\"StorageResolution\":60", "\"StorageResolution\":30");
      case "\"time\":100" -> EXAMPLE.replace("\"time\":100", "\"time\":\"100\"");
      case "\"Metrics\":[" ->
          EXAMPLE.replace(
              "\"Metrics\":[{\"Name\":\"time\",\"Unit\":\"Milliseconds\",\"StorageResolution\":60}]",
              "\"Metrics\":[" + "{\"Name\":\"time\"},".repeat(100) + "{\"Name\":\"time\"}]");
      case "\"StorageResolution\":60}" ->
          EXAMPLE.replace("\"StorageResolution\":60}", "\"StorageResolution\":60,\"Statistic\":1}");
      case "\"Namespace\":" -> EXAMPLE.replace("\"Namespace\":", "\"Nested\":{},\"Namespace\":");
      default -> throw new IllegalArgumentException(where);
    };
  }

  @Test
  void aTargetIsARootMemberNeverANestedOne() {
    String nested =
        EXAMPLE
            .replace("\"Name\":\"time\"", "\"Name\":\"m.time\"")
            .replace("\"time\":100", "\"m\":{\"time\":100}");
    assertThatThrownBy(() -> EmfSpecification.check(nested))
        .hasMessageContaining("names \"m.time\", which is not a root member");
    String dotted = nested.replace("\"m\":{\"time\":100}", "\"m.time\":100");
    assertThat(EmfSpecification.check(dotted)).hasSize(1);
  }
}
