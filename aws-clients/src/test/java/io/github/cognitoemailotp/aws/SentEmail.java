package io.github.cognitoemailotp.aws;

import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/**
 * The parts of one {@code SendEmail} request the tests look at, read from the SDK's request.
 *
 * @param configurationSetName the configuration set, empty when the request names none
 */
public record SentEmail(
    String fromEmailAddress,
    String toAddress,
    String subject,
    String text,
    String html,
    String configurationSetName,
    SendEmailRequest request) {

  public static SentEmail of(SendEmailRequest request) {
    var message = request.content().simple();
    return new SentEmail(
        request.fromEmailAddress(),
        String.join(",", request.destination().toAddresses()),
        message.subject().data(),
        message.body().text().data(),
        message.body().html().data(),
        request.configurationSetName() == null ? "" : request.configurationSetName(),
        request);
  }
}
