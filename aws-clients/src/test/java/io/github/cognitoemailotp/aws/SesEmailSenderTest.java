package io.github.cognitoemailotp.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import io.github.cognitoemailotp.layer.CodeEmail;
import io.github.cognitoemailotp.layer.CodeNotSentException;
import io.github.cognitoemailotp.layer.SendFailure;
import io.github.cognitoemailotp.layer.lock.LockNotice;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;

/**
 * Each failure of the SDK's SES client becomes a {@link SendFailure} (what the user is told) and a
 * detail that says what to fix (what the operator reads in the log), and never carries the code.
 */
class SesEmailSenderTest {

  private final SesV2Client ses = mock(SesV2Client.class);
  private final SesEmailSender sender =
      new SesEmailSender(
          ses, "no-reply@example.com", "otp", EmailTemplates.load(), Region.EU_WEST_1);
  private final CodeEmail email =
      new CodeEmail("jane.doe@example.com", "482913", Duration.ofMinutes(5), "");

  private void sesThrows(SdkException e) {
    doThrow(e).when(ses).sendEmail(any(SendEmailRequest.class));
  }

  private CodeNotSentException failureOf(SdkException e) {
    sesThrows(e);
    try {
      sender.send(email);
    } catch (CodeNotSentException failure) {
      assertThat(failure.getMessage()).doesNotContain("482913", "jane.doe@example.com");
      return failure;
    }
    throw new AssertionError("the send should have failed");
  }

  @Test
  void theEmailGoesFromTheSenderToTheRecipientWithTheConfigurationSetInUtf8() {
    sender.send(email);
    ArgumentCaptor<SendEmailRequest> request = ArgumentCaptor.forClass(SendEmailRequest.class);
    verify(ses).sendEmail(request.capture());
    SentEmail sent = SentEmail.of(request.getValue());
    assertThat(sent.fromEmailAddress()).isEqualTo("no-reply@example.com");
    assertThat(sent.toAddress()).isEqualTo("jane.doe@example.com");
    assertThat(sent.configurationSetName()).isEqualTo("otp");
    assertThat(sent.subject()).doesNotContain("482913");
    assertThat(sent.text()).contains("482913");
    assertThat(sent.html()).contains("482913");
    var message = request.getValue().content().simple();
    assertThat(
            Stream.of(message.subject(), message.body().text(), message.body().html())
                .map(part -> part.charset()))
        .containsOnly("UTF-8");
  }

