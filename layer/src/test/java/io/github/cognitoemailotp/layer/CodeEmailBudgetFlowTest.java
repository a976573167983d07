package io.github.cognitoemailotp.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import io.github.cognitoemailotp.layer.budget.BudgetWindows;
import io.github.cognitoemailotp.layer.budget.CodeEmailBudget;
import io.github.cognitoemailotp.layer.budget.CodeEmailLimits;
import io.github.cognitoemailotp.layer.internal.Json;
import io.github.cognitoemailotp.testkit.CapturingLogger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Create with a code-email budget and the end of a sign-in, on a clock the test moves: hour and day
 * boundaries, resends, renewals, a store that cannot answer.
 */
class CodeEmailBudgetFlowTest {

  /** When the code in {@link History#metadata} was sent: 2026-11-27T04:00:00Z. */
  static final Instant SENT = Instant.ofEpochSecond(1_795_752_000L);

  static final String SUB = "a3c1f2d4-5b6e-4f70-8a9b-0c1d2e3f4a5b";

  final CapturingLogger logger = new CapturingLogger();
  final List<CodeEmail> sent = new ArrayList<>();
  final MemoryBudget budget = new MemoryBudget(new CodeEmailLimits(4, 6));
  Instant now = SENT;

  final Clock clock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };

  CreateAuthChallenge create(CodeEmailBudget budget, FlowSettings flow) {
    return new CreateAuthChallenge(
        new MemoryUserLock(),
        new CreateSettings(
            flow, "no-reply@example.com", 6, Duration.ofMinutes(5), Duration.ofSeconds(30), ""),
        sent::add,
        budget,
        length -> "135790",
        clock);
  }

  CreateAuthChallenge create() {
    return create(budget, new FlowSettings(3, 2, false));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> response(byte[] json) throws Json.SyntaxException {
    return (Map<String, Object>) ((Map<String, Object>) Json.parse(json)).get("response");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> publicParameters(byte[] json) throws Json.SyntaxException {
    return (Map<String, Object>) response(json).get("publicChallengeParameters");
  }

  byte[] firstCode() {
    return create().handle(History.afterPassword().event(Trigger.CREATE_AUTH_CHALLENGE), logger);
  }

  @Test
  void firstCodesUntilTheHourIsSpentThenTheSignInFailsSayingWhenToTryAgain() {
    now = SENT.plusSeconds(300);
    for (int i = 0; i < 4; i++) {
      firstCode();
    }
    assertThat(sent).hasSize(4);
    assertThatThrownBy(this::firstCode)
        .isInstanceOf(TriggerFailureException.class)
        .hasMessage(
            "Too many sign-in codes were sent to this account. Try again after"
                + " 2026-11-27T05:00:00Z (in 55 minutes). (MAX_CODE_EMAILS_PER_HOUR)");
    assertThat(sent).hasSize(4);
    CapturingLogger.Line last = logger.lines().getLast();
    assertThat(last.level()).isEqualTo(LogLevel.WARN);
    assertThat(last.message()).contains("\"outcome\":\"CODE_EMAIL_REFUSED\"");
    assertThat(last.message()).contains("\"CodeEmailsRefused\":1", "\"Budget\":\"Hour\"");
  }

  @Test
  void aNewHourSendsAgainUntilTheDayIsSpentAndANewDayStartsOver() {
    for (int i = 0; i < 4; i++) {
      firstCode();
    }
    now = SENT.plus(Duration.ofHours(1));
    firstCode();
    firstCode();
    assertThat(sent).hasSize(6);
    now = SENT.plus(Duration.ofHours(2));
    assertThatThrownBy(this::firstCode)
        .hasMessageContaining("Try again after 2026-11-28T00:00:00Z (in 1080 minutes)")
        .hasMessageContaining("MAX_CODE_EMAILS_PER_DAY");
    assertThat(logger.lines().getLast().message()).contains("\"Budget\":\"Day\"");
    now = Instant.parse("2026-11-28T00:00:00Z");
    firstCode();
    assertThat(sent).hasSize(7);
    assertThat(budget.counts(SUB))
        .contains(new BudgetWindows.Counts(now.getEpochSecond(), 1, now.getEpochSecond(), 1));
  }

  @Test
  void aResendOverBudgetKeepsTheCodeInForceAndSaysWhy() throws Exception {
    for (int i = 0; i < 4; i++) {
      firstCode();
    }
    sent.clear();
    now = SENT.plusSeconds(60);
    byte[] answer =
        create()
            .handle(
                History.afterPassword()
                    .answer(IssueReason.FIRST, false)
                    .resendRequested()
                    .event(Trigger.CREATE_AUTH_CHALLENGE),
                logger);
    assertThat(sent).isEmpty();
    assertThat(response(answer).get("challengeMetadata"))
        .isEqualTo("EMAIL_OTP.v1:RESEND_REFUSED:1795752000:1795752300:482913");
    assertThat(publicParameters(answer))
        .containsEntry("resend", "REFUSED_BUDGET")
        .containsEntry("codeSent", "false")
        .containsEntry("resendsLeft", "2")
        .containsEntry("attemptsLeft", "3")
        .containsEntry(
            "resendMessage",
            "No new code was sent: too many codes were sent to this account. Try again in 59"
                + " minutes, or use the code already sent.");
    assertThat(logger.lines().getLast().message())
        .contains("resend REFUSED_BUDGET", "\"CodeEmailsRefused\":1", "\"ResendsRefused\":1");
  }

  @Test
  void aResendWithinTheBudgetSpendsOneEmail() {
    now = SENT.plusSeconds(60);
    create()
        .handle(
            History.afterPassword()
                .answer(IssueReason.FIRST, false)
                .resendRequested()
                .event(Trigger.CREATE_AUTH_CHALLENGE),
            logger);
    assertThat(sent).hasSize(1);
    assertThat(budget.counts(SUB)).map(BudgetWindows.Counts::hourEmails).contains(1);
  }

  @Test
  void aRenewedCodeOverBudgetFailsTheSignIn() {
    now = SENT.plusSeconds(400);
    for (int i = 0; i < 4; i++) {
      firstCode();
    }
    sent.clear();
    for (History expired :
        List.of(
            History.afterPassword().answer(IssueReason.FIRST, false),
            History.afterPassword().answer(IssueReason.FIRST, false).resendRequested())) {
      assertThatThrownBy(
              () -> create().handle(expired.event(Trigger.CREATE_AUTH_CHALLENGE), logger))
          .isInstanceOf(TriggerFailureException.class)
          .hasMessageStartingWith("Too many sign-in codes were sent to this account.");
    }
    assertThat(sent).isEmpty();
  }

  @Test
  void theSameCodeAgainAfterAWrongAnswerSpendsNothing() {
    now = SENT.plusSeconds(60);
    CodeEmailBudget never =
        (sub, at) -> {
          throw new AssertionError("a retry must not spend the budget");
        };
    create(never, new FlowSettings(3, 2, false))
        .handle(
            History.afterPassword()
                .answer(IssueReason.FIRST, false)
                .event(Trigger.CREATE_AUTH_CHALLENGE),
            logger);
    assertThat(sent).isEmpty();
  }

  @Test
  void aStoreThatCannotAnswerSendsNoEmail() {
    CodeEmailBudget down =
        (sub, at) -> {
          throw new TriggerFailureException("the budget store is down");
        };
    assertThatThrownBy(
            () ->
                create(down, new FlowSettings(3, 2, false))
                    .handle(History.afterPassword().event(Trigger.CREATE_AUTH_CHALLENGE), logger))
        .hasMessage("the budget store is down");
    assertThat(sent).isEmpty();
    assertThat(logger.lines().getLast().level()).isEqualTo(LogLevel.ERROR);
  }

  @Test
  void aStoreFailureTellsTheAppItsMessageAndOnlyTheLogItsDetail() {
    CodeEmailBudget denied =
        (sub, at) -> {
          throw new TriggerFailureException(
              "Not set up. Contact support", "the table t-1 may not be used", null);
        };
    assertThatThrownBy(
            () ->
                create(denied, new FlowSettings(3, 2, false))
                    .handle(History.afterPassword().event(Trigger.CREATE_AUTH_CHALLENGE), logger))
        .isInstanceOf(TriggerFailureException.class)
        .hasMessage("Not set up. Contact support");
    assertThat(logger.lines().getLast().message())
        .contains("the table t-1 may not be used")
        .doesNotContain("Contact support");
    assertThat(sent).isEmpty();
  }

  @Test
  void aStoreThatFailsUnexpectedlySendsNoEmail() {
    CodeEmailBudget broken =
        (sub, at) -> {
          throw new IllegalStateException("bug");
        };
    assertThatThrownBy(
            () ->
                create(broken, new FlowSettings(3, 2, false))
                    .handle(History.afterPassword().event(Trigger.CREATE_AUTH_CHALLENGE), logger))
        .isInstanceOf(TriggerFailureException.class)
        .hasMessageContaining("IllegalStateException");
    assertThat(sent).isEmpty();
  }

  @Test
  void aUserWithoutSubGetsNoCode() {
    for (String sub : new String[] {null, "", "  "}) {
      assertThatThrownBy(
              () ->
                  create()
                      .handle(
                          History.afterPassword()
                              .attribute("sub", sub)
                              .event(Trigger.CREATE_AUTH_CHALLENGE),
                          logger))
          .hasMessageContaining("no sub user attribute");
    }
    assertThat(sent).isEmpty();
  }

  @Test
  void budgetsAreKeptPerUser() {
    for (int i = 0; i < 4; i++) {
      firstCode();
    }
    create()
        .handle(
            History.afterPassword()
                .attribute("sub", "another-user")
                .event(Trigger.CREATE_AUTH_CHALLENGE),
            logger);
    assertThat(sent).hasSize(5);
  }

  @Test
  void noCodeOnceTheSignInIsOlderThanMaxSignInMinutes() {
    FlowSettings threeMinutes = new FlowSettings(3, 5, false, Duration.ofMinutes(3));
    History renewedByResends =
        History.afterPassword()
            .answer(IssueReason.FIRST, false)
            .answer(IssueReason.RESEND_RENEWED, false)
            .resendRequested();
    now = SENT.plus(Duration.ofMinutes(3));
    create(budget, threeMinutes)
        .handle(renewedByResends.event(Trigger.CREATE_AUTH_CHALLENGE), logger);
    assertThat(sent).hasSize(1);
    now = SENT.plus(Duration.ofMinutes(3)).plusSeconds(1);
    assertThatThrownBy(
            () ->
                create(budget, threeMinutes)
                    .handle(renewedByResends.event(Trigger.CREATE_AUTH_CHALLENGE), logger))
        .hasMessage(
            "No code challenge can be issued for this sign-in: the sign-in began 181 s ago,"
                + " longer than MAX_SIGN_IN_MINUTES (3) allows; start a new sign-in");
    assertThat(sent).hasSize(1);
    assertThat(budget.counts(SUB)).map(BudgetWindows.Counts::dayEmails).contains(1);
  }
}
