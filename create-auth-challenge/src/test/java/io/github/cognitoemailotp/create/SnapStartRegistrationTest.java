package io.github.cognitoemailotp.create;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cognitoemailotp.layer.SnapStartHook;
import io.github.cognitoemailotp.testkit.ChildJvm;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The handler's init in a JVM of its own, from the real environment, then a checkpoint (test-kit's
 * {@code javax.crac}, which {@code org.crac} binds to): a SnapStart init registers the priming and
 * the checkpoint runs it; any other init registers nothing, so the checkpoint prints nothing.
 */
class SnapStartRegistrationTest {

  /** The handler's init (the constructor Lambda calls), then a checkpoint and restore. */
  public static void main(String[] args) throws Exception {
    CreateAuthChallengeHandler handler = new CreateAuthChallengeHandler();
    javax.crac.Core.checkpointRestore();
    System.out.println("priming held: " + (handler.priming() != null));
  }

  static String initAndCheckpoint(String initializationType) throws Exception {
    Map<String, String> environment = new HashMap<>();
    environment.put("AWS_REGION", "us-east-1");
    environment.put("AWS_ACCESS_KEY_ID", "local");
    environment.put("AWS_SECRET_ACCESS_KEY", "local");
    environment.put("AWS_ENDPOINT_URL", "http://127.0.0.1:9");
    environment.put("EMAIL_SENDER", "no-reply@example.com");
    environment.put("CODE_EMAIL_BUDGET_TABLE", "stack-CodeEmailBudgetTable-1");
    environment.put("USER_LOCK_TABLE", "stack-UserLockTable-1");
    environment.put(SnapStartHook.INITIALIZATION_TYPE_VARIABLE, initializationType);
    return ChildJvm.run(SnapStartRegistrationTest.class, environment);
  }

  @ParameterizedTest
  @ValueSource(strings = {"snap-start"})
  void aSnapStartInitRegistersThePrimingAndTheCheckpointRunsIt(String initializationType)
      throws Exception {
    assertThat(initAndCheckpoint(initializationType))
        .isEqualTo(
            "SnapStart priming: trigger path warmed, SES client warmed, DynamoDB client warmed,"
                + " calls through a stand-in on 127.0.0.1 warmed; no email sent, no budget spent"
                + System.lineSeparator()
                + "priming held: true"
                + System.lineSeparator());
  }

  @ParameterizedTest
  @ValueSource(strings = {"on-demand", "provisioned-concurrency"})
  void anyOtherInitRegistersNothing(String initializationType) throws Exception {
    assertThat(initAndCheckpoint(initializationType))
        .isEqualTo("priming held: false" + System.lineSeparator());
  }
}
