package io.github.cognitoemailotp.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cognitoemailotp.layer.SendFailure;
import io.github.cognitoemailotp.layer.SignInFailure;
import io.github.cognitoemailotp.layer.gate.TokenRefusal;
import io.github.cognitoemailotp.layer.metrics.Metric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * template.yaml's monitoring block: the alarms watch metrics the functions emit (the layer's {@link
 * Metric}), notify the SNS topic only when AlarmEmail is set, and the dashboard's body is JSON that
 * names only emitted metrics and dimension values, and all of them.
 */
class MonitoringTemplateTest {

  static final List<String> FUNCTIONS =
      List.of(
          "DefineAuthChallenge",
          "CreateAuthChallenge",
          "VerifyAuthChallenge",
          "TokenGate",
          "PostConfirmation");
  static final String NAMESPACE = "Test/Namespace";
  static Map<String, Object> template;
  static Map<String, Object> resources;

  @BeforeAll
  static void readTemplate() throws IOException {
    Path root = Path.of("").toAbsolutePath();
    while (!Files.exists(root.resolve("template.yaml"))) {
      root = root.getParent();
    }
    template = CloudFormationYaml.read(Files.readString(root.resolve("template.yaml")));
    resources = TemplateTest.map(template.get("Resources"));
  }

  static Map<String, Object> resource(String logicalId) {
    return TemplateTest.map(resources.get(logicalId));
  }

  static Map<String, Object> parameter(String name) {
    return TemplateTest.map(TemplateTest.map(template.get("Parameters")).get(name));
  }

  static Map<String, Map<String, Object>> alarms() {
    Map<String, Map<String, Object>> alarms = new LinkedHashMap<>();
    resources.forEach(
        (logicalId, value) -> {
          Map<String, Object> resource = TemplateTest.map(value);
          if ("AWS::CloudWatch::Alarm".equals(resource.get("Type"))) {
            alarms.put(logicalId, TemplateTest.map(resource.get("Properties")));
          }
        });
    return alarms;
  }

  /** The dashboard body with its placeholders filled in as CloudFormation would. */
  static JsonNode dashboard() throws IOException {
    Map<String, Object> properties =
        TemplateTest.map(resource("SignInDashboard").get("Properties"));
    String body = String.valueOf(TemplateTest.map(properties.get("DashboardBody")).get("Fn::Sub"));
    Matcher placeholder = Pattern.compile("\\$\\{([^}]+)}").matcher(body);
    StringBuilder filled = new StringBuilder();
    Map<String, Object> parameters = TemplateTest.map(template.get("Parameters"));
    while (placeholder.find()) {
      String name = placeholder.group(1);
      String value;
      if (name.equals("MetricsNamespace")) {
        value = NAMESPACE;
      } else if (name.equals("AWS::Region")) {
        value = "us-east-1";
      } else if (name.endsWith(".Arn")) {
        String alarm = name.substring(0, name.length() - ".Arn".length());
        assertThat(alarms()).as(name).containsKey(alarm);
        value = "arn:aws:cloudwatch:us-east-1:000000000000:alarm:" + alarm;
      } else {
        assertThat(FUNCTIONS).as("a placeholder names a function: " + name).contains(name);
        assertThat(parameters).doesNotContainKey(name);
        value = "function-" + name;
      }
      placeholder.appendReplacement(filled, Matcher.quoteReplacement(value));
    }
    placeholder.appendTail(filled);
    return new ObjectMapper().readTree(filled.toString());
  }

  /** The values each dimension of our metrics can take. */
  static Set<String> dimensionValues(String dimension) {
    Set<String> values = new HashSet<>();
    switch (dimension) {
      case "Reason" -> {
        for (SignInFailure failure : SignInFailure.values()) {
          values.add(failure.dimensionValue());
        }
      }
      case "ErrorClass" -> {
        for (SendFailure failure : SendFailure.values()) {
          values.add(failure.errorClass());
        }
      }
      case "Refusal" -> {
        for (TokenRefusal refusal : TokenRefusal.values()) {
          values.add(refusal.dimensionValue());
        }
      }
      default -> {}
    }
    return values;
  }

