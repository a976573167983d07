package io.github.cognitoemailotp.layer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cognitoemailotp.layer.device.DeviceChallenge;
import io.github.cognitoemailotp.layer.device.TrustedDevice;
import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Define's table with a trusted device's challenge as the first custom challenge. */
class DefineWithDeviceTest {

  static final FlowSettings DEFAULTS = new FlowSettings(3, 2, false);
  static final Instant NOW = Instant.ofEpochSecond(1_795_752_060L);
  static final String DEVICE_ID = "0123456789abcdefghijABCDEFGHIJ-_0123456789x";

  static String deviceMetadata() {
    TrustedDevice device =
        new TrustedDevice(
            "a3c1f2d4-5b6e-4f70-8a9b-0c1d2e3f4a5b",
            DEVICE_ID,
            "key",
            "laptop",
            NOW.minusSeconds(86_400),
            NOW.minusSeconds(86_400),
            NOW.plusSeconds(86_400));
    return DeviceChallenge.issue(device, NOW.minusSeconds(10), new SecureRandom()).toMetadata();
  }

  static History device(History history, boolean proven) {
    return history.entry("CUSTOM_CHALLENGE", proven, deviceMetadata());
  }

  static DefineDecision decide(History history) {
    return AuthFlow.decide(history.parsed(Trigger.DEFINE_AUTH_CHALLENGE), DEFAULTS, NOW);
  }

  @Test
  void aCorrectDeviceProofAfterThePasswordIssuesTokens() {
    DefineDecision decision = decide(device(History.afterPassword(), true));
    assertThat(decision.next()).isEqualTo(NextStep.ISSUE_TOKENS);
    assertThat(decision.reason()).isEqualTo("the trusted device signed its challenge");
  }

  @Test
  void aFailedDeviceProofAsksForTheEmailedCode() {
    DefineDecision decision = decide(device(History.afterPassword(), false));
    assertThat(decision.next()).isEqualTo(NextStep.CUSTOM_CHALLENGE);
    assertThat(decision.tally().codeInForce()).as("Create then emails a FIRST code").isEmpty();
  }

  @Test
  void aFailedDeviceProofSpendsNoneOfTheCodeAttempts() {
    History history =
        device(History.afterPassword(), false)
            .answer(IssueReason.FIRST, false)
            .answer(IssueReason.RETRY, false);
    assertThat(decide(history).next()).isEqualTo(NextStep.CUSTOM_CHALLENGE);
    assertThat(decide(history.answer(IssueReason.RETRY, true)).next())
        .isEqualTo(NextStep.ISSUE_TOKENS);
  }

  @Test
  void theCodeAfterAFailedDeviceProofStillNeedsToBeRight() {
    History history =
        device(History.afterPassword(), false)
            .answer(IssueReason.FIRST, false)
            .answer(IssueReason.RETRY, false)
            .answer(IssueReason.RETRY, false);
    assertThat(decide(history).next()).isEqualTo(NextStep.FAIL_AUTHENTICATION);
  }

  @Test
  void aDeviceProofNeverStandsInForThePassword() {
    assertThat(decide(device(new History().srpA(true).passwordVerifier(false), true)).next())
        .isEqualTo(NextStep.FAIL_AUTHENTICATION);
    assertThat(decide(device(new History().srpA(true), true)).next())
        .isEqualTo(NextStep.FAIL_AUTHENTICATION);
    assertThat(decide(device(new History(), true)).next()).isEqualTo(NextStep.FAIL_AUTHENTICATION);
  }

  @Test
  void aDeviceProofForAUserWhoDoesNotExistFails() {
    assertThat(decide(device(History.afterPassword().userNotFound(), true)).next())
        .isEqualTo(NextStep.FAIL_AUTHENTICATION);
  }

  @Test
  void aDeviceProofForAUserInAnotherStatusFails() {
    History history = History.afterPassword().attribute("cognito:user_status", "RESET_REQUIRED");
    assertThat(decide(device(history, true)).next()).isEqualTo(NextStep.FAIL_AUTHENTICATION);
  }

  @Test
  void aDeviceChallengeAfterACodeChallengeFails() {
    History history = device(History.afterPassword().answer(IssueReason.FIRST, false), true);
    DefineDecision decision = decide(history);
    assertThat(decision.next()).isEqualTo(NextStep.FAIL_AUTHENTICATION);
    assertThat(decision.reason()).contains("device challenge after the first custom challenge");
  }

  @Test
  void aCorrectDeviceProofThatDidNotEndTheSignInFails() {
    History history = device(History.afterPassword(), true).answer(IssueReason.FIRST, true);
    assertThat(decide(history).next()).isEqualTo(NextStep.FAIL_AUTHENTICATION);
  }

  @Test
  void deviceMetadataThatDoesNotParseFails() {
    History history =
        History.afterPassword().entry("CUSTOM_CHALLENGE", true, "DEVICE_PROOF.v1:forged:1:2");
    assertThat(decide(history).next()).isEqualTo(NextStep.FAIL_AUTHENTICATION);
  }
}
