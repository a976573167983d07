package io.github.cognitoemailotp.aws;

import io.github.cognitoemailotp.layer.CodeEmail;
import io.github.cognitoemailotp.layer.CodeNotSentException;
import io.github.cognitoemailotp.layer.CodeSender;
import io.github.cognitoemailotp.layer.EmailMask;
import io.github.cognitoemailotp.layer.SendFailure;
import io.github.cognitoemailotp.layer.lock.LockNotice;
import io.github.cognitoemailotp.layer.lock.LockNoticeSender;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.SesV2ClientBuilder;
import software.amazon.awssdk.services.sesv2.model.AccountSuspendedException;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.EmailContent;
import software.amazon.awssdk.services.sesv2.model.LimitExceededException;
import software.amazon.awssdk.services.sesv2.model.MailFromDomainNotVerifiedException;
import software.amazon.awssdk.services.sesv2.model.Message;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sesv2.model.SendingPausedException;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

/**
 * Sends the project's emails with SES v2 {@code SendEmail} through the SDK's {@link SesV2Client}:
 * code emails (Create) and lock notices (Verify), each rendered by {@link EmailTemplates} in the
 * user's language. A failure becomes a {@link CodeNotSentException}: its {@link SendFailure}
 * decides the short message the app is shown, and its detail, what failed and what to fix with the
 * recipient masked, goes to the function's log.
 */
public final class SesEmailSender implements CodeSender, LockNoticeSender {

  private final SesV2Client ses;
  private final String emailSender;
  private final String sesConfigurationSet;
  private final EmailTemplates templates;
  private final Region region;

  /**
   * @param ses the client, built by {@link #client(Region)} (tests pass a fake)
   * @param emailSender the From address (EMAIL_SENDER)
   * @param sesConfigurationSet SES_CONFIGURATION_SET, empty for none
   * @param region the client's region, which the operator's messages name
   */
  public SesEmailSender(
      SesV2Client ses,
      String emailSender,
      String sesConfigurationSet,
      EmailTemplates templates,
      Region region) {
    this.ses = ses;
    this.emailSender = emailSender;
    this.sesConfigurationSet = sesConfigurationSet;
    this.templates = templates;
    this.region = region;
  }

  /**
   * The real client, built once at init in {@code region}: see {@link AwsClients} for its HTTP
   * client, credentials, endpoint, timeouts and retries.
   */
  public static SesV2Client client(Region region) {
    return clientBuilder(region).build();
  }

  /**
   * The builder of {@link #client(Region)}, which SnapStart priming also builds its client with.
   */
  public static SesV2ClientBuilder clientBuilder(Region region) {
    return AwsClients.configure(SesV2Client.builder(), region, AwsClients.SES);
  }

  @Override
  public void send(CodeEmail email) {
    send(email.recipient(), templates.render(email.locale(), email.code(), email.validFor()));
  }

  @Override
  public void send(LockNotice notice) {
    send(
        notice.recipient(),
        templates.renderLockNotice(notice.locale(), notice.wrongCodes(), notice.recoveryByEmail()));
  }

  private void send(String recipient, EmailTemplates.RenderedEmail rendered) {
    try {
      ses.sendEmail(request(recipient, rendered));
    } catch (SdkException e) {
      throw new CodeNotSentException(failure(e), withoutAddress(explain(e), recipient));
    }
  }

  /** The {@code SendEmail} request of {@code rendered}: subject, text and HTML in UTF-8. */
  public SendEmailRequest request(String recipient, EmailTemplates.RenderedEmail rendered) {
    SendEmailRequest.Builder request =
        SendEmailRequest.builder()
            .fromEmailAddress(emailSender)
            .destination(destination -> destination.toAddresses(recipient))
            .content(
                EmailContent.builder()
                    .simple(
                        Message.builder()
                            .subject(utf8(rendered.subject()))
                            .body(
                                Body.builder()
                                    .text(utf8(rendered.text()))
                                    .html(utf8(rendered.html()))
                                    .build())
                            .build())
                    .build());
    if (!sesConfigurationSet.isEmpty()) {
      request.configurationSetName(sesConfigurationSet);
    }
    return request.build();
  }

  private static Content utf8(String data) {
    return Content.builder().data(data).charset("UTF-8").build();
  }