  /** One metric line of a widget: namespace, name, dimensions, options. */
  record Line(String namespace, String name, Map<String, String> dimensions, JsonNode options) {}

  static List<Line> lines(JsonNode dashboard) {
    List<Line> lines = new ArrayList<>();
    for (JsonNode widget : dashboard.get("widgets")) {
      if (!widget.get("type").asText().equals("metric")) {
        continue;
      }
      for (JsonNode metric : widget.get("properties").get("metrics")) {
        List<String> texts = new ArrayList<>();
        JsonNode options = null;
        for (JsonNode element : metric) {
          if (element.isTextual()) {
            texts.add(element.asText());
          } else {
            options = element;
          }
        }
        assertThat(texts.size() % 2)
            .as("namespace, name, then dimension pairs: " + metric)
            .isZero();
        Map<String, String> dimensions = new LinkedHashMap<>();
        for (int i = 2; i < texts.size(); i += 2) {
          dimensions.put(texts.get(i), texts.get(i + 1));
        }
        lines.add(new Line(texts.get(0), texts.get(1), dimensions, options));
      }
    }
    return lines;
  }

  static Metric metricNamed(String name) {
    for (Metric metric : Metric.values()) {
      if (metric.metricName().equals(name)) {
        return metric;
      }
    }
    return null;
  }

  @Test
  void theDashboardNamesOnlyMetricsAndDimensionValuesTheFunctionsEmit() throws IOException {
    for (Line line : lines(dashboard())) {
      if (line.namespace().equals(NAMESPACE)) {
        Metric metric = metricNamed(line.name());
        assertThat(metric).as("an emitted metric: " + line).isNotNull();
        line.dimensions()
            .forEach(
                (dimension, value) -> {
                  assertThat(dimension).as(line.toString()).isEqualTo(metric.dimension());
                  assertThat(dimensionValues(dimension)).as(line.toString()).contains(value);
                });
      } else {
        assertThat(line.namespace()).as(line.toString()).isEqualTo("AWS/Lambda");
        assertThat(line.name()).as(line.toString()).isIn("Duration", "Errors");
        assertThat(line.dimensions().keySet()).containsExactly("FunctionName");
        assertThat(line.dimensions().get("FunctionName"))
            .isIn(FUNCTIONS.stream().map(function -> "function-" + function).toList());
      }
    }
  }

  @Test
  void theDashboardShowsEveryMetricEveryReasonAndEveryErrorClass() throws IOException {
    List<Line> lines = lines(dashboard());
    Set<String> shown = new HashSet<>();
    Map<String, Set<String>> valuesShown = new HashMap<>();
    for (Line line : lines) {
      if (line.namespace().equals(NAMESPACE)) {
        shown.add(line.name());
        line.dimensions()
            .forEach(
                (dimension, value) ->
                    valuesShown.computeIfAbsent(dimension, key -> new HashSet<>()).add(value));
      }
    }
    for (Metric metric : Metric.values()) {
      assertThat(shown).contains(metric.metricName());
    }
    assertThat(valuesShown.get("Reason")).isEqualTo(dimensionValues("Reason"));
    assertThat(valuesShown.get("ErrorClass")).isEqualTo(dimensionValues("ErrorClass"));
    assertThat(valuesShown.get("Refusal")).isEqualTo(dimensionValues("Refusal"));
  }

  @Test
  void theDashboardShowsEachFunctionsDurationP50AndP99AndErrors() throws IOException {
    List<Line> lines = lines(dashboard());
    for (String function : FUNCTIONS) {
      Set<String> shown = new HashSet<>();
      for (Line line : lines) {
        if (("function-" + function).equals(line.dimensions().get("FunctionName"))) {
          shown.add(line.name() + " " + line.options().get("stat").asText());
        }
      }
      assertThat(shown).as(function).contains("Duration p50", "Duration p99", "Errors Sum");
    }
  }

