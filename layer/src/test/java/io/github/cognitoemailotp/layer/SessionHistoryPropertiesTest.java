package io.github.cognitoemailotp.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.github.cognitoemailotp.layer.budget.BudgetSpend;
import io.github.cognitoemailotp.layer.internal.Json;
import io.github.cognitoemailotp.testkit.CapturingLogger;
import io.github.cognitoemailotp.testkit.Sampling;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Rules that hold for every session history: arbitrary names, results (true, false, null) and
 * metadata (missing, foreign, well-formed), resend requests included.
 */
class SessionHistoryPropertiesTest {

  private static final Instant NOW = Instant.ofEpochSecond(1_795_752_100L);

  record Step(String name, Object result, Object metadata) {}

  record Sample(
      List<Step> steps,
      boolean resendRequested,
      boolean userNotFound,
      int maxAttempts,
      int maxResends) {

    History history() {
      History history = new History();
      steps.forEach(step -> history.entry(step.name(), step.result(), step.metadata()));
      if (resendRequested) {
        history.resendRequested();
      }
      if (userNotFound) {
        history.userNotFound();
      }
      return history;
    }

    FlowSettings settings() {
      return new FlowSettings(maxAttempts, maxResends, false);
    }
  }

  private static final Pattern OUR_METADATA =
      Pattern.compile(
          "EMAIL_OTP\\.v1:(FIRST|RETRY|RENEWED|RESEND|RESEND_REFUSED|RESEND_RENEWED):(\\d+):(\\d+):\\d{4,10}");

  /**
   * The specification, written independently of the implementation: tokens only for SRP_A ok,
   * PASSWORD_VERIFIER ok, then custom challenges written by this project whose answers were wrong
   * fewer than maxAttempts times (an answer followed by a challenge issued for a resend request is
   * not a wrong answer), with at most maxResends granted resends, the last answer right and no
   * earlier one right.
   */
  static boolean deservesTokens(Sample sample) {
    List<Step> steps = sample.steps();
    if (steps.size() < 3 || sample.userNotFound()) {
      return false;
    }
    if (!isOk(steps.get(0), "SRP_A") || !isOk(steps.get(1), "PASSWORD_VERIFIER")) {
      return false;
    }
    List<Step> answers = steps.subList(2, steps.size());
    String[] reasons = new String[answers.size()];
    for (int i = 0; i < answers.size(); i++) {
      Step step = answers.get(i);
      if (!"CUSTOM_CHALLENGE".equals(step.name()) || !(step.metadata() instanceof String text)) {
        return false;
      }
      Matcher matcher = OUR_METADATA.matcher(text);
      if (!matcher.matches()
          || Long.parseLong(matcher.group(3)) < Long.parseLong(matcher.group(2))) {
        return false;
      }
      reasons[i] = matcher.group(1);
      if ((i == 0) != reasons[i].equals("FIRST")) {
        return false;
      }
    }
    int last = answers.size() - 1;
    if (!Boolean.TRUE.equals(answers.get(last).result())) {
      return false;
    }
    int wrong = 0;
    int resends = 0;
    for (int i = 0; i <= last; i++) {
      if (reasons[i].equals("RESEND")) {
        resends++;
      }
      if (i < last) {
        if (Boolean.TRUE.equals(answers.get(i).result())) {
          return false;
        }
        if (!reasons[i + 1].startsWith("RESEND")) {
          wrong++;
        }
      }
    }
    return wrong < sample.maxAttempts() && resends <= sample.maxResends();
  }

  private static boolean isOk(Step step, String name) {
    return name.equals(step.name()) && Boolean.TRUE.equals(step.result());
  }

  @Test
  void tokensIfAndOnlyIfTheHistoryEarnsThem() {
    int[] earned = {0};
    int[] drawn = {0};
    Sampling.check(
        20_000,
        SessionHistoryPropertiesTest::sample,
        sample -> {
          TriggerEvent event = sample.history().parsed(Trigger.DEFINE_AUTH_CHALLENGE);
          DefineDecision decision = AuthFlow.decide(event, sample.settings(), NOW);
          boolean expected = deservesTokens(sample);
          assertThat(decision.next() == NextStep.ISSUE_TOKENS)
              .as("decision %s", decision)
              .isEqualTo(expected);
          earned[0] += expected ? 1 : 0;
          drawn[0]++;
        });
    // The generator must reach both sides of the rule often, or the check proves little.
    assertThat(earned[0]).isBetween(drawn[0] / 40, drawn[0] - drawn[0] / 40);
  }

