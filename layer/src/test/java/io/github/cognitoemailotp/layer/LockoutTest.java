package io.github.cognitoemailotp.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import io.github.cognitoemailotp.layer.budget.BudgetSpend;
import io.github.cognitoemailotp.layer.lock.LockNotice;
import io.github.cognitoemailotp.layer.lock.LockSettings;
import io.github.cognitoemailotp.layer.lock.UserLock;
import io.github.cognitoemailotp.layer.lock.WrongCodeCount;
import io.github.cognitoemailotp.layer.metrics.MetricsSettings;
import io.github.cognitoemailotp.testkit.CapturingLogger;
import io.github.cognitoemailotp.testkit.Events;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Wrong codes in a row lock the user (issue 23): Verify counts each wrong code and ends the sign-in
 * at the limit, emails the lock notice once, accepts no answer while locked; Create emails no code
 * to a locked user; a store that cannot answer locks nobody and lets nobody in.
 */
class LockoutTest {

  static final Instant NOW = Instant.ofEpochSecond(1_795_752_100L);
  static final String SUB = "a3c1f2d4-5b6e-4f70-8a9b-0c1d2e3f4a5b";

  final CapturingLogger logger = new CapturingLogger();
  final MemoryPasses passes = new MemoryPasses();
  final MemoryUserLock lock = new MemoryUserLock(5);
  final List<LockNotice> notices = new ArrayList<>();

  VerifyAuthChallenge verify(UserLock userLock) {
    return new VerifyAuthChallenge(
        Clock.fixed(NOW, ZoneOffset.UTC),
        MetricsSettings.DEFAULT,
        passes,
        userLock,
        new LockSettings(5, 6, true),
        notices::add);
  }

  byte[] wrong() {
    return Events.load("verify-wrong-answer.json");
  }

  byte[] right() {
    return Events.load("verify-right-answer.json");
  }

  boolean answerCorrect(byte[] response) {
    return new String(response, StandardCharsets.UTF_8).contains("\"answerCorrect\":true");
  }

  @Test
  void theFifthWrongCodeInARowLocksEndsTheSignInAndEmailsTheUserOnce() {
    VerifyAuthChallenge verify = verify(lock);
    for (int i = 1; i <= 4; i++) {
      assertThat(answerCorrect(verify.handle(wrong(), logger))).isFalse();
      assertThat(lock.wrongCodes(SUB)).isEqualTo(i);
    }
    assertThat(logger.text()).contains("wrong code 4 of 5 in a row").contains("\"sub\":\"" + SUB);
    assertThatThrownBy(() -> verify.handle(wrong(), logger))
        .isInstanceOf(TriggerFailureException.class)
        .hasMessage(UserLock.LOCKED_MESSAGE);
    assertThat(lock.lockedSince(SUB)).contains(NOW);
    assertThat(notices)
        .singleElement()
        .satisfies(
            notice -> {
              assertThat(notice.wrongCodes()).isEqualTo(5);
              assertThat(notice.recoveryByEmail()).isTrue();
              assertThat(notice.recipient()).contains("@");
            });
    assertThat(logger.lines().getLast().level()).isEqualTo(LogLevel.WARN);
    assertThat(logger.lines().getLast().message())
        .contains("USER_LOCKED", "the lock starts now", "lock email sent", "\"UsersLocked\"");

    // Locked: a correct code gets nothing, a wrong one is not counted, and no second email.
    assertThatThrownBy(() -> verify.handle(right(), logger)).hasMessage(UserLock.LOCKED_MESSAGE);
    assertThat(passes.recorded()).isEmpty();
    assertThatThrownBy(() -> verify.handle(wrong(), logger)).hasMessage(UserLock.LOCKED_MESSAGE);
    assertThat(lock.wrongCodes(SUB)).isEqualTo(5);
    assertThat(notices).hasSize(1);
  }