  @Test
  void theDashboardsWidgetsFitTheGridWithoutOverlapping() throws IOException {
    List<int[]> placed = new ArrayList<>();
    for (JsonNode widget : dashboard().get("widgets")) {
      int[] box = {
        widget.get("x").asInt(),
        widget.get("y").asInt(),
        widget.get("width").asInt(),
        widget.get("height").asInt()
      };
      assertThat(box[0] + box[2]).as(widget.toString()).isLessThanOrEqualTo(24);
      for (int[] other : placed) {
        boolean apart =
            box[0] + box[2] <= other[0]
                || other[0] + other[2] <= box[0]
                || box[1] + box[3] <= other[1]
                || other[1] + other[3] <= box[1];
        assertThat(apart).as(widget.toString()).isTrue();
      }
      placed.add(box);
    }
  }

  @Test
  void theDashboardListsEveryAlarm() throws IOException {
    List<String> listed = new ArrayList<>();
    for (JsonNode widget : dashboard().get("widgets")) {
      if (widget.get("type").asText().equals("alarm")) {
        widget.get("properties").get("alarms").forEach(alarm -> listed.add(alarm.asText()));
      }
    }
    assertThat(listed)
        .containsExactlyInAnyOrderElementsOf(
            alarms().keySet().stream()
                .map(alarm -> "arn:aws:cloudwatch:us-east-1:000000000000:alarm:" + alarm)
                .toList());
  }

  @ParameterizedTest
  @CsvSource({"SesFailures, 1", "SignInsFailed, ", "CodeEmailsRefused, "})
  void anAlarmWatchesTheTotalOfAnEmittedMetric(String metricName, Integer threshold) {
    assertThat(metricNamed(metricName)).isNotNull();
    List<Map<String, Object>> watching =
        alarms().values().stream()
            .filter(alarm -> Map.of("Ref", "MetricsNamespace").equals(alarm.get("Namespace")))
            .filter(alarm -> metricName.equals(alarm.get("MetricName")))
            .toList();
    assertThat(watching).hasSize(1);
    Map<String, Object> alarm = watching.getFirst();
    // The total: the metric as published without its dimension.
    assertThat(alarm).doesNotContainKey("Dimensions");
    assertThat(alarm)
        .containsEntry("Statistic", "Sum")
        .containsEntry("ComparisonOperator", "GreaterThanOrEqualToThreshold")
        .containsEntry("TreatMissingData", "notBreaching");
    if (threshold != null) {
      assertThat(alarm).containsEntry("Threshold", threshold);
    } else {
      Object parameter = TemplateTest.map(alarm.get("Threshold")).get("Ref");
      assertThat(parameter(String.valueOf(parameter)))
          .containsEntry("Type", "Number")
          .containsEntry("MinValue", 1);
    }
  }

  @Test
  void anAlarmWatchesCreatesLambdaErrors() {
    assertThat(alarms().values())
        .anySatisfy(
            alarm -> {
              assertThat(alarm)
                  .containsEntry("Namespace", "AWS/Lambda")
                  .containsEntry("MetricName", "Errors")
                  .containsEntry(
                      "Dimensions",
                      List.of(
                          Map.of(
                              "Name",
                              "FunctionName",
                              "Value",
                              Map.of("Ref", "CreateAuthChallenge"))));
            });
  }

  @Test
  void anAlarmWatchesTheGatesRefusalsForAnUnavailableStore() {
    Map<String, Object> alarm = alarms().get("TokenGateErrorsAlarm");
    assertThat(alarm)
        .containsEntry("Namespace", Map.of("Ref", "MetricsNamespace"))
        .containsEntry("MetricName", Metric.TOKENS_REFUSED.metricName())
        .containsEntry(
            "Dimensions",
            List.of(
                Map.of(
                    "Name",
                    Metric.TOKENS_REFUSED.dimension(),
                    "Value",
                    TokenRefusal.UNAVAILABLE.dimensionValue())))
        .containsEntry("Statistic", "Sum")
        .containsEntry("TreatMissingData", "notBreaching");
  }

