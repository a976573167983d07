package io.github.cognitoemailotp.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cognitoemailotp.testkit.Events;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TriggerEventTest {

  private static TriggerEvent parse(String json, Trigger trigger) throws MalformedEventException {
    return TriggerEvent.parse(json.getBytes(StandardCharsets.UTF_8), trigger);
  }

  @Test
  void readsADefineEventAsCognitoSendsIt() throws Exception {
    TriggerEvent event =
        TriggerEvent.parse(Events.load("define-wrong-answer.json"), Trigger.DEFINE_AUTH_CHALLENGE);
    assertThat(event.userPoolId()).isEqualTo("us-east-1_ExAmPlE01");
    assertThat(event.email()).isEqualTo("jane.doe@example.com");
    assertThat(event.session())
        .extracting(SessionEntry::challengeName)
        .containsExactly(
            ChallengeName.SRP_A, ChallengeName.PASSWORD_VERIFIER, ChallengeName.CUSTOM_CHALLENGE);
    assertThat(event.session().get(0).challengeMetadata()).isEmpty();
    assertThat(event.session().get(2).challengeMetadata()).startsWith("EMAIL_OTP.v1:FIRST:");
    assertThat(event.resendRequested()).isFalse();
  }

  @Test
  void readsAVerifyEvent() throws Exception {
    TriggerEvent event =
        TriggerEvent.parse(
            Events.load("verify-answer-with-whitespace.json"), Trigger.VERIFY_AUTH_CHALLENGE);
    assertThat(event.challengeAnswer()).isEqualTo("  482913\n");
    assertThat(event.privateChallengeParameters()).containsEntry("code", "482913");
  }

  @Test
  void resendFlagComesFromClientMetadata() throws Exception {
    TriggerEvent event =
        TriggerEvent.parse(
            Events.load("define-resend-request.json"), Trigger.DEFINE_AUTH_CHALLENGE);
    assertThat(event.resendRequested()).isTrue();
  }

  @Test
  void missingPartsBecomeEmptyNotNull() throws Exception {
    TriggerEvent event =
        parse(
            "{\"triggerSource\":\"DefineAuthChallenge_Authentication\"}",
            Trigger.DEFINE_AUTH_CHALLENGE);
    assertThat(event.session()).isEmpty();
    assertThat(event.userAttributes()).isEmpty();
    assertThat(event.clientMetadata()).isEmpty();
    assertThat(event.email()).isEmpty();
    assertThat(event.challengeAnswer()).isEmpty();
    assertThat(event.userNotFound()).isFalse();
  }

  @Test
  void nullValuesReadAsMissing() throws Exception {
    TriggerEvent event =
        parse(
            "{\"triggerSource\":\"DefineAuthChallenge_Authentication\",\"request\":{\"session\":"
                + "[{\"challengeName\":\"SRP_A\",\"challengeResult\":null,\"challengeMetadata\":null}],"
                + "\"userAttributes\":null,\"userNotFound\":null}}",
            Trigger.DEFINE_AUTH_CHALLENGE);
    assertThat(event.session()).containsExactly(new SessionEntry(ChallengeName.SRP_A, false, ""));
  }

  @Test
  void unknownChallengeNamesAreKeptAsUnrecognized() throws Exception {
    TriggerEvent event =
        parse(
            "{\"triggerSource\":\"DefineAuthChallenge_Authentication\",\"request\":{\"session\":"
                + "[{\"challengeName\":\"SMS_MFA\",\"challengeResult\":true}]}}",
            Trigger.DEFINE_AUTH_CHALLENGE);
    assertThat(event.session().getFirst().challengeName()).isEqualTo(ChallengeName.UNRECOGNIZED);
  }

  @Test
  void anotherTriggersEventIsRejected() {
    assertThatThrownBy(
            () ->
                TriggerEvent.parse(
                    Events.load("verify-right-answer.json"), Trigger.DEFINE_AUTH_CHALLENGE))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("triggerSource")
        .hasMessageContaining("DefineAuthChallenge_Authentication");
  }

  @Test
  void wrongTypesAreRejectedWithThePath() {
    assertThatThrownBy(
            () ->
                parse(
                    "{\"triggerSource\":\"DefineAuthChallenge_Authentication\",\"request\":{\"session\":"
                        + "[{\"challengeName\":\"SRP_A\",\"challengeResult\":\"true\"}]}}",
                    Trigger.DEFINE_AUTH_CHALLENGE))
        .isInstanceOf(MalformedEventException.class)
        .hasMessage("request.session[0].challengeResult is not true or false");
    assertThatThrownBy(
            () ->
                parse(
                    "{\"triggerSource\":\"DefineAuthChallenge_Authentication\",\"request\":{\"session\":{}}}",
                    Trigger.DEFINE_AUTH_CHALLENGE))
        .hasMessage("request.session is not a list");
    assertThatThrownBy(
            () ->
                parse(
                    "{\"triggerSource\":\"VerifyAuthChallengeResponse_Authentication\",\"request\":"
                        + "{\"privateChallengeParameters\":{\"code\":123456}}}",
                    Trigger.VERIFY_AUTH_CHALLENGE))
        .hasMessage("request.privateChallengeParameters has a value that is not a string");
  }

  @Test
  void duplicateKeysAreRejected() {
    assertThatThrownBy(
            () ->
                parse(
                    "{\"triggerSource\":\"VerifyAuthChallengeResponse_Authentication\",\"request\":"
                        + "{\"challengeAnswer\":\"1\",\"challengeAnswer\":\"2\"}}",
                    Trigger.VERIFY_AUTH_CHALLENGE))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("a field appears twice");
  }

  @Test
  void brokenJsonIsRejectedWithoutQuotingIt() {
    assertThatThrownBy(() -> parse("{\"challengeAnswer\": 4829x13", Trigger.VERIFY_AUTH_CHALLENGE))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("line 1")
        .hasMessageNotContaining("4829");
    assertThatThrownBy(() -> parse("", Trigger.VERIFY_AUTH_CHALLENGE))
        .isInstanceOf(MalformedEventException.class);
    assertThatThrownBy(() -> parse("[]", Trigger.VERIFY_AUTH_CHALLENGE))
        .hasMessage("the event is not a JSON object");
  }

  @Test
  void deepNestingIsRejected() {
    String deep = "[".repeat(5000) + "]".repeat(5000);
    assertThatThrownBy(
            () ->
                parse(
                    "{\"triggerSource\":\"DefineAuthChallenge_Authentication\",\"x\":" + deep + "}",
                    Trigger.DEFINE_AUTH_CHALLENGE))
        .isInstanceOf(MalformedEventException.class);
  }
}
