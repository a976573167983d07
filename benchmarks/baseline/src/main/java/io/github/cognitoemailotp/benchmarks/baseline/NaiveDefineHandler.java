package io.github.cognitoemailotp.benchmarks.baseline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolDefineAuthChallengeEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolDefineAuthChallengeEvent.ChallengeResult;

/**
 * Define written the usual way: the runtime maps the event to aws-lambda-java-events' POJO. Same
 * decisions as the real function's main path (password, then codes, at most 3 wrong).
 */
public final class NaiveDefineHandler
    implements RequestHandler<
        CognitoUserPoolDefineAuthChallengeEvent, CognitoUserPoolDefineAuthChallengeEvent> {

  private static final int MAX_ATTEMPTS = 3;

  @Override
  public CognitoUserPoolDefineAuthChallengeEvent handleRequest(
      CognitoUserPoolDefineAuthChallengeEvent event, Context context) {
    ChallengeResult[] session = event.getRequest().getSession();
    CognitoUserPoolDefineAuthChallengeEvent.Response response =
        new CognitoUserPoolDefineAuthChallengeEvent.Response();
    if (session == null || session.length == 0 || !"SRP_A".equals(session[0].getChallengeName())) {
      response.setFailAuthentication(true);
    } else if (session.length == 1) {
      response.setChallengeName("PASSWORD_VERIFIER");
    } else if (!session[1].getChallengeResult() || event.getRequest().getUserNotFound()) {
      response.setFailAuthentication(true);
    } else {
      ChallengeResult last = session[session.length - 1];
      int wrong = 0;
      for (int i = 2; i < session.length; i++) {
        if (!session[i].getChallengeResult()) {
          wrong++;
        }
      }
      if (session.length > 2 && last.getChallengeResult()) {
        response.setIssueTokens(true);
      } else if (wrong >= MAX_ATTEMPTS) {
        response.setFailAuthentication(true);
      } else {
        response.setChallengeName("CUSTOM_CHALLENGE");
      }
    }
    event.setResponse(response);
    context.getLogger().log("define: " + response.getChallengeName());
    return event;
  }
}
