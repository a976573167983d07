package io.github.cognitoemailotp.create;

import static io.github.cognitoemailotp.create.SignInSimulation.START;
import static io.github.cognitoemailotp.create.SignInSimulation.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.cognitoemailotp.aws.SentEmail;
import io.github.cognitoemailotp.aws.SesFailures;
import io.github.cognitoemailotp.layer.CodeGenerator;
import io.github.cognitoemailotp.layer.SendFailure;
import io.github.cognitoemailotp.layer.TriggerFailureException;
import io.github.cognitoemailotp.testkit.FakeContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/**
 * Whole sign-ins through the real Create handler: each call gets the session Cognito would send,
 * holding the {@code challengeMetadata} the handler itself wrote on the calls before, so these
 * tests check that the metadata round-trips (reuse, renewal, resend counting and cooldown) and not
 * only that hand-written fixtures are read. {@link CreateSingleEventTest} covers single calls on
 * the fixtures.
 */
class CreateWholeSignInTest {

  final SignInSimulation signIn = new SignInSimulation();

  CreateWholeSignInTest() {
    signIn.codes.addAll(List.of("111111", "222222", "333333", "444444"));
  }

  static Map<String, String> publicParameters(JsonNode response) {
    return strings(response.path("publicChallengeParameters"));
  }

  static Map<String, String> privateParameters(JsonNode response) {
    return strings(response.path("privateChallengeParameters"));
  }

  @Test
  void firstChallengeSendsOneEmailAndTellsTheClientSo() {
    JsonNode first = signIn.start();
    assertThat(signIn.emails()).hasSize(1);
    assertThat(signIn.lastEmail().toAddress()).isEqualTo(SignInSimulation.EMAIL);
    assertThat(publicParameters(first))
        .containsEntry("codeSent", "true")
        .containsEntry("attemptsLeft", "3")
        .containsEntry("resendsLeft", "2");
  }

  @Test
  void publicParametersAreExactlyTheDocumentedOnesWithoutAResendRequest() {
    JsonNode first = signIn.start();
    assertThat(publicParameters(first))
        .containsOnlyKeys(
            "maskedEmail", "codeLength", "codeExpiresAt", "attemptsLeft", "resendsLeft", "codeSent")
        .containsEntry("maskedEmail", "j***@e***.com")
        .containsEntry("codeLength", "6")
        .doesNotContainValue("111111");
  }

  @Test
  void codeExpiresAtIsTheIsoInstantOfThePrivateExpiry() {
    JsonNode first = signIn.start();
    Instant expiresAt = Instant.parse(publicParameters(first).get("codeExpiresAt"));
    assertThat(expiresAt).isEqualTo(START.plusSeconds(300));
    assertThat(publicParameters(first).get("codeExpiresAt")).isEqualTo("2026-11-27T04:05:00Z");
    assertThat(privateParameters(first))
        .containsEntry("expiresAt", Long.toString(expiresAt.getEpochSecond()));
  }

  @Test
  void privateParametersHoldExactlyTheCodeAndItsExpiry() {
    JsonNode first = signIn.start();
    assertThat(privateParameters(first))
        .isEqualTo(Map.of("code", "111111", "expiresAt", "1795752300"));
  }

  @Test
  void publicParametersNeverHoldTheCodeInAnyScenario() {
    signIn.environment.put("RESEND_COOLDOWN_SECONDS", "0");
    JsonNode first = signIn.start();
    JsonNode retry = signIn.wrongAnswer(first);
    JsonNode resent = signIn.askForResend(retry);
    for (JsonNode response : List.of(first, retry, resent)) {
      String code = privateParameters(response).get("code");
      assertThat(response.path("publicChallengeParameters").toString()).doesNotContain(code);
    }
  }

  @Test
  void retryAfterAWrongAnswerReusesTheCodeTheHandlerWroteAndSendsNothing() {
    JsonNode first = signIn.start();
    signIn.now = START.plusSeconds(40);
    JsonNode retry = signIn.wrongAnswer(first);
    assertThat(signIn.emails()).hasSize(1);
    assertThat(privateParameters(retry)).isEqualTo(privateParameters(first));
    assertThat(publicParameters(retry))
        .containsEntry("codeSent", "false")
        .containsEntry("codeExpiresAt", publicParameters(first).get("codeExpiresAt"))
        .containsEntry("attemptsLeft", "2");
    assertThat(retry.path("challengeMetadata").asText())
        .isEqualTo("EMAIL_OTP.v1:RETRY:1795752000:1795752300:111111");
  }

