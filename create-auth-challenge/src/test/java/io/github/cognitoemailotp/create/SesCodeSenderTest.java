package io.github.cognitoemailotp.create;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import io.github.cognitoemailotp.layer.CodeEmail;
import io.github.cognitoemailotp.layer.CreateSettings;
import io.github.cognitoemailotp.layer.InvalidSettingException;
import io.github.cognitoemailotp.layer.TriggerFailureException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each SES failure becomes a message that says what to fix, and never carries the code. */
class SesCodeSenderTest {

  private final SesApi ses = mock(SesApi.class);
  private final CreateSettings settings =
      CreateSettings.fromEnvironment(
          Map.of("EMAIL_SENDER", "no-reply@example.com", "SES_CONFIGURATION_SET", "otp"));
  private final SesCodeSender sender =
      new SesCodeSender(ses, settings, EmailTemplates.load(), "eu-west-1");
  private final CodeEmail email =
      new CodeEmail("jane.doe@example.com", "482913", Duration.ofMinutes(5), "");

  private void sesThrows(SesException e) {
    doThrow(e).when(ses).sendEmail(any(SesEmail.class));
  }

  @Test
  void theEmailGoesFromTheSenderToTheRecipientWithTheConfigurationSet() {
    sender.send(email);
    verify(ses)
        .sendEmail(
            org.mockito.ArgumentMatchers.argThat(
                sent ->
                    sent.fromEmailAddress().equals("no-reply@example.com")
                        && sent.toAddress().equals("jane.doe@example.com")
                        && sent.configurationSetName().equals("otp")
                        && sent.subject().contains("482913")
                        && sent.text().contains("482913")
                        && sent.html().contains("482913")));
  }

  @Test
  void rejectedMessageSaysToVerifyTheSenderOrLeaveTheSandbox() {
    sesThrows(
        SesException.refused(
            400,
            "MessageRejected",
            "Email address is not verified. The following identities failed the check in region"
                + " EU-WEST-1: no-reply@example.com"));
    assertThatThrownBy(() -> sender.send(email))
        .isInstanceOf(TriggerFailureException.class)
        .hasMessageContaining(
            "SES rejected the email (MessageRejected: Email address is not verified")
        .hasMessageContaining("Verify the sender identity no-reply@example.com")
        .hasMessageContaining("in eu-west-1")
        .hasMessageContaining("SES sandbox")
        .hasMessageContaining("request production access")
        .hasMessageNotContaining("482913");
  }

  @Test
  void throttlingSaysToTryAgainOrRaiseTheRate() {
    sesThrows(SesException.refused(429, "TooManyRequestsException", "Rate exceeded"));
    assertThatThrownBy(() -> sender.send(email))
        .hasMessageContaining("SES throttled the email")
        .hasMessageContaining("raise the SES sending rate");
  }

  @Test
  void suspendedAccountSaysWhereToResolveIt() {
    sesThrows(SesException.refused(400, "AccountSuspendedException", "suspended"));
    assertThatThrownBy(() -> sender.send(email))
        .hasMessageContaining("SES has suspended sending for this account in eu-west-1");
  }

  @Test
  void missingConfigurationSetIsNamed() {
    sesThrows(
        SesException.refused(404, "NotFoundException", "Configuration set otp does not exist."));
    assertThatThrownBy(() -> sender.send(email))
        .hasMessageContaining("configuration set 'otp'")
        .hasMessageContaining("exist in eu-west-1");
  }

  @Test
  void accessDeniedPointsAtThePermission() {
    sesThrows(
        SesException.refused(
            403, "AccessDeniedException", "not authorized to perform ses:SendEmail"));
    assertThatThrownBy(() -> sender.send(email))
        .hasMessageContaining("AccessDeniedException")
        .hasMessageContaining("ses:SendEmail on the identity no-reply@example.com");
  }

  @Test
  void regionMustBeSet() {
    assertThatThrownBy(() -> SesCodeSender.regionFromEnvironment(Map.of()))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("AWS_REGION is not set");
    assertThat(SesCodeSender.regionFromEnvironment(Map.of("AWS_REGION", " eu-west-1 ")))
        .isEqualTo("eu-west-1");
  }

  @Test
  void unreachableSesSaysToCheckTheNetwork() {
    sesThrows(SesException.unreachable("ConnectException"));
    assertThatThrownBy(() -> sender.send(email))
        .isInstanceOf(TriggerFailureException.class)
        .hasMessage(
            "SES could not be reached in eu-west-1 within 3500 ms (ConnectException). Check the"
                + " function's network path to SES and try again.");
  }

  @Test
  void missingCredentialsSayWhereTheyComeFrom() {
    sesThrows(SesException.noCredentials("Unable to load credentials from any provider"));
    assertThatThrownBy(() -> sender.send(email))
        .hasMessageContaining("No AWS credentials to sign the SES request with")
        .hasMessageContaining("Unable to load credentials")
        .hasMessageContaining("execution role");
  }

  @Test
  void theOtherKnownRefusalsEachSayWhatToFix() {
    Map<String, String> advice =
        Map.of(
            "MailFromDomainNotVerifiedException", "MAIL FROM domain of no-reply@example.com",
            "SendingPausedException", "Resume sending in SES",
            "LimitExceededException", "Raise the SES sending quota");
    advice.forEach(
        (code, fix) -> {
          sesThrows(SesException.refused(400, code, "details"));
          assertThatThrownBy(() -> sender.send(email))
              .as(code)
              .hasMessageContaining(fix)
              .hasMessageContaining(code + ": details");
        });
  }

  @Test
  void aRefusalWithoutMessageShowsItsCodeAlone() {
    sesThrows(SesException.refused(500, "InternalFailure", ""));
    assertThatThrownBy(() -> sender.send(email))
        .hasMessageStartingWith("SES refused the email (InternalFailure). ");
  }

  @Test
  void theRecipientIsMaskedInAnyCaseAndAnEmptyRecipientChangesNothing() {
    assertThat(
            SesCodeSender.withoutAddress(
                "failed the check: Jane.Doe@Example.com", "jane.doe@example.com"))
        .isEqualTo("failed the check: j***@e***.com");
    assertThat(SesCodeSender.withoutAddress("nothing to mask", "")).isEqualTo("nothing to mask");
  }
}
