package io.github.cognitoemailotp.create;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.github.cognitoemailotp.aws.EmailTemplates;
import io.github.cognitoemailotp.aws.SentEmail;
import io.github.cognitoemailotp.aws.SesEmailSender;
import io.github.cognitoemailotp.aws.SesFailures;
import io.github.cognitoemailotp.layer.CodeGenerator;
import io.github.cognitoemailotp.layer.CreateAuthChallenge;
import io.github.cognitoemailotp.layer.CreateSettings;
import io.github.cognitoemailotp.layer.SendFailure;
import io.github.cognitoemailotp.layer.TriggerFailureException;
import io.github.cognitoemailotp.layer.budget.BudgetSpend;
import io.github.cognitoemailotp.layer.internal.Json;
import io.github.cognitoemailotp.testkit.Events;
import io.github.cognitoemailotp.testkit.FakeContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/**
 * The Create handler as Lambda runs it (event bytes in, response bytes out) over the real SES
 * sender with a mocked SES client. The fixtures' first code 482913 was emailed at 1795752000 and
 * expires at 1795752300.
 */
class CreateSingleEventTest {

  static final Instant SENT = Instant.ofEpochSecond(1_795_752_000L);

  final SesV2Client ses = mock(SesV2Client.class);
  final FakeContext context = new FakeContext("CreateAuthChallenge");
  final Deque<String> codes = new ArrayDeque<>(List.of("111111", "222222", "333333"));
  final Map<String, String> environment =
      new HashMap<>(Map.of("EMAIL_SENDER", "no-reply@example.com"));

  CreateSingleEventTest() {}