  @Test
  void aCorrectCodeInBetweenClearsTheCountSoWrongCodesNeverLock() {
    VerifyAuthChallenge verify = verify(lock);
    for (int round = 0; round < 5; round++) {
      for (int i = 0; i < 4; i++) {
        verify.handle(wrong(), logger);
      }
      assertThat(answerCorrect(verify.handle(right(), logger))).isTrue();
      assertThat(lock.wrongCodes(SUB)).isZero();
    }
    assertThat(lock.lockedSince(SUB)).isEmpty();
    assertThat(passes.recorded()).hasSize(5);
    assertThat(notices).isEmpty();
  }

  @Test
  void anUnlockLetsTheUserIn() {
    VerifyAuthChallenge verify = verify(lock);
    for (int i = 0; i < 4; i++) {
      verify.handle(wrong(), logger);
    }
    assertThatThrownBy(() -> verify.handle(wrong(), logger)).hasMessage(UserLock.LOCKED_MESSAGE);
    WrongCodeCount cleared = lock.unlock(SUB);
    assertThat(cleared.locked()).isTrue();
    assertThat(cleared.wrongCodes()).isEqualTo(5);
    assertThat(answerCorrect(verify.handle(right(), logger))).isTrue();
  }

  @Test
  void aResendRequestIsNotAWrongCode() {
    VerifyAuthChallenge verify = verify(lock);
    for (int i = 0; i < 10; i++) {
      verify.handle(Events.load("verify-resend-request.json"), logger);
    }
    assertThat(lock.wrongCodes(SUB)).isZero();
  }

  @Test
  void aLockEmailThatFailsIsLoggedAndTheLockStands() {
    VerifyAuthChallenge verify =
        new VerifyAuthChallenge(
            Clock.fixed(NOW, ZoneOffset.UTC),
            MetricsSettings.DEFAULT,
            passes,
            lock,
            new LockSettings(5, 6, false),
            notice -> {
              throw new CodeNotSentException(SendFailure.REJECTED, "SES rejected the email");
            });
    for (int i = 0; i < 4; i++) {
      verify.handle(wrong(), logger);
    }
    assertThatThrownBy(() -> verify.handle(wrong(), logger)).hasMessage(UserLock.LOCKED_MESSAGE);
    assertThat(lock.lockedSince(SUB)).isPresent();
    assertThat(logger.lines().getLast().message())
        .contains("the lock email was not sent", "SES rejected the email", "SesFailures");
  }

  /** A lock store that cannot answer: every call throws as the DynamoDB store does. */
  static final class DownLock implements UserLock {
    @Override
    public Optional<Instant> lockedSince(String userSub) {
      throw new TriggerFailureException("The lock store did not answer: throttled");
    }

    @Override
    public WrongCodeCount countWrong(String userSub, Instant now) {
      throw new TriggerFailureException("The lock store did not answer: throttled");
    }

    @Override
    public boolean clearAfterCorrect(String userSub) {
      throw new TriggerFailureException("The lock store did not answer: throttled");
    }

    @Override
    public WrongCodeCount unlock(String userSub) {
      throw new TriggerFailureException("The lock store did not answer: throttled");
    }
  }

  @Test
  void aStoreThatIsDownLetsNobodyInAndCountsNothingUncounted() {
    VerifyAuthChallenge verify = verify(new DownLock());
    assertThatThrownBy(() -> verify.handle(right(), logger))
        .hasMessage(VerifyAuthChallenge.NOT_RECORDED);
    assertThat(passes.recorded()).isEmpty();
    assertThatThrownBy(() -> verify.handle(wrong(), logger))
        .hasMessage(VerifyAuthChallenge.NOT_COUNTED);
    assertThat(logger.lines().getLast().level()).isEqualTo(LogLevel.ERROR);
    assertThat(logger.lines().getLast().message())
        .contains("WRONG_CODE_NOT_COUNTED", "throttled")
        .doesNotContain("482913");
    assertThat(notices).isEmpty();
  }

