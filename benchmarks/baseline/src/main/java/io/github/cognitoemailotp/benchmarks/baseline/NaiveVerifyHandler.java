package io.github.cognitoemailotp.benchmarks.baseline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolVerifyAuthChallengeResponseEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/** Verify written the usual way: the runtime's POJO mapping, a constant-time comparison. */
public final class NaiveVerifyHandler
    implements RequestHandler<
        CognitoUserPoolVerifyAuthChallengeResponseEvent,
        CognitoUserPoolVerifyAuthChallengeResponseEvent> {

  @Override
  public CognitoUserPoolVerifyAuthChallengeResponseEvent handleRequest(
      CognitoUserPoolVerifyAuthChallengeResponseEvent event, Context context) {
    Map<String, String> parameters = event.getRequest().getPrivateChallengeParameters();
    String code = parameters == null ? "" : parameters.getOrDefault("code", "");
    String answer = event.getRequest().getChallengeAnswer();
    boolean correct =
        !code.isEmpty()
            && answer != null
            && MessageDigest.isEqual(
                code.getBytes(StandardCharsets.UTF_8),
                answer.strip().getBytes(StandardCharsets.UTF_8));
    CognitoUserPoolVerifyAuthChallengeResponseEvent.Response response =
        new CognitoUserPoolVerifyAuthChallengeResponseEvent.Response();
    response.setAnswerCorrect(correct);
    event.setResponse(response);
    context.getLogger().log("verify: " + correct);
    return event;
  }
}
