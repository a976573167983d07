package io.github.cognitoemailotp.aws;

import java.net.ConnectException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sesv2.model.AccountSuspendedException;
import software.amazon.awssdk.services.sesv2.model.LimitExceededException;
import software.amazon.awssdk.services.sesv2.model.MailFromDomainNotVerifiedException;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;
import software.amazon.awssdk.services.sesv2.model.SendingPausedException;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

/** The exceptions the SDK's SES v2 client throws, as it builds them from SES's answers. */
public final class SesFailures {

  private SesFailures() {}

  public static SesV2Exception refused(
      SesV2Exception.Builder builder, int status, String code, String message) {
    return (SesV2Exception)
        builder
            .statusCode(status)
            .requestId("req-1234")
            .awsErrorDetails(
                AwsErrorDetails.builder()
                    .errorCode(code)
                    .errorMessage(message)
                    .serviceName("SesV2")
                    .build())
            .message(message)
            .build();
  }

  public static SesV2Exception rejected(String message) {
    return refused(MessageRejectedException.builder(), 400, "MessageRejected", message);
  }

  public static SesV2Exception throttled() {
    return refused(
        TooManyRequestsException.builder(),
        429,
        "TooManyRequestsException",
        "Maximum sending rate exceeded.");
  }

  public static SesV2Exception quotaExceeded() {
    return refused(LimitExceededException.builder(), 400, "LimitExceededException", "details");
  }

  public static SesV2Exception suspended() {
    return refused(
        AccountSuspendedException.builder(), 400, "AccountSuspendedException", "details");
  }

  public static SesV2Exception paused() {
    return refused(SendingPausedException.builder(), 400, "SendingPausedException", "details");
  }

  public static SesV2Exception mailFromNotVerified() {
    return refused(
        MailFromDomainNotVerifiedException.builder(),
        400,
        "MailFromDomainNotVerifiedException",
        "details");
  }

  public static SesV2Exception notFound(String message) {
    return refused(NotFoundException.builder(), 404, "NotFoundException", message);
  }

  public static SesV2Exception accessDenied() {
    return refused(
        SesV2Exception.builder(),
        403,
        "AccessDeniedException",
        "not authorized to perform ses:SendEmail");
  }

  public static SesV2Exception internalFailure() {
    return refused(SesV2Exception.builder(), 500, "InternalFailure", "");
  }

  /** What the SDK throws when the connection is refused, after its retry. */
  public static SdkClientException connectionRefused() {
    return SdkClientException.builder()
        .message("Unable to execute HTTP request: Connection refused")
        .cause(new ConnectException("Connection refused"))
        .build();
  }

  public static ApiCallTimeoutException callTimedOut() {
    return ApiCallTimeoutException.create(AwsClients.SES.call().toMillis());
  }

  public static SdkClientException noCredentials() {
    return SdkClientException.create(
        "Unable to load credentials from any of the providers in the chain");
  }
}