  @Test
  void everyCustomMetricAnAlarmWatchesIsEmitted() {
    alarms()
        .forEach(
            (logicalId, alarm) -> {
              if (!"AWS/Lambda".equals(alarm.get("Namespace"))) {
                assertThat(alarm.get("Namespace")).isEqualTo(Map.of("Ref", "MetricsNamespace"));
                assertThat(metricNamed(String.valueOf(alarm.get("MetricName"))))
                    .as(logicalId)
                    .isNotNull();
              }
            });
  }

  @Test
  void everyAlarmNotifiesTheTopicOnlyWhenThereIsOne() {
    Object onlyWithTopic =
        Map.of(
            "Fn::If",
            List.of(
                "HasAlarmEmail",
                List.of(Map.of("Ref", "AlarmTopic")),
                Map.of("Ref", "AWS::NoValue")));
    assertThat(alarms()).hasSize(6);
    alarms()
        .forEach(
            (logicalId, alarm) -> {
              assertThat(alarm.get("AlarmActions")).as(logicalId).isEqualTo(onlyWithTopic);
              assertThat(alarm.get("OKActions")).as(logicalId).isEqualTo(onlyWithTopic);
            });
  }

  @Test
  void theTopicAndItsEmailSubscriptionExistOnlyWithAnAlarmEmail() {
    assertThat(resource("AlarmTopic"))
        .containsEntry("Type", "AWS::SNS::Topic")
        .containsEntry("Condition", "HasAlarmEmail");
    assertThat(resource("AlarmTopicEmail"))
        .containsEntry("Type", "AWS::SNS::Subscription")
        .containsEntry("Condition", "HasAlarmEmail");
    assertThat(TemplateTest.map(resource("AlarmTopicEmail").get("Properties")))
        .containsEntry("Protocol", "email")
        .containsEntry("Endpoint", Map.of("Ref", "AlarmEmail"))
        .containsEntry("TopicArn", Map.of("Ref", "AlarmTopic"));
    assertThat(parameter("AlarmEmail")).containsEntry("Default", "");
    Map<String, Object> conditions = TemplateTest.map(template.get("Conditions"));
    assertThat(hasAlarmEmail(conditions, "")).isFalse();
    assertThat(hasAlarmEmail(conditions, "ops@example.com")).isTrue();
    // Nothing else depends on the topic.
    resources.forEach(
        (logicalId, value) -> {
          if (!logicalId.startsWith("Alarm") && !alarms().containsKey(logicalId)) {
            assertThat(String.valueOf(value)).as(logicalId).doesNotContain("AlarmTopic");
          }
        });
  }

  private static boolean hasAlarmEmail(Map<String, Object> conditions, String alarmEmail) {
    return new Intrinsics(Map.of("AlarmEmail", alarmEmail), conditions).condition("HasAlarmEmail");
  }

  @Test
  void theAlarmEmailMustBeEmptyOrAnAddress() {
    Pattern allowed =
        Pattern.compile(String.valueOf(parameter("AlarmEmail").get("AllowedPattern")));
    assertThat(allowed.matcher("").matches()).isTrue();
    assertThat(allowed.matcher("ops@example.com").matches()).isTrue();
    assertThat(allowed.matcher("ops").matches()).isFalse();
    assertThat(allowed.matcher("a@b@c.d").matches()).isFalse();
  }

  @Test
  void theMetricsNamespaceParameterAllowsWhatTheFunctionsAccept() {
    Pattern allowed =
        Pattern.compile(String.valueOf(parameter("MetricsNamespace").get("AllowedPattern")));
    for (String namespace :
        List.of("CognitoEmailOtp", "Acme/SignIn", "a:b", "a b", "x".repeat(255))) {
      assertThat(allowed.matcher(namespace).matches()).as(namespace).isTrue();
      assertThat(new io.github.cognitoemailotp.layer.metrics.MetricsSettings(namespace).namespace())
          .isEqualTo(namespace);
    }
    for (String namespace : List.of("", "AWS/Lambda", ":x", "a*b", "x".repeat(256))) {
      assertThat(allowed.matcher(namespace).matches()).as(namespace).isFalse();
    }
  }
}