  @Test
  void noConfigurationSetIsNamedWhenNoneIsSet() {
    SesEmailSender withoutSet =
        new SesEmailSender(
            ses, "no-reply@example.com", "", EmailTemplates.load(), Region.EU_WEST_1);
    withoutSet.send(email);
    ArgumentCaptor<SendEmailRequest> request = ArgumentCaptor.forClass(SendEmailRequest.class);
    verify(ses).sendEmail(request.capture());
    assertThat(request.getValue().configurationSetName()).isNull();
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(
            SesFailures.rejected("Email address is not verified."),
            SendFailure.REJECTED,
            new String[] {
              "SES rejected the email (MessageRejected: Email address is not verified.; request id"
                  + " req-1234)",
              "Verify the sender identity no-reply@example.com",
              "in SES in eu-west-1",
              "SES sandbox",
              "request production access"
            }),
        Arguments.of(
            SesFailures.throttled(),
            SendFailure.THROTTLED,
            new String[] {"SES throttled the email", "raise the SES sending rate"}),
        Arguments.of(
            SesFailures.quotaExceeded(),
            SendFailure.QUOTA_EXCEEDED,
            new String[] {"LimitExceededException: details", "Raise the SES sending quota"}),
        Arguments.of(
            SesFailures.suspended(),
            SendFailure.MISCONFIGURED,
            new String[] {"SES has suspended sending for this account in eu-west-1"}),
        Arguments.of(
            SesFailures.paused(),
            SendFailure.MISCONFIGURED,
            new String[] {"SendingPausedException: details", "Resume sending in SES"}),
        Arguments.of(
            SesFailures.mailFromNotVerified(),
            SendFailure.MISCONFIGURED,
            new String[] {"MAIL FROM domain of no-reply@example.com", "DNS setup"}),
        Arguments.of(
            SesFailures.notFound("Configuration set otp does not exist."),
            SendFailure.MISCONFIGURED,
            new String[] {"configuration set 'otp'", "exist in eu-west-1"}),
        Arguments.of(
            SesFailures.accessDenied(),
            SendFailure.MISCONFIGURED,
            new String[] {
              "AccessDeniedException", "ses:SendEmail on the identity no-reply@example.com"
            }),
        Arguments.of(
            SesFailures.internalFailure(),
            SendFailure.UNAVAILABLE,
            new String[] {"SES failed, also on the retry (InternalFailure; request id req-1234)"}),
        Arguments.of(
            SesFailures.connectionRefused(),
            SendFailure.UNAVAILABLE,
            new String[] {
              "SES could not be reached in eu-west-1 (ConnectException: Connection refused)",
              "network path"
            }),
        Arguments.of(
            SesFailures.callTimedOut(),
            SendFailure.UNAVAILABLE,
            new String[] {"SES did not answer in eu-west-1 within 3000 ms"}),
        Arguments.of(
            ApiCallAttemptTimeoutException.create(1500),
            SendFailure.UNAVAILABLE,
            new String[] {"within 1500 ms per attempt"}),
        Arguments.of(
            SesFailures.noCredentials(),
            SendFailure.MISCONFIGURED,
            new String[] {"Unable to load credentials", "execution role"}));
  }

  @ParameterizedTest
  @MethodSource("failures")
  void eachFailureHasItsClassAndSaysWhatToFix(
      SdkException e, SendFailure expected, String[] advice) {
    CodeNotSentException failure = failureOf(e);
    assertThat(failure.failure()).isEqualTo(expected);
    assertThat(failure.getMessage()).contains(advice);
  }

  @Test
  void aRefusalWithoutCodeOrMessageShowsItsStatus() {
    CodeNotSentException failure =
        failureOf(SesFailures.refused(SesV2Exception.builder(), 403, "", ""));
    assertThat(failure.getMessage()).startsWith("SES refused the email (HTTP 403; request id");
  }

  @Test
  void theSandboxRejectionNamingTheRecipientIsMasked() {
    CodeNotSentException failure =
        failureOf(
            SesFailures.rejected(
                "Email address is not verified. The following identities failed the check in"
                    + " region EU-WEST-1: Jane.Doe@Example.com"));
    assertThat(failure.getMessage())
        .contains("failed the check in region EU-WEST-1: j***@e***.com");
  }

  @Test
  void theRecipientIsMaskedInAnyCaseAndAnEmptyRecipientChangesNothing() {
    assertThat(
            SesEmailSender.withoutAddress(
                "failed the check: Jane.Doe@Example.com", "jane.doe@example.com"))
        .isEqualTo("failed the check: j***@e***.com");
    assertThat(SesEmailSender.withoutAddress("nothing to mask", "")).isEqualTo("nothing to mask");
  }

  @Test
  void theLockNoticeGoesFromTheSenderToTheUserInTheirLanguage() {
    sender.send(new LockNotice("jane.doe@example.com", 10, true, "ja-JP"));
    ArgumentCaptor<SendEmailRequest> request = ArgumentCaptor.forClass(SendEmailRequest.class);
    verify(ses).sendEmail(request.capture());
    SentEmail sent = SentEmail.of(request.getValue());
    assertThat(sent.fromEmailAddress()).isEqualTo("no-reply@example.com");
    assertThat(sent.toAddress()).isEqualTo("jane.doe@example.com");
    assertThat(sent.configurationSetName()).isEqualTo("otp");
    assertThat(sent.text()).contains("10", "パスワード");
  }

  @Test
  void aLockNoticeThatSesRefusesSaysWhatToFixWithTheAddressMasked() {
    sesThrows(SesFailures.rejected("Email address is not verified: jane.doe@example.com"));
    try {
      sender.send(new LockNotice("jane.doe@example.com", 10, false, ""));
      throw new AssertionError("the send should have failed");
    } catch (CodeNotSentException failure) {
      assertThat(failure.failure()).isEqualTo(SendFailure.REJECTED);
      assertThat(failure.getMessage())
          .contains("Verify the sender identity")
          .doesNotContain("jane.doe@example.com");
    }
  }
}