  @Test
  void eachWrongAnswerLowersAttemptsLeftByOne() {
    JsonNode first = signIn.start();
    JsonNode second = signIn.wrongAnswer(first);
    JsonNode third = signIn.wrongAnswer(second);
    assertThat(publicParameters(second)).containsEntry("attemptsLeft", "2");
    assertThat(publicParameters(third)).containsEntry("attemptsLeft", "1");
    assertThat(signIn.emails()).hasSize(1);
  }

  @Test
  void wrongAnswersBeyondMaxAttemptsGetNoFurtherChallenge() {
    JsonNode response = signIn.start();
    for (int i = 0; i < 2; i++) {
      response = signIn.wrongAnswer(response);
    }
    JsonNode last = response;
    assertThatThrownBy(() -> signIn.wrongAnswer(last))
        .isInstanceOf(TriggerFailureException.class)
        .hasMessageContaining("wrong code 3 times");
    assertThat(signIn.emails()).hasSize(1);
  }

  @Test
  void codeThatExpiredBeforeTheRetryIsRenewedWithOneMoreEmail() {
    JsonNode first = signIn.start();
    signIn.now = START.plusSeconds(301);
    JsonNode renewed = signIn.wrongAnswer(first);
    assertThat(signIn.emails()).hasSize(2);
    assertThat(signIn.lastEmail().text()).contains("222222");
    assertThat(privateParameters(renewed))
        .isEqualTo(Map.of("code", "222222", "expiresAt", "1795752601"));
    assertThat(publicParameters(renewed))
        .containsEntry("codeSent", "true")
        .containsEntry("codeExpiresAt", "2026-11-27T04:10:01Z")
        .containsEntry("attemptsLeft", "2");
    assertThat(renewed.path("challengeMetadata").asText())
        .isEqualTo("EMAIL_OTP.v1:RENEWED:1795752301:1795752601:222222");
  }

  @Test
  void renewedCodeIsReusedOnTheNextRetry() {
    JsonNode first = signIn.start();
    signIn.now = START.plusSeconds(400);
    JsonNode renewed = signIn.wrongAnswer(first);
    signIn.now = START.plusSeconds(420);
    JsonNode retry = signIn.wrongAnswer(renewed);
    assertThat(privateParameters(retry)).containsEntry("code", "222222");
    assertThat(publicParameters(retry)).containsEntry("codeSent", "false");
    assertThat(signIn.emails()).hasSize(2);
  }

  @Test
  void allowedResendEmailsANewCodeThatReplacesTheOld() {
    JsonNode first = signIn.start();
    signIn.now = START.plusSeconds(30);
    JsonNode resent = signIn.askForResend(first);
    assertThat(signIn.emails()).hasSize(2);
    assertThat(signIn.lastEmail().text()).contains("222222");
    assertThat(privateParameters(resent))
        .isEqualTo(Map.of("code", "222222", "expiresAt", "1795752330"));
    assertThat(publicParameters(resent))
        .containsEntry("resend", "SENT")
        .containsEntry("resendMessage", "A new code was sent to j***@e***.com.")
        .containsEntry("resendsLeft", "1")
        .containsEntry("attemptsLeft", "3")
        .containsEntry("codeSent", "true");
  }

  @Test
  void resendsCountDownToTheLimitAndThenAreRefusedWithoutAnEmail() {
    JsonNode response = signIn.start();
    signIn.now = START.plusSeconds(30);
    response = signIn.askForResend(response);
    assertThat(publicParameters(response)).containsEntry("resendsLeft", "1");
    signIn.now = START.plusSeconds(60);
    response = signIn.askForResend(response);
    assertThat(publicParameters(response))
        .containsEntry("resend", "SENT")
        .containsEntry("resendsLeft", "0");
    signIn.now = START.plusSeconds(90);
    JsonNode refused = signIn.askForResend(response);
    assertThat(signIn.emails()).hasSize(3);
    assertThat(publicParameters(refused))
        .containsEntry("resend", "REFUSED_LIMIT")
        .containsEntry("resendsLeft", "0")
        .containsEntry("codeSent", "false")
        .containsEntry("attemptsLeft", "3");
    assertThat(publicParameters(refused).get("resendMessage")).contains("used all its resends");
    assertThat(privateParameters(refused)).containsEntry("code", "333333");
  }

