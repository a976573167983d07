package io.github.cognitoemailotp.create;

import io.github.cognitoemailotp.layer.CodeEmail;
import io.github.cognitoemailotp.layer.CodeSender;
import io.github.cognitoemailotp.layer.CreateSettings;
import io.github.cognitoemailotp.layer.EmailMask;
import io.github.cognitoemailotp.layer.InvalidSettingException;
import io.github.cognitoemailotp.layer.TriggerFailureException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends code emails with SES v2 {@code SendEmail}. An SES failure becomes a {@link
 * TriggerFailureException} whose message says what to fix; Cognito shows it to the caller.
 */
final class SesCodeSender implements CodeSender {

  private final SesApi ses;
  private final CreateSettings settings;
  private final EmailTemplates templates;
  private final String region;

  SesCodeSender(SesApi ses, CreateSettings settings, EmailTemplates templates, String region) {
    this.ses = ses;
    this.settings = settings;
    this.templates = templates;
    this.region = region;
  }

  /** The region the function runs in, which Lambda sets as {@code AWS_REGION}. */
  static String regionFromEnvironment(Map<String, String> environment) {
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
      ses.sendEmail(request(email, settings, templates));
    } catch (SesException e) {
      throw new TriggerFailureException(withoutAddress(explain(e), email.recipient()));
    }
  }

  /** The {@code SendEmail} request for {@code email}: subject, text and HTML in UTF-8. */
  static SesEmail request(CodeEmail email, CreateSettings settings, EmailTemplates templates) {
    EmailTemplates.RenderedEmail rendered =
        templates.render(email.locale(), email.code(), email.validFor());
    return new SesEmail(
        settings.emailSender(),
        email.recipient(),
        rendered.subject(),
        rendered.text(),
        rendered.html(),
        settings.sesConfigurationSet());
  }

  private String explain(SesException e) {
    String sender = settings.emailSender();
    if (e.kind() == SesException.Kind.UNREACHABLE) {
      return "SES could not be reached in "
          + region
          + " within "
          + SesHttpApi.CALL_TIMEOUT.toMillis()
          + " ms ("
          + e.errorMessage()
          + "). Check the function's network path to SES and try again.";
    }
    if (e.kind() == SesException.Kind.NO_CREDENTIALS) {
      return "No AWS credentials to sign the SES request with ("
          + e.errorMessage()
          + "). On Lambda they come from the function's execution role; elsewhere set them up"
          + " for the SDK's default credentials chain.";
    }
    return switch (e.errorCode()) {
      case "MessageRejected" ->
          "SES rejected the email ("
              + detail(e)
              + "). Verify the sender identity "
              + sender
              + " (or its domain) in SES in "
              + region
              + "; while the account is in the SES sandbox the recipient must be verified too,"
              + " or request production access.";
      case "MailFromDomainNotVerifiedException" ->
          "SES rejected the email: the MAIL FROM domain of "
              + sender
              + " is not verified ("
              + detail(e)
              + "). Finish its DNS setup in SES.";
      case "AccountSuspendedException" ->
          "SES has suspended sending for this account in "
              + region
              + " ("
              + detail(e)
              + "). Resolve it in the SES console.";
      case "SendingPausedException" ->
          "SES sending is paused for this account or configuration set ("
              + detail(e)
              + "). Resume sending in SES.";
      case "TooManyRequestsException" ->
          "SES throttled the email ("
              + detail(e)
              + "). Try again in a moment; if it persists, raise the SES sending rate.";
      case "LimitExceededException" ->
          "SES refused the email: a sending limit was exceeded ("
              + detail(e)
              + "). Raise the SES sending quota.";
      case "NotFoundException" ->
          "SES could not find a resource it needs ("
              + detail(e)
              + "). Check that the configuration set '"
              + settings.sesConfigurationSet()
              + "' and the identity "
              + sender
              + " exist in "
              + region
              + ".";
      default ->
          "SES refused the email ("
              + detail(e)
              + "). Check that the function may call ses:SendEmail on the identity "
              + sender
              + ".";
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
    return Pattern.compile(Pattern.quote(recipient), Pattern.CASE_INSENSITIVE)
        .matcher(message)
        .replaceAll(Matcher.quoteReplacement(EmailMask.mask(recipient)));
  }

  private static String detail(SesException e) {
    return e.errorCode() + (e.errorMessage().isEmpty() ? "" : ": " + e.errorMessage());
  }
}
