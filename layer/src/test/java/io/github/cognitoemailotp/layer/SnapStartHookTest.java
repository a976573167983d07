package io.github.cognitoemailotp.layer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cognitoemailotp.testkit.CracCheckpoint;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shared SnapStart hook: a SnapStart init is told apart by Lambda's variable, registering
 * reaches CRaC's global context (test-kit's {@code javax.crac}, which {@code org.crac} binds to
 * here), and the checkpoint logs the hook's line and never throws.
 */
class SnapStartHookTest {

  /** A hook that counts its primings and answers with {@code line}, or throws when it is null. */
  static final class CountingHook extends SnapStartHook {
    final AtomicInteger primed = new AtomicInteger();
    final String line;

    CountingHook(String line) {
      this.line = line;
    }

    @Override
    protected String primeAndReport() {
      primed.incrementAndGet();
      if (line == null) {
        throw new IllegalStateException("priming broke");
      }
      return line;
    }

    @Override
    protected String functionName() {
      return "TestFunction";
    }
  }

  @BeforeEach
  void forgetEarlierRegistrations() {
    CracCheckpoint.takeRegistered();
  }

  @Test
  void aSnapStartInitIsOneThatLambdaMarksSnapStart() {
    assertThat(
            SnapStartHook.isSnapStartInit(
                Map.of(SnapStartHook.INITIALIZATION_TYPE_VARIABLE, "snap-start")))
        .isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"on-demand", "provisioned-concurrency", "", "SNAP-START", " snap-start"})
  void everyOtherInitializationTypeIsNot(String type) {
    assertThat(
            SnapStartHook.isSnapStartInit(Map.of(SnapStartHook.INITIALIZATION_TYPE_VARIABLE, type)))
        .isFalse();
  }

  @Test
  void anEnvironmentWithoutTheVariableIsNotASnapStartInit() {
    Map<String, String> environment = new HashMap<>();
    environment.put("AWS_REGION", "us-east-1");
    assertThat(SnapStartHook.isSnapStartInit(environment)).isFalse();
  }

  @Test
  void registeringReachesTheCracContextAndItsCheckpointPrimes() throws Exception {
    CountingHook hook = new CountingHook("SnapStart priming: TestFunction path warmed");

    assertThat(SnapStartHook.register(hook)).isSameAs(hook);
    List<javax.crac.Resource> registered = CracCheckpoint.takeRegistered();
    assertThat(registered).hasSize(1);
    String printed = CracCheckpoint.printedBy(registered.getFirst());

    assertThat(hook.primed).hasValue(1);
    assertThat(printed)
        .isEqualTo("SnapStart priming: TestFunction path warmed" + System.lineSeparator());
  }

  @Test
  void aPrimingThatThrowsIsLoggedAsFailedAndNotThrownIntoTheCheckpoint() throws Exception {
    CountingHook hook = new CountingHook(null);
    SnapStartHook.register(hook);

    String printed = CracCheckpoint.printedBy(CracCheckpoint.takeRegistered().getFirst());

    assertThat(hook.primed).hasValue(1);
    assertThat(printed)
        .isEqualTo(
            "SnapStart priming: TestFunction failed (IllegalStateException)"
                + System.lineSeparator());
  }
}
