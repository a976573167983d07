package io.github.cognitoemailotp.create;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.github.cognitoemailotp.layer.CodeEmail;
import io.github.cognitoemailotp.layer.CreateSettings;
import io.github.cognitoemailotp.layer.TriggerFailureException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.AccountSuspendedException;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

/** Each SES failure becomes a message that says what to fix, and never carries the code. */
class SesCodeSenderTest {

  private final SesV2Client ses = mock(SesV2Client.class);
  private final CreateSettings settings =
      CreateSettings.fromEnvironment(
          Map.of("EMAIL_SENDER", "no-reply@example.com", "SES_CONFIGURATION_SET", "otp"));
  private final SesCodeSender sender =
      new SesCodeSender(ses, settings, EmailTemplates.load(), "eu-west-1");
  private final CodeEmail email =
      new CodeEmail("jane.doe@example.com", "482913", Duration.ofMinutes(5), "");

  private static <T extends AwsServiceException.Builder> AwsServiceException error(
      T builder, String code, String message) {
    return builder
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
        .statusCode(400)
        .build();
  }

  private void sesThrows(RuntimeException e) {
    when(ses.sendEmail(any(SendEmailRequest.class))).thenThrow(e);
  }

  @Test
  void rejectedMessageSaysToVerifyTheSenderOrLeaveTheSandbox() {
    sesThrows(
        error(
            MessageRejectedException.builder(),
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
    sesThrows(
        error(TooManyRequestsException.builder(), "TooManyRequestsException", "Rate exceeded"));
    assertThatThrownBy(() -> sender.send(email))
        .hasMessageContaining("SES throttled the email")
        .hasMessageContaining("raise the SES sending rate");
  }

  @Test
  void suspendedAccountSaysWhereToResolveIt() {
    sesThrows(error(AccountSuspendedException.builder(), "AccountSuspendedException", "suspended"));
    assertThatThrownBy(() -> sender.send(email))
        .hasMessageContaining("SES has suspended sending for this account in eu-west-1");
  }

  @Test
  void missingConfigurationSetIsNamed() {
    sesThrows(
        error(
            NotFoundException.builder(),
            "NotFoundException",
            "Configuration set otp does not exist."));
    assertThatThrownBy(() -> sender.send(email))
        .hasMessageContaining("configuration set 'otp'")
        .hasMessageContaining("exist in eu-west-1");
  }

  @Test
  void accessDeniedPointsAtThePermission() {
    sesThrows(
        SesV2Exception.builder()
            .awsErrorDetails(
                AwsErrorDetails.builder()
                    .errorCode("AccessDeniedException")
                    .errorMessage("not authorized to perform ses:SendEmail")
                    .build())
            .statusCode(403)
            .build());
    assertThatThrownBy(() -> sender.send(email))
        .hasMessageContaining("AccessDeniedException")
        .hasMessageContaining("ses:SendEmail on the identity no-reply@example.com");
  }

  @Test
  void regionMustBeSet() {
    assertThatThrownBy(() -> SesCodeSender.regionFromEnvironment(Map.of()))
        .isInstanceOf(io.github.cognitoemailotp.layer.InvalidSettingException.class)
        .hasMessageContaining("AWS_REGION is not set");
    org.assertj.core.api.Assertions.assertThat(
            SesCodeSender.regionFromEnvironment(Map.of("AWS_REGION", " eu-west-1 ")))
        .isEqualTo("eu-west-1");
  }

  @Test
  void clientIsBuiltForTheRegionWithTimeoutsInsideCognitosFiveSeconds() {
    try (SesV2Client client = SesCodeSender.buildClient("eu-west-1")) {
      org.assertj.core.api.Assertions.assertThat(client.serviceClientConfiguration().region().id())
          .isEqualTo("eu-west-1");
      org.assertj.core.api.Assertions.assertThat(
              client.serviceClientConfiguration().overrideConfiguration().apiCallTimeout())
          .contains(java.time.Duration.ofMillis(3500));
    }
  }

  @Test
  void unreachableSesSaysToCheckTheNetwork() {
    sesThrows(SdkClientException.create("Unable to execute HTTP request: Connection refused"));
    assertThatThrownBy(() -> sender.send(email))
        .hasMessageContaining("SES could not be reached in eu-west-1 within 3500 ms")
        .hasMessageContaining("network path");
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
