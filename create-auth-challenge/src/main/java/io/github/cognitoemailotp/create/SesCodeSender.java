package io.github.cognitoemailotp.create;

import io.github.cognitoemailotp.layer.CodeEmail;
import io.github.cognitoemailotp.layer.CodeSender;
import io.github.cognitoemailotp.layer.CreateSettings;
import io.github.cognitoemailotp.layer.EmailMask;
import io.github.cognitoemailotp.layer.InvalidSettingException;
import io.github.cognitoemailotp.layer.TriggerFailureException;
import java.time.Duration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.AccountSuspendedException;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.Destination;
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
 * Sends code emails with SES v2 {@code SendEmail}. An SES failure becomes a {@link
 * TriggerFailureException} whose message says what to fix; Cognito shows it to the caller.
 */
final class SesCodeSender implements CodeSender {

  /**
   * Cognito gives the whole trigger 5 seconds. One attempt may take 1.5 s and all attempts 3.5 s,
   * which leaves the JVM's own time and a clear error instead of Cognito's retry.
   */
  static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(1500);

  static final Duration CALL_TIMEOUT = Duration.ofMillis(3500);

  private final SesV2Client ses;
  private final CreateSettings settings;
  private final EmailTemplates templates;
  private final String region;

  SesCodeSender(SesV2Client ses, CreateSettings settings, EmailTemplates templates, String region) {
    this.ses = ses;
    this.settings = settings;
    this.templates = templates;
    this.region = region;
  }

  /**
   * The SES client, built once at init: an explicit region (from {@code AWS_REGION}), the default
   * credentials chain, the URL-connection HTTP client (the quickest to start) and timeouts inside
   * Cognito's 5 seconds. {@code AWS_ENDPOINT_URL_SESV2} points it elsewhere, as the SDK defines.
   */
  static SesV2Client buildClient(String region) {
    return SesV2Client.builder()
        .region(Region.of(region))
        .httpClient(
            UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(1))
                .socketTimeout(ATTEMPT_TIMEOUT)
                .build())
        .overrideConfiguration(
            configuration ->
                configuration
                    .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                    .apiCallTimeout(CALL_TIMEOUT)
                    .retryStrategy(retry -> retry.maxAttempts(2)))
        .build();
  }

  /** The region the function runs in, which Lambda sets as {@code AWS_REGION}. */
  static String regionFromEnvironment(java.util.Map<String, String> environment) {
    String region = environment.getOrDefault("AWS_REGION", "").strip();
    if (region.isEmpty()) {
      throw new InvalidSettingException(
          "AWS_REGION is not set; Lambda sets it, elsewhere set it to the SES region");
    }
    return region;
  }

  @Override
  public void send(CodeEmail email) {
    try {
      ses.sendEmail(request(email, settings, templates).build());
    } catch (SdkException e) {
      throw new TriggerFailureException(withoutAddress(explain(e), email.recipient()));
    }
  }

  /** The {@code SendEmail} request for {@code email}: subject, text and HTML in UTF-8. */
  static SendEmailRequest.Builder request(
      CodeEmail email, CreateSettings settings, EmailTemplates templates) {
    EmailTemplates.RenderedEmail rendered =
        templates.render(email.locale(), email.code(), email.validFor());
    SendEmailRequest.Builder request =
        SendEmailRequest.builder()
            .fromEmailAddress(settings.emailSender())
            .destination(Destination.builder().toAddresses(email.recipient()).build())
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
    if (!settings.sesConfigurationSet().isEmpty()) {
      request.configurationSetName(settings.sesConfigurationSet());
    }
    return request;
  }

  private String explain(SdkException e) {
    String sender = settings.emailSender();
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
      case MailFromDomainNotVerifiedException notVerified ->
          "SES rejected the email: the MAIL FROM domain of "
              + sender
              + " is not verified ("
              + detail(notVerified)
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
          "SES throttled the email ("
              + detail(throttled)
              + "). Try again in a moment; if it persists, raise the SES sending rate.";
      case LimitExceededException limited ->
          "SES refused the email: a sending limit was exceeded ("
              + detail(limited)
              + "). Raise the SES sending quota.";
      case NotFoundException notFound ->
          "SES could not find a resource it needs ("
              + detail(notFound)
              + "). Check that the configuration set '"
              + settings.sesConfigurationSet()
              + "' and the identity "
              + sender
              + " exist in "
              + region
              + ".";
      case SesV2Exception other ->
          "SES refused the email ("
              + detail(other)
              + "). Check that the function may call ses:SendEmail on the identity "
              + sender
              + ".";
      case SdkClientException unreachable ->
          "SES could not be reached in "
              + region
              + " within "
              + CALL_TIMEOUT.toMillis()
              + " ms ("
              + unreachable.getClass().getSimpleName()
              + "). Check the function's network path to SES and try again.";
      default -> "Sending the email failed (" + e.getClass().getSimpleName() + ").";
    };
  }

  /**
   * SES names the recipient in some errors (a sandbox rejection lists the unverified address); the
   * message reaches the log and the client, so the address is masked there.
   */
  static String withoutAddress(String message, String recipient) {
    if (recipient.isEmpty()) {
      return message;
    }
    return java.util.regex.Pattern.compile(
            java.util.regex.Pattern.quote(recipient), java.util.regex.Pattern.CASE_INSENSITIVE)
        .matcher(message)
        .replaceAll(java.util.regex.Matcher.quoteReplacement(EmailMask.mask(recipient)));
  }

  private static String detail(SesV2Exception e) {
    String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
    String message = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorMessage();
    return (code == null ? "" : code) + (message == null ? "" : ": " + message);
  }

  private static Content utf8(String text) {
    return Content.builder().data(text).charset("UTF-8").build();
  }
}