  String invoke(byte[] event, Instant now) {
    CreateSettings settings = CreateSettings.fromEnvironment(environment);
    CodeGenerator generator = length -> codes.removeFirst();
    CreateAuthChallengeHandler handler =
        new CreateAuthChallengeHandler(
            new CreateAuthChallenge(
                NobodyLocked.INSTANCE,
                settings,
                new SesEmailSender(
                    ses,
                    settings.emailSender(),
                    settings.sesConfigurationSet(),
                    EmailTemplates.load(),
                    Region.US_EAST_1),
                (sub, at) -> BudgetSpend.grant(),
                generator,
                Clock.fixed(now, ZoneOffset.UTC)));
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try {
      handler.handleRequest(new ByteArrayInputStream(event), output, context);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return output.toString(StandardCharsets.UTF_8);
  }

  String invoke(String fixture, Instant now) {
    return invoke(Events.load(fixture), now);
  }

  SentEmail onlyEmail() {
    ArgumentCaptor<SendEmailRequest> request = ArgumentCaptor.forClass(SendEmailRequest.class);
    verify(ses, times(1)).sendEmail(request.capture());
    return SentEmail.of(request.getValue());
  }

  /** The fixture with one user attribute set, or removed when {@code value} is null. */
  @SuppressWarnings("unchecked")
  static byte[] withUserAttribute(String fixture, String name, String value) {
    try {
      Map<String, Object> event = (Map<String, Object>) Json.parse(Events.load(fixture));
      Map<String, Object> request = (Map<String, Object>) event.get("request");
      Map<String, Object> attributes =
          new java.util.LinkedHashMap<>((Map<String, Object>) request.get("userAttributes"));
      if (value == null) {
        attributes.remove(name);
      } else {
        attributes.put(name, value);
      }
      request.put("userAttributes", attributes);
      return Json.write(event);
    } catch (Json.SyntaxException e) {
      throw new AssertionError(e);
    }
  }

  static byte[] withLocale(String fixture, String locale) {
    return withUserAttribute(fixture, "locale", locale);
  }

  @Test
  void firstChallengeEmailsANewCodeAndKeepsIt() {
    String response = invoke("create-first-challenge.json", SENT);
    SentEmail email = onlyEmail();
    assertThat(email.fromEmailAddress()).isEqualTo("no-reply@example.com");
    assertThat(email.toAddress()).isEqualTo("jane.doe@example.com");
    assertThat(email.text()).contains("111111");
    assertThat(email.subject()).doesNotContain("111111");
    assertThat(response)
        .contains("\"privateChallengeParameters\":{")
        .contains("\"code\":\"111111\"")
        .contains("\"expiresAt\":\"1795752300\"")
        .contains("\"challengeMetadata\":\"EMAIL_OTP.v1:FIRST:1795752000:1795752300:111111\"");
  }

  @Test
  void publicParametersHelpTheClientAndHoldNoCode() {
    String response = invoke("create-first-challenge.json", SENT);
    String publicPart =
        response.substring(
            response.indexOf("\"publicChallengeParameters\""),
            response.indexOf("\"privateChallengeParameters\""));
    assertThat(publicPart)
        .contains(
            "\"maskedEmail\":\"j***@e***.com\"",
            "\"codeLength\":\"6\"",
            "\"codeExpiresAt\":\"2026-11-27T04:05:00Z\"",
            "\"attemptsLeft\":\"3\"",
            "\"resendsLeft\":\"2\"",
            "\"codeSent\":\"true\"")
        .doesNotContain("111111")
        .doesNotContain("resend\"");
  }

  @Test
  void retryAfterAWrongAnswerReusesTheCodeWithoutAnEmail() {
    String response = invoke("create-after-wrong-answer.json", SENT.plusSeconds(60));
    verify(ses, never()).sendEmail(any(SendEmailRequest.class));
    assertThat(response)
        .contains("\"code\":\"482913\"", "\"codeSent\":\"false\"", "\"attemptsLeft\":\"2\"")
        .contains("EMAIL_OTP.v1:RETRY:1795752000:1795752300:482913");
  }

  @Test
  void expiredCodeIsReplacedAndEmailed() {
    String response = invoke("create-after-wrong-answer.json", SENT.plusSeconds(300));
    assertThat(onlyEmail().text()).contains("111111");
    assertThat(response)
        .contains("\"code\":\"111111\"", "\"codeSent\":\"true\"")
        .contains("EMAIL_OTP.v1:RENEWED:1795752300:1795752600:111111");
  }

  @Test
  void allowedResendEmailsAFreshCode() {
    String response = invoke("create-resend-request.json", SENT.plusSeconds(30));
    assertThat(onlyEmail().text()).contains("111111");
    assertThat(response)
        .contains("\"resend\":\"SENT\"", "\"resendsLeft\":\"1\"", "\"attemptsLeft\":\"3\"")
        .contains("\"code\":\"111111\"")
        .contains("EMAIL_OTP.v1:RESEND:");
  }

  @Test
  void resendWithinTheCooldownIsRefusedWithoutAnEmail() {
    String response = invoke("create-resend-request.json", SENT.plusSeconds(10));
    verify(ses, never()).sendEmail(any(SendEmailRequest.class));
    assertThat(response)
        .contains("\"resend\":\"REFUSED_COOLDOWN\"", "wait 20 seconds")
        .contains("\"code\":\"482913\"", "\"resendsLeft\":\"2\"")
        .contains("EMAIL_OTP.v1:RESEND_REFUSED:1795752000:1795752300:482913");
  }

  @Test
  void resendBeyondTheLimitIsRefusedWithoutAnEmail() {
    environment.put("MAX_RESENDS", "0");
    String response = invoke("create-resend-request.json", SENT.plusSeconds(60));
    verify(ses, never()).sendEmail(any(SendEmailRequest.class));
    assertThat(response)
        .contains("\"resend\":\"REFUSED_LIMIT\"", "\"resendsLeft\":\"0\"")
        .contains("\"code\":\"482913\"");
  }

  @Test
  void codeLengthFollowsTheSetting() {
    environment.put("CODE_LENGTH", "8");
    codes.clear();
    String response =
        new String(
            invokeWithSecureRandom(Events.load("create-first-challenge.json")),
            StandardCharsets.UTF_8);
    assertThat(response).containsPattern("\"code\":\"[0-9]{8}\"").contains("\"codeLength\":\"8\"");
  }

  byte[] invokeWithSecureRandom(byte[] event) {
    CreateSettings settings = CreateSettings.fromEnvironment(environment);
    CreateAuthChallengeHandler handler =
        new CreateAuthChallengeHandler(
            new CreateAuthChallenge(
                NobodyLocked.INSTANCE,
                settings,
                new SesEmailSender(
                    ses,
                    settings.emailSender(),
                    settings.sesConfigurationSet(),
                    EmailTemplates.load(),
                    Region.US_EAST_1),
                (sub, at) -> BudgetSpend.grant(),
                CodeGenerator.secureRandom(),
                Clock.fixed(SENT, ZoneOffset.UTC)));
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try {
      handler.handleRequest(new ByteArrayInputStream(event), output, context);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return output.toByteArray();
  }

  @Test
  void emailHasTextAndHtmlPartsInEnglishByDefault() {
    invoke("create-first-challenge.json", SENT);
    SentEmail email = onlyEmail();
    assertThat(email.subject()).isEqualTo("Your sign-in code");
    assertThat(email.text()).contains("valid for 5 minutes");
    assertThat(email.html()).contains("<html lang=\"en\">", "111111");
  }

  @Test
  void japaneseLocaleGetsTheJapaneseEmail() {
    for (String locale : List.of("ja", "ja-JP", "ja_JP", "JA")) {
      codes.addFirst("111111");
      invoke(withLocale("create-first-challenge.json", locale), SENT);
    }
    ArgumentCaptor<SendEmailRequest> requests = ArgumentCaptor.forClass(SendEmailRequest.class);
    verify(ses, times(4)).sendEmail(requests.capture());
    assertThat(requests.getAllValues())
        .allSatisfy(request -> assertThat(SentEmail.of(request).subject()).isEqualTo("サインイン確認コード"));
  }

  @Test
  void otherLocalesFallBackToEnglish() {
    invoke(withLocale("create-first-challenge.json", "fr-FR"), SENT);
    assertThat(onlyEmail().subject()).startsWith("Your sign-in code");
  }

  @Test
  void configurationSetIsUsedOnlyWhenSet() {
    invoke("create-first-challenge.json", SENT);
    assertThat(onlyEmail().configurationSetName()).isEmpty();

    environment.put("SES_CONFIGURATION_SET", "otp-events");
    invoke("create-first-challenge.json", SENT);
    ArgumentCaptor<SendEmailRequest> requests = ArgumentCaptor.forClass(SendEmailRequest.class);
    verify(ses, times(2)).sendEmail(requests.capture());
    assertThat(requests.getAllValues().get(1).configurationSetName()).isEqualTo("otp-events");
  }

  @Test
  void userWithoutEmailFailsWithoutSending() {
    assertThatThrownBy(
            () -> invoke(withUserAttribute("create-first-challenge.json", "email", null), SENT))
        .isInstanceOf(TriggerFailureException.class)
        .hasMessageContaining("no email attribute");
    verify(ses, never()).sendEmail(any(SendEmailRequest.class));
    assertThat(context.capturingLogger().text()).contains("no email attribute");
  }

  @Test
  void unverifiedEmailFailsWhenVerificationIsRequired() {
    environment.put("REQUIRE_VERIFIED_EMAIL", "true");
    byte[] event = withUserAttribute("create-first-challenge.json", "email_verified", "false");
    assertThatThrownBy(() -> invoke(event, SENT))
        .isInstanceOf(TriggerFailureException.class)
        .hasMessageContaining("not verified");
    verify(ses, never()).sendEmail(any(SendEmailRequest.class));
  }

  @Test
  void unverifiedEmailGetsACodeByDefault() {
    invoke(withUserAttribute("create-first-challenge.json", "email_verified", "false"), SENT);
    assertThat(onlyEmail().toAddress()).isEqualTo("jane.doe@example.com");
  }

  @Test
  void historyDefineWouldNotContinueFailsWithoutSending() {
    byte[] wrongPassword =
        new String(Events.load("create-first-challenge.json"), StandardCharsets.UTF_8)
            .replace(
                "\"challengeName\": \"PASSWORD_VERIFIER\",\n        \"challengeResult\": true",
                "\"challengeName\": \"PASSWORD_VERIFIER\",\n        \"challengeResult\": false")
            .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> invoke(wrongPassword, SENT))
        .isInstanceOf(TriggerFailureException.class)
        .hasMessageContaining("the password was wrong");
    verify(ses, never()).sendEmail(any(SendEmailRequest.class));
  }

  @Test
  void malformedEventFailsNamingTheProblem() {
    assertThatThrownBy(
            () ->
                invoke(
                    "{\"triggerSource\":\"CreateAuthChallenge_Authentication\",\"request\":[]}"
                        .getBytes(StandardCharsets.UTF_8),
                    SENT))
        .isInstanceOf(TriggerFailureException.class)
        .hasMessage("The CreateAuthChallenge event cannot be read: request is not an object");
  }

  @Test
  void sesFailureShowsTheShortMessageAndLogsWhatToFix() {
    doThrow(SesFailures.callTimedOut()).when(ses).sendEmail(any(SendEmailRequest.class));
    assertThatThrownBy(() -> invoke("create-first-challenge.json", SENT))
        .isInstanceOf(TriggerFailureException.class)
        .hasMessage(SendFailure.UNAVAILABLE.userMessage());
    assertThat(context.capturingLogger().text())
        .contains("UNAVAILABLE: SES did not answer in us-east-1 within 3000 ms");
  }

  @Test
  void logHasOneLinePerInvocationAndNeverTheCodeOrAddress() {
    invoke("create-first-challenge.json", SENT);
    invoke("create-after-wrong-answer.json", SENT.plusSeconds(60));
    invoke("create-resend-request.json", SENT.plusSeconds(60));
    assertThat(context.capturingLogger().lines()).hasSize(3);
    assertThat(context.capturingLogger().text())
        .contains("\"outcome\":\"FIRST\"", "\"outcome\":\"RETRY\"", "\"outcome\":\"RESEND\"")
        .contains("\"maskedEmail\":\"j***@e***.com\"")
        .doesNotContain("111111", "222222", "482913", "jane.doe@example.com");
  }
}