  @Test
  void defineHandlerNeverThrowsAndAlwaysAnswers() {
    Sampling.check(
        5_000,
        SessionHistoryPropertiesTest::sample,
        sample -> {
          CapturingLogger logger = new CapturingLogger();
          byte[] response =
              new DefineAuthChallenge(sample.settings(), Clock.fixed(NOW, ZoneOffset.UTC))
                  .handle(sample.history().event(Trigger.DEFINE_AUTH_CHALLENGE), logger);
          Map<?, ?> answer = (Map<?, ?>) responseOf(response);
          assertThat(answer.get("issueTokens")).isEqualTo(deservesTokens(sample));
          boolean decided =
              Boolean.TRUE.equals(answer.get("issueTokens"))
                  || Boolean.TRUE.equals(answer.get("failAuthentication"));
          assertThat(answer.containsKey("challengeName")).isNotEqualTo(decided);
          assertThat(
                  Boolean.TRUE.equals(answer.get("issueTokens"))
                      && Boolean.TRUE.equals(answer.get("failAuthentication")))
              .isFalse();
          assertThat(logger.lines()).hasSize(1);
          assertThat(logger.text()).doesNotContain("482913", "jane.doe@example.com");
        });
  }

  @Test
  void createIssuesAChallengeOrFailsWithAClearMessage() {
    Sampling.check(
        5_000,
        SessionHistoryPropertiesTest::sample,
        sample -> {
          CapturingLogger logger = new CapturingLogger();
          CreateSettings settings =
              new CreateSettings(
                  sample.settings(),
                  "no-reply@example.com",
                  6,
                  Duration.ofMinutes(5),
                  Duration.ofSeconds(30),
                  "");
          CreateAuthChallenge create =
              new CreateAuthChallenge(
                  new MemoryUserLock(),
                  settings,
                  email -> {},
                  (sub, now) -> BudgetSpend.grant(),
                  length -> "7".repeat(length),
                  Clock.fixed(Instant.ofEpochSecond(1_795_752_100L), ZoneOffset.UTC));
          assertThatCode(
                  () -> {
                    try {
                      create.handle(sample.history().event(Trigger.CREATE_AUTH_CHALLENGE), logger);
                    } catch (TriggerFailureException expected) {
                      assertThat(expected.getMessage()).isNotBlank().doesNotContain("482913");
                    }
                  })
              .doesNotThrowAnyException();
          assertThat(logger.lines()).hasSize(1);
          assertThat(logger.text()).doesNotContain("482913", "777777", "jane.doe@example.com");
        });
  }

  private static Object responseOf(byte[] json) {
    try {
      return ((Map<?, ?>) Json.parse(json)).get("response");
    } catch (Json.SyntaxException e) {
      throw new AssertionError(e);
    }
  }

  /** A quarter arbitrary histories, three quarters plausible ones that reach the code step. */
  static Sample sample(Random random) {
    List<Step> steps = random.nextInt(4) == 0 ? randomSteps(random) : plausibleSteps(random);
    return new Sample(
        steps,
        random.nextInt(3) == 0,
        random.nextInt(8) == 0,
        1 + random.nextInt(5),
        random.nextInt(4));
  }

  private static List<Step> randomSteps(Random random) {
    List<Step> steps = new ArrayList<>();
    int count = random.nextInt(9);
    for (int i = 0; i < count; i++) {
      String name =
          random.nextBoolean()
              ? Sampling.oneOf(
                  random, "SRP_A", "PASSWORD_VERIFIER", "CUSTOM_CHALLENGE", "SMS_MFA", "")
              : Sampling.anyString(random, 12);
      Object metadata =
          switch (random.nextInt(4)) {
            case 0 -> Json.NULL;
            case 1 -> "";
            case 2 -> Sampling.anyString(random, 40);
            default -> wellFormedMetadata(random);
          };
      steps.add(new Step(name, Sampling.oneOf(random, true, false, Json.NULL), metadata));
    }
    return steps;
  }

  private static List<Step> plausibleSteps(Random random) {
    List<Step> steps = new ArrayList<>();
    steps.add(new Step("SRP_A", random.nextInt(6) != 0, Json.NULL));
    steps.add(new Step("PASSWORD_VERIFIER", random.nextInt(6) != 0, Json.NULL));
    steps.add(
        new Step(
            "CUSTOM_CHALLENGE",
            random.nextInt(3) == 0,
            History.metadata(IssueReason.FIRST, Sampling.digits(random, 4 + random.nextInt(7)))));
    int more = random.nextInt(8);
    for (int i = 0; i < more; i++) {
      Object result = Sampling.oneOf(random, true, false, false, false, Json.NULL);
      steps.add(new Step("CUSTOM_CHALLENGE", result, wellFormedMetadata(random)));
    }
    return steps.subList(0, 2 + random.nextInt(steps.size() - 1));
  }

  private static String wellFormedMetadata(Random random) {
    return History.metadata(
        Sampling.oneOf(random, IssueReason.values()),
        Sampling.digits(random, 4 + random.nextInt(7)));
  }
}
