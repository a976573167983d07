package io.github.cognitoemailotp.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.github.cognitoemailotp.layer.budget.BudgetSpend;
import io.github.cognitoemailotp.layer.budget.CodeTally;
import io.github.cognitoemailotp.layer.lock.LockSettings;
import io.github.cognitoemailotp.layer.metrics.EmbeddedMetrics;
import io.github.cognitoemailotp.layer.metrics.Metric;
import io.github.cognitoemailotp.layer.metrics.MetricCounts;
import io.github.cognitoemailotp.layer.metrics.MetricsSettings;
import io.github.cognitoemailotp.testkit.CapturingLogger;
import io.github.cognitoemailotp.testkit.EmfSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The metrics each trigger writes into its decision line: which counts for which decision, and that
 * every line is Embedded Metric Format as AWS specifies it ({@link EmfSpecification}).
 */
class MetricsTest {

  static final Instant NOW = Instant.ofEpochSecond(1_795_752_100L);
  static final MetricsSettings NAMESPACE = new MetricsSettings("Test/Otp");
  final CapturingLogger logger = new CapturingLogger();

  DefineAuthChallenge define() {
    return new DefineAuthChallenge(
        new FlowSettings(3, 2, false), NAMESPACE, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  VerifyAuthChallenge verify() {
    return new VerifyAuthChallenge(
        Clock.fixed(NOW, ZoneOffset.UTC),
        NAMESPACE,
        new MemoryPasses(),
        new MemoryUserLock(),
        new LockSettings(10, 6, false),
        notice -> {});
  }

  CreateAuthChallenge create(CodeSender sender) {
    return new CreateAuthChallenge(
        new MemoryUserLock(),
        new CreateSettings(
            new FlowSettings(3, 1, false),
            "no-reply@example.com",
            6,
            Duration.ofMinutes(5),
            Duration.ofSeconds(30),
            ""),
        sender,
        (sub, now) -> BudgetSpend.grant(),
        length -> "135790",
        Clock.fixed(NOW, ZoneOffset.UTC),
        NAMESPACE);
  }

  /** The metrics of the only line logged, checked against the specification. */
  Map<String, Double> metricsOfTheLine() {
    assertThat(logger.lines()).hasSize(1);
    String line = logger.lines().getFirst().message();
    if (!EmfSpecification.isEmf(line)) {
      return Map.of();
    }
    List<EmfSpecification.Datum> data = EmfSpecification.check(line);
    assertThat(data).allSatisfy(datum -> assertThat(datum.namespace()).isEqualTo("Test/Otp"));
    assertThat(data).allSatisfy(datum -> assertThat(datum.unit()).isEqualTo("Count"));
    return EmfSpecification.totals(data);
  }

  static Stream<Arguments> defineDecisions() {
    return Stream.of(
        Arguments.of(new History(), failed("InvalidSession")),
        Arguments.of(new History().srpA(true), Map.of()),
        Arguments.of(History.afterPassword(), Map.of()),
        Arguments.of(
            History.afterPassword().answer(IssueReason.FIRST, true),
            Map.of("SignInsSucceeded{}", 1.0)),
        Arguments.of(
            History.afterPassword()
                .answer(IssueReason.FIRST, false)
                .answer(IssueReason.RETRY, true),
            Map.of("SignInsSucceeded{}", 1.0)),
        Arguments.of(History.afterPassword().answer(IssueReason.FIRST, false), Map.of()),
        Arguments.of(
            History.afterPassword()
                .answer(IssueReason.FIRST, false)
                .answer(IssueReason.RETRY, false)
                .answer(IssueReason.RETRY, false),
            failed("WrongCodes")),
        Arguments.of(new History().srpA(true).passwordVerifier(false), failed("WrongPassword")),
        Arguments.of(History.afterPassword().userNotFound(), failed("UserNotFound")),
        Arguments.of(History.afterPassword().attribute("email", null), failed("NoUsableEmail")),
        Arguments.of(
            new History().srpA(true).passwordVerifier(true).srpA(true), failed("InvalidSession")),
        Arguments.of(
            History.afterPassword()
                .answer(IssueReason.FIRST, false)
                .answer(IssueReason.RESEND, false)
                .answer(IssueReason.RESEND, false)
                .answer(IssueReason.RESEND, false)
                .resendRequested(),
            failed("Limit")));
  }

  static Map<String, Double> failed(String reason) {
    return Map.of("SignInsFailed{Reason=" + reason + "}", 1.0, "SignInsFailed{}", 1.0);
  }

  @ParameterizedTest
  @MethodSource("defineDecisions")
  void defineCountsTheSignInsItEnds(History history, Map<String, Double> expected) {
    define().handle(history.event(Trigger.DEFINE_AUTH_CHALLENGE), logger);
    assertThat(metricsOfTheLine()).isEqualTo(expected);
  }

  @Test
  void defineCountsAnUnreadableEventAsMalformed() {
    define().handle("[1]".getBytes(StandardCharsets.UTF_8), logger);
    assertThat(metricsOfTheLine()).isEqualTo(failed("Malformed"));
  }

  @Test
  void defineDoesNotCountAWrongCodeAgain() {
    define()
        .handle(
            History.afterPassword()
                .answer(IssueReason.FIRST, false)
                .event(Trigger.DEFINE_AUTH_CHALLENGE),
            logger);
    assertThat(logger.text()).doesNotContain("WrongCodes");
  }

  static String verifyEvent(String answer, boolean resend) {
    return "{\"triggerSource\":\"VerifyAuthChallengeResponse_Authentication\",\"userPoolId\":\"p\","
        + "\"callerContext\":{\"clientId\":\"app\"},"
        + "\"request\":{\"userAttributes\":{\"sub\":\"u-1\"},\"privateChallengeParameters\":{\"code\":\"482913\",\"expiresAt\":\"1795752300\"},"
        + "\"challengeAnswer\":\""
        + answer
        + "\""
        + (resend ? ",\"clientMetadata\":{\"resend\":\"true\"}" : "")
        + "}}";
  }

  @Test
  void verifyCountsAWrongAnswer() {
    verify().handle(verifyEvent("000000", false).getBytes(StandardCharsets.UTF_8), logger);
    assertThat(metricsOfTheLine()).containsExactly(entry("WrongCodes{}", 1.0));
  }

  @Test
  void verifyCountsNothingForARightAnswer() {
    verify().handle(verifyEvent("482913", false).getBytes(StandardCharsets.UTF_8), logger);
    assertThat(metricsOfTheLine()).isEmpty();
    assertThat(logger.text()).doesNotContain("_aws");
  }

  @Test
  void verifyDoesNotCountAResendRequestAsAWrongCode() {
    verify().handle(verifyEvent("000000", true).getBytes(StandardCharsets.UTF_8), logger);
    assertThat(metricsOfTheLine()).isEmpty();
  }

  @Test
  void verifyDoesNotCountAnUnreadableEventAsAWrongCode() {
    verify().handle("{".getBytes(StandardCharsets.UTF_8), logger);
    assertThat(metricsOfTheLine()).isEmpty();
  }

  static Stream<Arguments> createDecisions() {
    return Stream.of(
        Arguments.of(History.afterPassword(), Map.of("CodesSent{}", 1.0)),
        Arguments.of(History.afterPassword().answer(IssueReason.FIRST, false), Map.of()),
        Arguments.of(
            History.afterPassword().answer(IssueReason.FIRST, false).resendRequested(),
            Map.of("CodesSent{}", 1.0, "ResendsGranted{}", 1.0)),
        Arguments.of(
            History.afterPassword()
                .answer(IssueReason.FIRST, false)
                .answer(IssueReason.RESEND, false)
                .resendRequested(),
            Map.of("ResendsRefused{}", 1.0)));
  }

  @ParameterizedTest
  @MethodSource("createDecisions")
  void createCountsTheEmailsAndResends(History history, Map<String, Double> expected) {
    create(email -> {}).handle(history.event(Trigger.CREATE_AUTH_CHALLENGE), logger);
    assertThat(metricsOfTheLine()).isEqualTo(expected);
  }

  @Test
  void createCountsARenewedCodeAsSent() {
    // The code in the history expired at 1795752300; a wrong answer after that renews it.
    new CreateAuthChallenge(
            new MemoryUserLock(),
            new CreateSettings(
                new FlowSettings(3, 1, false),
                "no-reply@example.com",
                6,
                Duration.ofMinutes(5),
                Duration.ofSeconds(30),
                ""),
            email -> {},
            (sub, now) -> BudgetSpend.grant(),
            length -> "135790",
            Clock.fixed(Instant.ofEpochSecond(1_795_752_400L), ZoneOffset.UTC),
            NAMESPACE)
        .handle(
            History.afterPassword()
                .answer(IssueReason.FIRST, false)
                .event(Trigger.CREATE_AUTH_CHALLENGE),
            logger);
    assertThat(logger.text()).contains("\"outcome\":\"RENEWED\"");
    assertThat(metricsOfTheLine()).isEqualTo(Map.of("CodesSent{}", 1.0));
  }

  @ParameterizedTest
  @EnumSource(SendFailure.class)
  void createCountsAnEmailNotSentAsAnSesFailureByItsClass(SendFailure failure) {
    CreateAuthChallenge failing =
        create(
            email -> {
              throw new CodeNotSentException(failure, "SES said no");
            });
    assertThatThrownBy(
            () ->
                failing.handle(
                    History.afterPassword().event(Trigger.CREATE_AUTH_CHALLENGE), logger))
        .hasMessage(failure.userMessage())
        .hasMessageStartingWith("The sign-in code could not be sent");
    assertThat(metricsOfTheLine())
        .isEqualTo(
            Map.of(
                "SesFailures{ErrorClass=" + failure.errorClass() + "}", 1.0, "SesFailures{}", 1.0));
  }

  @Test
  void anSesErrorClassIsTheFailureInCamelCase() {
    assertThat(SendFailure.QUOTA_EXCEEDED.errorClass()).isEqualTo("QuotaExceeded");
    assertThat(SendFailure.REJECTED.errorClass()).isEqualTo("Rejected");
    for (SendFailure failure : SendFailure.values()) {
      assertThat(MetricCounts.isWord(failure.errorClass())).isTrue();
    }
  }

  @Test
  void createCountsAFailureWithTheMetricItCarries() {
    CreateAuthChallenge refusing =
        create(
            email -> {
              throw new TriggerFailureException(
                  "SES rejected the email", Metric.SES_FAILURES, "Rejected");
            });
    assertThatThrownBy(
            () ->
                refusing.handle(
                    History.afterPassword().event(Trigger.CREATE_AUTH_CHALLENGE), logger))
        .hasMessage("SES rejected the email");
    assertThat(metricsOfTheLine())
        .isEqualTo(Map.of("SesFailures{ErrorClass=Rejected}", 1.0, "SesFailures{}", 1.0));
  }

  @Test
  void createCountsARefusedEmailByItsBudget() {
    CreateAuthChallenge refusing =
        create(
            email -> {
              throw new TriggerFailureException(
                  "too many codes", Metric.CODE_EMAILS_REFUSED, "Day");
            });
    assertThatThrownBy(
        () ->
            refusing.handle(History.afterPassword().event(Trigger.CREATE_AUTH_CHALLENGE), logger));
    assertThat(metricsOfTheLine())
        .isEqualTo(Map.of("CodeEmailsRefused{Budget=Day}", 1.0, "CodeEmailsRefused{}", 1.0));
  }

  @Test
  void createCountsNothingForAFailureWithoutAMetric() {
    CreateAuthChallenge failing =
        create(
            email -> {
              throw new IllegalStateException("boom");
            });
    assertThatThrownBy(
        () -> failing.handle(History.afterPassword().event(Trigger.CREATE_AUTH_CHALLENGE), logger));
    assertThat(metricsOfTheLine()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Trigger.class)
  void aKeepAlivePingCountsNothing(Trigger trigger) {
    byte[] ping = KeepAlive.PING.getBytes(StandardCharsets.UTF_8);
    switch (trigger) {
      case DEFINE_AUTH_CHALLENGE -> define().handle(ping, logger);
      case CREATE_AUTH_CHALLENGE -> create(email -> {}).handle(ping, logger);
      case VERIFY_AUTH_CHALLENGE -> verify().handle(ping, logger);
    }
    assertThat(logger.text()).doesNotContain("_aws");
  }

  @Test
  void theLineKeepsItsFieldsAndAddsTheMetricsAfterThem() {
    verify().handle(verifyEvent("000000", false).getBytes(StandardCharsets.UTF_8), logger);
    String line = logger.lines().getFirst().message();
    assertThat(line)
        .startsWith(
            "{\"level\":\"INFO\",\"trigger\":\"VERIFY_AUTH_CHALLENGE\",\"userPoolId\":\"p\",\"sub\":\"u-1\","
                + "\"maskedEmail\":\"***\",\"outcome\":\"ANSWER_WRONG\",\"reason\":")
        .contains(
            ",\"_aws\":{\"Timestamp\":",
            "\"CloudWatchMetrics\":[{\"Namespace\":\"Test/Otp\",\"Dimensions\":[[]],"
                + "\"Metrics\":[{\"Name\":\"WrongCodes\",\"Unit\":\"Count\"}]}]}")
        .endsWith(",\"WrongCodes\":1}");
    assertThat(line.replaceAll("\"Timestamp\":[0-9]+", "\"Timestamp\":0"))
        .endsWith(
            "\"_aws\":{\"Timestamp\":0,\"CloudWatchMetrics\":[{\"Namespace\":\"Test/Otp\","
                + "\"Dimensions\":[[]],\"Metrics\":[{\"Name\":\"WrongCodes\",\"Unit\":\"Count\"}]}]},"
                + "\"WrongCodes\":1}");
  }

  @Test
  void theTimestampIsTheTimeOfWriting() {
    long before = System.currentTimeMillis();
    verify().handle(verifyEvent("000000", false).getBytes(StandardCharsets.UTF_8), logger);
    long after = System.currentTimeMillis();
    String line = logger.lines().getFirst().message();
    int start = line.indexOf("\"Timestamp\":") + "\"Timestamp\":".length();
    long timestamp = Long.parseLong(line.substring(start, line.indexOf(',', start)));
    assertThat(timestamp).isBetween(before, after);
  }

  @Test
  void aLineWithSeveralMetricsHasOneDirectivePerDimensionSet() {
    MetricCounts counts = new MetricCounts();
    counts.count(Metric.CODES_SENT);
    counts.count(Metric.RESENDS_GRANTED);
    counts.count(Metric.SES_FAILURES, "Throttling");
    counts.count(Metric.CODE_EMAILS_REFUSED, "Hour");
    counts.count(Metric.CODES_SENT);
    Map<String, Object> line = new java.util.LinkedHashMap<>();
    EmbeddedMetrics.addTo(line, "N", counts, 1_795_752_100_000L);
    String text = io.github.cognitoemailotp.layer.internal.Json.text(line);
    assertThat(EmfSpecification.totals(EmfSpecification.check(text)))
        .containsOnly(
            entry("CodesSent{}", 2.0),
            entry("ResendsGranted{}", 1.0),
            entry("SesFailures{ErrorClass=Throttling}", 1.0),
            entry("SesFailures{}", 1.0),
            entry("CodeEmailsRefused{Budget=Hour}", 1.0),
            entry("CodeEmailsRefused{}", 1.0));
    assertThat(text).contains("\"Timestamp\":1795752100000");
  }

  @Test
  void nothingCountedWritesNoMetrics() {
    Map<String, Object> line = new java.util.LinkedHashMap<>();
    EmbeddedMetrics.addTo(line, "N", new MetricCounts(), 1L);
    assertThat(line).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "jane.doe@example.com",
        "",
        "9Lives",
        "Message Rejected",
        "a3c1f2d4-5b6e-4f70-8a9b-0c1d2e3f4a5b",
        "Ünicode",
        "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
      })
  void aDimensionValueThatIsNotAShortWordCountsAsOther(String value) {
    MetricCounts counts = new MetricCounts();
    counts.count(Metric.SES_FAILURES, value);
    assertThat(counts.dimensionValue(Metric.SES_FAILURES)).isEqualTo(MetricCounts.OTHER);
  }

  @ParameterizedTest
  @ValueSource(strings = {"MessageRejected", "A", "Http500", "zA9"})
  void aShortWordIsKeptAsTheDimensionValue(String value) {
    MetricCounts counts = new MetricCounts();
    counts.count(Metric.SES_FAILURES, value);
    assertThat(counts.dimensionValue(Metric.SES_FAILURES)).isEqualTo(value);
    assertThat(counts.of(Metric.SES_FAILURES)).isEqualTo(1);
  }

  @Test
  void aLongestWordIsKeptAndOneLongerIsOther() {
    String longest = "A" + "a".repeat(MetricCounts.LONGEST_DIMENSION_VALUE - 1);
    MetricCounts counts = new MetricCounts();
    counts.count(Metric.SES_FAILURES, longest);
    assertThat(counts.dimensionValue(Metric.SES_FAILURES)).isEqualTo(longest);
    MetricCounts longer = new MetricCounts();
    longer.count(Metric.SES_FAILURES, longest + "a");
    assertThat(longer.dimensionValue(Metric.SES_FAILURES)).isEqualTo(MetricCounts.OTHER);
  }

  @Test
  void aMetricIsCountedWithItsDimensionOrWithout() {
    MetricCounts counts = new MetricCounts();
    assertThatThrownBy(() -> counts.count(Metric.SIGN_INS_FAILED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("SignInsFailed needs a Reason value");
    assertThatThrownBy(() -> counts.count(Metric.CODES_SENT, "X"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("CodesSent has no dimension");
    assertThat(counts.isEmpty()).isTrue();
  }

  @Test
  void aMetricHoldsOneDimensionValuePerLine() {
    MetricCounts counts = new MetricCounts();
    counts.count(Metric.SIGN_INS_FAILED, "WrongCodes");
    counts.count(Metric.SIGN_INS_FAILED, "WrongCodes");
    assertThat(counts.of(Metric.SIGN_INS_FAILED)).isEqualTo(2);
    assertThatThrownBy(() -> counts.count(Metric.SIGN_INS_FAILED, "Expired"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("SignInsFailed was already counted with Reason WrongCodes");
  }

  @Test
  void aFreshCountHasNothing() {
    MetricCounts counts = new MetricCounts();
    assertThat(counts.isEmpty()).isTrue();
    assertThat(counts.of(Metric.CODES_SENT)).isZero();
    assertThat(counts.dimensionValue(Metric.SES_FAILURES)).isEmpty();
    counts.count(Metric.CODES_SENT);
    assertThat(counts.isEmpty()).isFalse();
  }

  @Test
  void aTriggerFailureWithoutAMetricCountsNothing() {
    MetricCounts counts = new MetricCounts();
    new TriggerFailureException("x").countInto(counts);
    new TriggerFailureException("x", new RuntimeException()).countInto(counts);
    assertThat(counts.isEmpty()).isTrue();
    new TriggerFailureException("x", Metric.CODES_SENT, "").countInto(counts);
    assertThat(counts.of(Metric.CODES_SENT)).isEqualTo(1);
  }

  @Test
  void everyMetricNameAndDimensionIsAWord() {
    for (Metric metric : Metric.values()) {
      assertThat(MetricCounts.isWord(metric.metricName())).isTrue();
      assertThat(metric.dimension().isEmpty() || MetricCounts.isWord(metric.dimension())).isTrue();
    }
    for (SignInFailure failure : SignInFailure.values()) {
      assertThat(MetricCounts.isWord(failure.dimensionValue())).isTrue();
    }
  }

  @Test
  void aFailureAndOnlyAFailureHasASignInFailure() {
    assertThatThrownBy(
            () ->
                new DefineDecision(
                    NextStep.FAIL_AUTHENTICATION, "x", CodeTally.NONE, java.util.Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new DefineDecision(
                    NextStep.ISSUE_TOKENS,
                    "x",
                    CodeTally.NONE,
                    java.util.Optional.of(SignInFailure.LIMIT)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
