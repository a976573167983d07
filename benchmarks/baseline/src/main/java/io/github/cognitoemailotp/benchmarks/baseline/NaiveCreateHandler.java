package io.github.cognitoemailotp.benchmarks.baseline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolCreateAuthChallengeEvent;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * Create written the usual way: the runtime's POJO mapping, and an SES client built with the SDK's
 * defaults ({@code SesV2Client.create()}: the default HTTP client, region and credentials chains).
 */
public final class NaiveCreateHandler
    implements RequestHandler<
        CognitoUserPoolCreateAuthChallengeEvent, CognitoUserPoolCreateAuthChallengeEvent> {

  private final SesV2Client ses = SesV2Client.create();
  private final String sender = System.getenv("EMAIL_SENDER");

  @Override
  public CognitoUserPoolCreateAuthChallengeEvent handleRequest(
      CognitoUserPoolCreateAuthChallengeEvent event, Context context) {
    String email = event.getRequest().getUserAttributes().get("email");
    String code = String.format("%06d", new SecureRandom().nextInt(1_000_000));
    ses.sendEmail(
        request ->
            request
                .fromEmailAddress(sender)
                .destination(destination -> destination.toAddresses(email))
                .content(
                    content ->
                        content.simple(
                            message ->
                                message
                                    .subject(subject -> subject.data("Your sign-in code"))
                                    .body(
                                        body ->
                                            body.text(
                                                text ->
                                                    text.data(
                                                        "Your code is "
                                                            + code
                                                            + ". It expires in 5 minutes."))))));
    String expiresAt = Instant.now().plusSeconds(300).toString();
    CognitoUserPoolCreateAuthChallengeEvent.Response response =
        new CognitoUserPoolCreateAuthChallengeEvent.Response();
    response.setPublicChallengeParameters(
        Map.of("maskedEmail", email.charAt(0) + "***", "codeExpiresAt", expiresAt));
    response.setPrivateChallengeParameters(Map.of("code", code, "expiresAt", expiresAt));
    response.setChallengeMetadata("CODE-1");
    event.setResponse(response);
    context.getLogger().log("create: code sent");
    return event;
  }
}