  CreateAuthChallenge create(UserLock userLock, List<CodeEmail> sent, int[] spent) {
    return new CreateAuthChallenge(
        userLock,
        new CreateSettings(
            new FlowSettings(3, 2, false),
            "no-reply@example.com",
            6,
            Duration.ofMinutes(5),
            Duration.ofSeconds(30),
            ""),
        sent::add,
        (sub, now) -> {
          spent[0]++;
          return BudgetSpend.grant();
        },
        length -> "135790",
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void createEmailsNoCodeToALockedUserAndSpendsNoBudget() {
    VerifyAuthChallenge verify = verify(lock);
    for (int i = 0; i < 4; i++) {
      verify.handle(wrong(), logger);
    }
    List<CodeEmail> sent = new ArrayList<>();
    int[] spent = {0};
    CreateAuthChallenge create = create(lock, sent, spent);
    create.handle(Events.load("create-first-challenge.json"), logger);
    assertThat(sent).hasSize(1);
    assertThatThrownBy(() -> verify.handle(wrong(), logger)).hasMessage(UserLock.LOCKED_MESSAGE);

    assertThatThrownBy(() -> create.handle(Events.load("create-first-challenge.json"), logger))
        .isInstanceOf(TriggerFailureException.class)
        .hasMessage(UserLock.LOCKED_MESSAGE);
    assertThat(sent).hasSize(1);
    assertThat(spent[0]).isEqualTo(1);
    assertThat(logger.lines().getLast().message()).contains("USER_LOCKED", "no code was sent");
  }

  @Test
  void createFailsClosedWhenTheLockStoreIsDown() {
    List<CodeEmail> sent = new ArrayList<>();
    int[] spent = {0};
    assertThatThrownBy(
            () ->
                create(new DownLock(), sent, spent)
                    .handle(Events.load("create-first-challenge.json"), logger))
        .isInstanceOf(TriggerFailureException.class)
        .hasMessage("The sign-in code could not be sent. Try again in a moment");
    assertThat(logger.text()).contains("lock store did not answer", "throttled");
    assertThat(sent).isEmpty();
    assertThat(spent[0]).isZero();
  }

  @Test
  void theGuessChanceBeforeTheLockIsAtMostOneInAThousand() {
    assertThat(new LockSettings(10, 4, false).maxConsecutiveWrongCodes()).isEqualTo(10);
    assertThat(new LockSettings(100, 5, false).maxConsecutiveWrongCodes()).isEqualTo(100);
    assertThatThrownBy(() -> new LockSettings(11, 4, false))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("MAX_CONSECUTIVE_WRONG_CODES=11")
        .hasMessageContaining("CODE_LENGTH=4")
        .hasMessageContaining("1 in 909");
    assertThatThrownBy(
            () ->
                LockSettings.fromEnvironment(
                    Map.of("MAX_CONSECUTIVE_WRONG_CODES", "100", "CODE_LENGTH", "4")))
        .isInstanceOf(InvalidSettingException.class);
    assertThat(LockSettings.fromEnvironment(Map.of())).isEqualTo(new LockSettings(10, 6, false));
    assertThat(LockSettings.fromEnvironment(Map.of("PASSWORD_RECOVERY", "email")).recoveryByEmail())
        .isTrue();
    assertThatThrownBy(() -> LockSettings.fromEnvironment(Map.of("PASSWORD_RECOVERY", "sms")))
        .hasMessageContaining("admin-only or email");
    assertThatThrownBy(
            () -> LockSettings.fromEnvironment(Map.of("MAX_CONSECUTIVE_WRONG_CODES", "2")))
        .hasMessageContaining("from 3 to 100");
  }

  @Test
  void theLogLineCarriesOnlyAUuidLikeSub() {
    byte[] odd =
        new String(wrong(), StandardCharsets.UTF_8)
            .replace(SUB, "a3c1 \\n{\\\"x\\\":1}")
            .getBytes(StandardCharsets.UTF_8);
    verify(new MemoryUserLock()).handle(odd, logger);
    assertThat(logger.text()).contains("\"sub\":\"(not a sub)\"");
  }
}
