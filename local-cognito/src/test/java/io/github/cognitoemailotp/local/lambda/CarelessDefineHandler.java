package io.github.cognitoemailotp.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A deliberately wrong Define, the test double of a regression: it issues tokens after any answer
 * to the code, right or wrong, and after the password step of a user that does not exist. The local
 * Cognito must hand out what it asks for wherever real Cognito would, so that an end-to-end test
 * can catch such a Define.
 */
public final class CarelessDefineHandler implements RequestStreamHandler {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    ObjectNode event = (ObjectNode) JSON.readTree(input);
    JsonNode request = event.path("request");
    JsonNode history = request.path("session");
    JsonNode last = history.isEmpty() ? null : history.get(history.size() - 1);
    String lastStep = last == null ? "" : last.path("challengeName").asText();
    ObjectNode response = JSON.createObjectNode();
    response.put("issueTokens", false);
    response.put("failAuthentication", false);
    switch (lastStep) {
      case "", "SRP_A" -> response.put("challengeName", "PASSWORD_VERIFIER");
      case "PASSWORD_VERIFIER" -> {
        if (request.path("userNotFound").asBoolean(false)) {
          response.put("issueTokens", true);
        } else if (last.path("challengeResult").asBoolean(false)) {
          response.put("challengeName", "CUSTOM_CHALLENGE");
        } else {
          response.put("failAuthentication", true);
        }
      }
      default -> response.put("issueTokens", true);
    }
    event.set("response", response);
    JSON.writeValue(output, event);
  }
}