  /** The class of {@code e}, which decides what the user is told. */
  static SendFailure failure(SdkException e) {
    return switch (e) {
      case MessageRejectedException rejected -> SendFailure.REJECTED;
      case TooManyRequestsException throttled -> SendFailure.THROTTLED;
      case LimitExceededException quota -> SendFailure.QUOTA_EXCEEDED;
      case SesV2Exception other when other.statusCode() >= 500 -> SendFailure.UNAVAILABLE;
      case SesV2Exception other -> SendFailure.MISCONFIGURED;
      case SdkClientException client when unreachable(client) -> SendFailure.UNAVAILABLE;
      default -> SendFailure.MISCONFIGURED;
    };
  }

  /** A timeout, or a failure of the connection (refused, reset, no such host, TLS). */
  private static boolean unreachable(SdkClientException e) {
    if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
      return true;
    }
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  /** For the operator: what failed, SES's own words and request id, and what to fix. */
  String explain(SdkException e) {
    String sender = emailSender;
    return switch (e) {
      case MessageRejectedException rejected ->
          "SES rejected the email ("
              + detail(rejected)
              + "). Verify the sender identity "
              + sender
              + " (or its domain) in SES in "
              + region
              + "; while the account is in the SES sandbox the recipient must be verified too,"
              + " or request production access.";
      case MailFromDomainNotVerifiedException mailFrom ->
          "SES rejected the email: the MAIL FROM domain of "
              + sender
              + " is not verified ("
              + detail(mailFrom)
              + "). Finish its DNS setup in SES.";
      case AccountSuspendedException suspended ->
          "SES has suspended sending for this account in "
              + region
              + " ("
              + detail(suspended)
              + "). Resolve it in the SES console.";
      case SendingPausedException paused ->
          "SES sending is paused for this account or configuration set ("
              + detail(paused)
              + "). Resume sending in SES.";
      case TooManyRequestsException throttled ->
          "SES throttled the email, also on the retry ("
              + detail(throttled)
              + "). If it persists, raise the SES sending rate.";
      case LimitExceededException quota ->
          "SES refused the email: a sending limit was exceeded ("
              + detail(quota)
              + "). Raise the SES sending quota.";
      case NotFoundException notFound ->
          "SES could not find a resource it needs ("
              + detail(notFound)
              + "). Check that the configuration set '"
              + sesConfigurationSet
              + "' and the identity "
              + sender
              + " exist in "
              + region
              + ".";
      case SesV2Exception other when other.statusCode() >= 500 ->
          "SES failed, also on the retry ("
              + detail(other)
              + "). Check the AWS Health Dashboard for SES in "
              + region
              + ".";
      case SesV2Exception other ->
          "SES refused the email ("
              + detail(other)
              + "). Check that the function may call ses:SendEmail on the identity "
              + sender
              + ".";
      case ApiCallTimeoutException timeout ->
          "SES did not answer in "
              + region
              + " within "
              + AwsClients.SES.call().toMillis()
              + " ms. Check the function's network path to SES.";
      case ApiCallAttemptTimeoutException timeout ->
          "SES did not answer in "
              + region
              + " within "
              + AwsClients.SES.attempt().toMillis()
              + " ms per attempt. Check the function's network path to SES.";
      case SdkClientException client when unreachable(client) ->
          "SES could not be reached in "
              + region
              + " ("
              + rootCause(client)
              + "). Check the function's network path to SES.";
      default ->
          "The SES request could not be made ("
              + e.getMessage()
              + "). On Lambda, credentials come from the function's execution role; elsewhere set"
              + " them up for the SDK's default credentials chain.";
    };
  }

  /**
   * SES names the recipient in some errors (a sandbox rejection lists the unverified address); the
   * detail goes to the log, so the address is masked there.
   */
  static String withoutAddress(String message, String recipient) {
    if (recipient.isEmpty()) {
      return message;
    }
    return Pattern.compile(Pattern.quote(recipient), Pattern.CASE_INSENSITIVE)
        .matcher(message)
        .replaceAll(Matcher.quoteReplacement(EmailMask.mask(recipient)));
  }

  /** SES's error code and message, and the request id to quote to AWS Support. */
  private static String detail(SesV2Exception e) {
    String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
    String message = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorMessage();
    StringBuilder detail = new StringBuilder();
    detail.append(code == null || code.isBlank() ? "HTTP " + e.statusCode() : code);
    if (message != null && !message.isBlank()) {
      detail.append(": ").append(message);
    }
    if (e.requestId() != null && !e.requestId().isBlank()) {
      detail.append("; request id ").append(e.requestId());
    }
    return detail.toString();
  }

  /** The innermost cause's class and message, which names the transport failure. */
  private static String rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName()
        + (root.getMessage() == null ? "" : ": " + root.getMessage());
  }
}
