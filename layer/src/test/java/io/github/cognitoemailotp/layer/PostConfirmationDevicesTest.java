package io.github.cognitoemailotp.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cognitoemailotp.layer.device.MemoryTrustedDevices;
import io.github.cognitoemailotp.layer.device.TestDevice;
import io.github.cognitoemailotp.layer.device.TrustedDevice;
import io.github.cognitoemailotp.layer.device.TrustedDeviceSettings;
import io.github.cognitoemailotp.layer.device.TrustedDeviceSteps;
import io.github.cognitoemailotp.layer.internal.Json;
import io.github.cognitoemailotp.layer.metrics.MetricsSettings;
import io.github.cognitoemailotp.testkit.CapturingLogger;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A password reset removes all the user's trusted devices; nothing else does. */
class PostConfirmationDevicesTest {

  static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  static final String SUB = "a3c1f2d4-5b6e-4f70-8a9b-0c1d2e3f4a5b";

  final MemoryTrustedDevices store = new MemoryTrustedDevices();
  final CapturingLogger logger = new CapturingLogger();
  final PostConfirmation trigger =
      new PostConfirmation(
          new MemoryUserLock(),
          MetricsSettings.DEFAULT,
          new TrustedDeviceSteps(new TrustedDeviceSettings(30), store));

  static byte[] event(String source, String sub) {
    return Json.write(
        Map.of(
            "version",
            "1",
            "region",
            "us-east-1",
            "userPoolId",
            "us-east-1_ExAmPlE01",
            "userName",
            sub,
            "triggerSource",
            source,
            "callerContext",
            Map.of("clientId", "5example1client2id3abcdefg"),
            "request",
            Map.of("userAttributes", Map.of("sub", sub, "email", "jane@example.com")),
            "response",
            Map.of()));
  }

  void register(String sub) {
    TestDevice device = TestDevice.create();
    store.register(
        new TrustedDevice(sub, device.id(), device.spki(), "d", NOW, NOW, NOW.plusSeconds(86_400)),
        NOW);
  }

  @BeforeEach
  void twoDevicesAndSomeoneElses() {
    register(SUB);
    register(SUB);
    register("another-sub");
  }

  @Test
  void aPasswordResetRemovesAllTheUsersDevicesAndNoOneElses() {
    trigger.handle(event(PostConfirmation.CONFIRM_FORGOT_PASSWORD, SUB), logger);
    assertThat(store.list(SUB)).isEmpty();
    assertThat(store.list("another-sub")).hasSize(1);
    assertThat(logger.text()).contains("2 trusted devices removed");
  }

  @Test
  void aSignUpConfirmationRemovesNothing() {
    trigger.handle(event("PostConfirmation_ConfirmSignUp", SUB), logger);
    assertThat(store.list(SUB)).hasSize(2);
  }

  @Test
  void aStoreThatCannotAnswerFailsTheResetWithItsOwnMessage() {
    store.down = true;
    assertThatThrownBy(
            () -> trigger.handle(event(PostConfirmation.CONFIRM_FORGOT_PASSWORD, SUB), logger))
        .isInstanceOf(TriggerFailureException.class)
        .hasMessage(PostConfirmation.DEVICES_NOT_REMOVED);
    assertThat(logger.text()).contains("DEVICES_NOT_REMOVED");
  }

  @Test
  void withDevicesOffAResetTouchesNoStore() {
    store.down = true;
    new PostConfirmation(new MemoryUserLock(), MetricsSettings.DEFAULT, TrustedDeviceSteps.OFF)
        .handle(event(PostConfirmation.CONFIRM_FORGOT_PASSWORD, SUB), logger);
    assertThat(logger.text()).doesNotContain("DEVICES_NOT_REMOVED");
  }
}
