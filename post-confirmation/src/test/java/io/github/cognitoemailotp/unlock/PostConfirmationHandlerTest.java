package io.github.cognitoemailotp.unlock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cognitoemailotp.aws.Dynalite;
import io.github.cognitoemailotp.aws.DynamoDbUserLock;
import io.github.cognitoemailotp.layer.InvalidSettingException;
import io.github.cognitoemailotp.layer.KeepAlive;
import io.github.cognitoemailotp.layer.PostConfirmation;
import io.github.cognitoemailotp.layer.TriggerFailureException;
import io.github.cognitoemailotp.layer.metrics.MetricsSettings;
import io.github.cognitoemailotp.testkit.FakeContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Post Confirmation trigger against dynalite: a password reset lifts the lock and clears the
 * count (counted as UsersUnlocked), a sign-up confirmation changes nothing, a store that is down
 * fails the call and leaves the user locked, and the response is the event unchanged.
 */
class PostConfirmationHandlerTest {

  static final String SUB = "7d3e2c1b-0000-4000-8000-000000000001";
  static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

  static Dynalite dynalite;
  static DynamoDbUserLock lock;

  final FakeContext context = new FakeContext("PostConfirmation");

  @BeforeAll
  static void startDynalite() {
    dynalite = new Dynalite();
    dynalite.createTable(Dynalite.LOCK_TABLE, "sub");
    lock = new DynamoDbUserLock(dynalite.client(), Dynalite.LOCK_TABLE, 3);
  }

  @AfterAll
  static void stopDynalite() {
    dynalite.close();
  }

  static String event(String source, String sub) {
    return "{\"version\":\"1\",\"triggerSource\":\""
        + source
        + "\",\"region\":\"us-east-1\",\"userPoolId\":\"us-east-1_Ex\",\"userName\":\"jane\","
        + "\"callerContext\":{\"awsSdkVersion\":\"x\",\"clientId\":\"c\"},"
        + "\"request\":{\"userAttributes\":{\"sub\":\""
        + sub
        + "\",\"email\":\"jane@example.com\",\"cognito:user_status\":\"CONFIRMED\"}},"
        + "\"response\":{}}";
  }

  String invoke(PostConfirmationHandler handler, String event) throws IOException {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    handler.handleRequest(
        new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), output, context);
    return output.toString(StandardCharsets.UTF_8);
  }

  PostConfirmationHandler handler(DynamoDbUserLock userLock) {
    return new PostConfirmationHandler(new PostConfirmation(userLock, MetricsSettings.DEFAULT));
  }

  @Test
  void aPasswordResetLiftsTheLockAndAnswersWithTheEventUnchanged() throws IOException {
    for (int i = 0; i < 3; i++) {
      lock.countWrong(SUB, NOW);
    }
    assertThat(lock.lockedSince(SUB)).isPresent();
    String event = event("PostConfirmation_ConfirmForgotPassword", SUB);
    assertThat(invoke(handler(lock), event)).isEqualTo(event);
    assertThat(lock.lockedSince(SUB)).isEmpty();
    assertThat(context.capturingLogger().text())
        .contains("\"outcome\":\"UNLOCKED\"", "3 wrong codes in a row cleared", "UsersUnlocked")
        .contains("\"sub\":\"" + SUB + "\"");
    assertThat(lock.countWrong(SUB, NOW).wrongCodes()).isEqualTo(1);
  }

  @Test
  void aResetOfAUserWhoWasNotLockedCountsNoUnlock() throws IOException {
    String other = "7d3e2c1b-0000-4000-8000-000000000002";
    lock.countWrong(other, NOW);
    invoke(handler(lock), event("PostConfirmation_ConfirmForgotPassword", other));
    assertThat(context.capturingLogger().text())
        .contains("\"outcome\":\"NOT_LOCKED\"", "1 wrong codes in a row cleared")
        .doesNotContain("UsersUnlocked");
  }

  @Test
  void aSignUpConfirmationChangesNothing() throws IOException {
    String locked = "7d3e2c1b-0000-4000-8000-000000000003";
    for (int i = 0; i < 3; i++) {
      lock.countWrong(locked, NOW);
    }
    invoke(handler(lock), event("PostConfirmation_ConfirmSignUp", locked));
    assertThat(lock.lockedSince(locked)).isPresent();
    assertThat(context.capturingLogger().text()).contains("not a password reset");
  }

  @Test
  void aStoreThatIsDownFailsTheCallAndTheUserStaysLocked() {
    DynamoDbUserLock missing = new DynamoDbUserLock(dynalite.client(), "no-such-table", 3);
    assertThatThrownBy(
            () -> invoke(handler(missing), event("PostConfirmation_ConfirmForgotPassword", SUB)))
        .isInstanceOf(TriggerFailureException.class)
        .hasMessage(PostConfirmation.NOT_UNLOCKED);
    assertThat(context.capturingLogger().text())
        .contains("NOT_UNLOCKED", "the table no-such-table does not exist");
  }

  @Test
  void theKeepAlivePingIsAnsweredAndNothingElse() throws IOException {
    assertThat(invoke(handler(lock), KeepAlive.PING)).isEqualTo(KeepAlive.PING);
  }

  @Test
  void initNeedsTheLockTableAndRefusesAWeakLock() {
    assertThatThrownBy(() -> new PostConfirmationHandler(Map.of("AWS_REGION", "us-east-1")))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageStartingWith("USER_LOCK_TABLE is");
    assertThatThrownBy(
            () ->
                new PostConfirmationHandler(
                    Map.of(
                        "AWS_REGION", "us-east-1",
                        "USER_LOCK_TABLE", "locks",
                        "CODE_LENGTH", "4",
                        "MAX_CONSECUTIVE_WRONG_CODES", "50")))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("CODE_LENGTH=4");
  }
}