  @Test
  void resendCooldownCountsFromTheLatestEmailAndNamesTheWait() {
    JsonNode first = signIn.start();
    signIn.now = START.plusSeconds(30);
    JsonNode resent = signIn.askForResend(first);
    signIn.now = START.plusSeconds(45);
    JsonNode refused = signIn.askForResend(resent);
    assertThat(signIn.emails()).hasSize(2);
    assertThat(publicParameters(refused))
        .containsEntry("resend", "REFUSED_COOLDOWN")
        .containsEntry("resendsLeft", "1")
        .containsEntry("codeSent", "false");
    assertThat(publicParameters(refused).get("resendMessage")).contains("wait 15 seconds");
    assertThat(privateParameters(refused)).containsEntry("code", "222222");
  }

  @Test
  void refusedResendCostsNeitherAnAttemptNorAResend() {
    JsonNode first = signIn.start();
    signIn.now = START.plusSeconds(5);
    JsonNode refused = signIn.askForResend(first);
    signIn.now = START.plusSeconds(40);
    JsonNode afterWrongAnswer = signIn.wrongAnswer(refused);
    assertThat(publicParameters(afterWrongAnswer))
        .containsEntry("attemptsLeft", "2")
        .containsEntry("resendsLeft", "2");
    signIn.now = START.plusSeconds(50);
    JsonNode resent = signIn.askForResend(afterWrongAnswer);
    assertThat(publicParameters(resent)).containsEntry("resend", "SENT");
  }

  @Test
  void grantedResendDoesNotCountAsAWrongAttempt() {
    JsonNode first = signIn.start();
    signIn.now = START.plusSeconds(30);
    JsonNode resent = signIn.askForResend(first);
    signIn.now = START.plusSeconds(40);
    JsonNode retry = signIn.wrongAnswer(resent);
    assertThat(publicParameters(retry)).containsEntry("attemptsLeft", "2");
    assertThat(privateParameters(retry)).containsEntry("code", "222222");
  }

  /**
   * A resend asked for once the code in force has expired gets a live code even past the resend
   * limit (RESEND_RENEWED, not counted), as a wrong answer would; it must not be left with a dead
   * code and only a wasted attempt as the way out.
   */
  @Test
  void resendRefusedByTheLimitAfterExpiryStillGivesALiveCode() {
    signIn.environment.put("MAX_RESENDS", "0");
    JsonNode first = signIn.start();
    signIn.now = START.plusSeconds(400);
    JsonNode refused = signIn.askForResend(first);
    Instant expiresAt = Instant.parse(publicParameters(refused).get("codeExpiresAt"));
    assertThat(expiresAt).isAfter(signIn.now);
    assertThat(signIn.emails()).hasSize(2);
  }

  @Test
  void emptySessionFailsWithoutSending() {
    byte[] event = signIn.event(List.of(), false);
    assertThatThrownBy(() -> signIn.invoke(event))
        .isInstanceOf(TriggerFailureException.class)
        .hasMessageContaining("the session is empty");
    assertThat(signIn.emails()).isEmpty();
  }

  @Test
  void wrongPasswordFailsWithoutSending() {
    byte[] event =
        signIn.event(
            List.of(
                SignInSimulation.entry("SRP_A", true, null),
                SignInSimulation.entry("PASSWORD_VERIFIER", false, null)),
            false);
    assertThatThrownBy(() -> signIn.invoke(event))
        .isInstanceOf(TriggerFailureException.class)
        .hasMessageContaining("the password was wrong");
    assertThat(signIn.emails()).isEmpty();
  }

  @Test
  void foreignMetadataInTheHistoryFailsClosedWithoutSending() {
    List<Map<String, Object>> session = new java.util.ArrayList<>(SignInSimulation.passwordDone());
    session.add(SignInSimulation.entry("CUSTOM_CHALLENGE", false, "CODE-123456"));
    assertThatThrownBy(() -> signIn.invoke(signIn.event(session, false)))
        .isInstanceOf(TriggerFailureException.class)
        .hasMessageContaining("metadata this project did not write");
    assertThat(signIn.emails()).isEmpty();
  }

  @Test
  void userWithoutEmailFailsWithoutSending() {
    signIn.userAttributes.remove("email");
    assertThatThrownBy(signIn::start)
        .isInstanceOf(TriggerFailureException.class)
        .hasMessageContaining("no email attribute");
    assertThat(signIn.emails()).isEmpty();
  }

  @Test
  void userWithoutEmailVerifiedFailsWhenVerificationIsRequired() {
    signIn.environment.put("REQUIRE_VERIFIED_EMAIL", "true");
    signIn.userAttributes.remove("email_verified");
    assertThatThrownBy(signIn::start)
        .isInstanceOf(TriggerFailureException.class)
        .hasMessageContaining("not verified");
    assertThat(signIn.emails()).isEmpty();
  }

  @Test
  void verifiedEmailGetsACodeWhenVerificationIsRequired() {
    signIn.environment.put("REQUIRE_VERIFIED_EMAIL", "true");
    signIn.start();
    assertThat(signIn.emails()).hasSize(1);
  }

  @Test
  void malformedJsonFailsNamingTheProblem() {
    assertThatThrownBy(() -> signIn.invoke("{\"request\":".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(TriggerFailureException.class)
        .hasMessageStartingWith("The CreateAuthChallenge event cannot be read: ");
    assertThat(signIn.emails()).isEmpty();
  }

  @Test
  void eventOfAnotherTriggerFailsNamingTheProblem() {
    byte[] event =
        new String(signIn.nextEvent(false), StandardCharsets.UTF_8)
            .replace("CreateAuthChallenge_Authentication", "DefineAuthChallenge_Authentication")
            .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> signIn.invoke(event))
        .isInstanceOf(TriggerFailureException.class)
        .hasMessageContaining("triggerSource");
    assertThat(signIn.emails()).isEmpty();
  }

  @Test
  void japaneseLocalesGetJapaneseSubjectAndBothBodies() {
    for (String locale : List.of("ja", "ja-JP", "ja_JP")) {
      signIn.userAttributes.put("locale", locale);
      signIn.codes.addFirst("123456");
      signIn.invoke(signIn.nextEvent(false));
      SentEmail message = signIn.lastEmail();
      assertThat(message.subject()).as(locale).isEqualTo("サインイン確認コード");
      assertThat(message.text()).as(locale).contains("サインイン確認コードは 123456 です", "有効期限は 5 分です");
      assertThat(message.html()).as(locale).contains("lang=\"ja\"", "123456");
    }
  }

  @Test
  void missingOrUnknownLocaleFallsBackToEnglish() {
    signIn.start();
    signIn.userAttributes.put("locale", "fr");
    signIn.start();
    signIn.userAttributes.put("locale", "");
    signIn.start();
    assertThat(signIn.emails())
        .hasSize(3)
        .allSatisfy(
            email -> {
              assertThat(email.subject()).isEqualTo("Your sign-in code");
              assertThat(email.text()).contains("valid for 5 minutes");
              assertThat(email.html()).contains("lang=\"en\"");
            });
  }

  @Test
  void everyPartOfTheEmailIsUtf8AndTheBodiesCarryTheCode() {
    signIn.userAttributes.put("locale", "ja");
    signIn.start();
    SentEmail message = signIn.lastEmail();
    assertThat(List.of(message.text(), message.html()))
        .allSatisfy(part -> assertThat(part).contains("111111"));
    assertThat(message.subject()).doesNotContain("111111");
    var content = message.request().content().simple();
    assertThat(List.of(content.subject(), content.body().text(), content.body().html()))
        .allSatisfy(part -> assertThat(part.charset()).isEqualTo("UTF-8"));
    assertThat(content.subject().data()).isEqualTo("サインイン確認コード");
  }

  @Test
  void configurationSetIsPassedOnlyWhenSet() {
    signIn.start();
    assertThat(signIn.lastEmail().configurationSetName()).isEmpty();
    signIn.environment.put("SES_CONFIGURATION_SET", "otp-events");
    signIn.start();
    assertThat(signIn.lastEmail().configurationSetName()).isEqualTo("otp-events");
    assertThat(signIn.lastEmail().fromEmailAddress()).isEqualTo("no-reply@example.com");
  }

  static Stream<Arguments> sesFailures() {
    return Stream.of(
        Arguments.of(
            SesFailures.rejected("Email address is not verified."),
            SendFailure.REJECTED,
            List.of("Verify the sender identity no-reply@example.com", "SES sandbox")),
        Arguments.of(
            SesFailures.throttled(),
            SendFailure.THROTTLED,
            List.of("SES throttled the email", "sending rate")),
        Arguments.of(
            SesFailures.connectionRefused(),
            SendFailure.UNAVAILABLE,
            List.of("SES could not be reached in us-east-1", "network path")),
        Arguments.of(
            SesFailures.callTimedOut(),
            SendFailure.UNAVAILABLE,
            List.of("SES did not answer in us-east-1 within 3000 ms")),
        Arguments.of(
            SesFailures.suspended(),
            SendFailure.MISCONFIGURED,
            List.of("SES has suspended sending", "SES console")),
        Arguments.of(
            SesFailures.notFound("No such thing"),
            SendFailure.MISCONFIGURED,
            List.of("identity no-reply@example.com", "exist in us-east-1")),
        Arguments.of(
            SesFailures.accessDenied(),
            SendFailure.MISCONFIGURED,
            List.of("ses:SendEmail on the identity no-reply@example.com")));
  }

  /**
   * The app is told the kind of failure and what the user can do, nothing internal; the operator
   * reads what to fix in the one log line (issue 14: Create's failure messages reached the app with
   * the sender, the region and SES's text).
   */
  @ParameterizedTest
  @MethodSource("sesFailures")
  void sesFailureShowsTheAppTheShortMessageAndLogsWhatToFix(
      RuntimeException failure, SendFailure kind, List<String> advice) {
    doThrow(failure).when(signIn.ses).sendEmail(any(SendEmailRequest.class));
    assertThatThrownBy(signIn::start)
        .isInstanceOf(TriggerFailureException.class)
        .hasMessage(kind.userMessage())
        .hasMessageNotContainingAny("no-reply@example.com", "us-east-1", "SES", "111111");
    FakeContext context = signIn.invocations.getLast();
    assertThat(context.capturingLogger().lines()).hasSize(1);
    assertThat(context.capturingLogger().text())
        .contains("\"level\":\"ERROR\"", "\"outcome\":\"FAILED\"", kind.name() + ": ")
        .contains(advice)
        .doesNotContain("111111", SignInSimulation.EMAIL);
  }

  @Test
  void sesFailureOnAResendFailsTheTriggerToo() {
    JsonNode first = signIn.start();
    doThrow(SesFailures.throttled()).when(signIn.ses).sendEmail(any(SendEmailRequest.class));
    signIn.now = START.plusSeconds(60);
    assertThatThrownBy(() -> signIn.askForResend(first))
        .isInstanceOf(TriggerFailureException.class)
        .hasMessage(SendFailure.THROTTLED.userMessage());
  }

  @Test
  void everyCodeLengthFromFourToTenReachesTheEmailAndTheParameters() {
    signIn.codes.clear();
    for (int length = 4; length <= 10; length++) {
      signIn.environment.put("CODE_LENGTH", Integer.toString(length));
      JsonNode response = signIn.start();
      String code = privateParameters(response).get("code");
      assertThat(code).as("length %d", length).hasSize(length).containsOnlyDigits();
      assertThat(publicParameters(response)).containsEntry("codeLength", Integer.toString(length));
      assertThat(signIn.lastEmail().text()).contains(" " + code + "\n");
      assertThat(signIn.lastEmail().subject()).doesNotContain(code);
    }
  }

  /** About one four-digit code in ten starts with 0; 300 codes without one: p = 0.9^300, 2e-14. */
  @Test
  void shortCodesAreZeroPaddedToTheirLength() {
    signIn.codes.clear();
    signIn.environment.put("CODE_LENGTH", "4");
    for (int i = 0; i < 300; i++) {
      signIn.start();
    }
    assertThat(signIn.codesMade).hasSize(300).allSatisfy(code -> assertThat(code).hasSize(4));
    assertThat(signIn.codesMade).anySatisfy(code -> assertThat(code).startsWith("0"));
  }

  /**
   * Codes come from a generator made per code inside the handler: two handlers built at the same
   * moment (as two Lambda environments restored from one SnapStart snapshot would be) still send
   * different codes. With 20 pairs of ten-digit codes a chance repeat among the 40 has probability
   * about 8e-8; a generator seeded at init from the clock or a snapshot would repeat every time.
   */
  @Test
  void handlersBuiltAtTheSameMomentSendDifferentCodes() throws IOException {
    signIn.codes.clear();
    signIn.environment.put("CODE_LENGTH", "10");
    Set<String> codes = new HashSet<>();
    for (int pair = 0; pair < 20; pair++) {
      CreateAuthChallengeHandler one = signIn.handler(CodeGenerator.secureRandom());
      CreateAuthChallengeHandler two = signIn.handler(CodeGenerator.secureRandom());
      for (CreateAuthChallengeHandler handler : List.of(one, two)) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        handler.handleRequest(
            new ByteArrayInputStream(signIn.nextEvent(false)),
            output,
            new FakeContext("CreateAuthChallenge"));
        String code =
            SignInSimulation.read(output.toByteArray())
                .path("response")
                .path("privateChallengeParameters")
                .path("code")
                .asText();
        assertThat(code).hasSize(10).containsOnlyDigits();
        codes.add(code);
      }
    }
    assertThat(codes).hasSize(40);
  }
}
