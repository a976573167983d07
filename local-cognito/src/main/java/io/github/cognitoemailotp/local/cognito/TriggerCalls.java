package io.github.cognitoemailotp.local.cognito;

import static io.github.cognitoemailotp.local.cognito.Requests.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cognitoemailotp.local.lambda.Trigger;
import io.github.cognitoemailotp.local.lambda.TriggerFailedException;
import io.github.cognitoemailotp.local.lambda.TriggerInvoker;
import java.io.IOException;
import java.util.Map;

/**
 * The pool's triggers called as Cognito calls them: the three custom-auth triggers with the event
 * Cognito builds from a sign-in (user attributes, the session history, client metadata), Pre Token
 * Generation (V1 event) before any tokens, Post Confirmation after a confirmation; the trigger's
 * failures and unreadable answers turned into Cognito's errors.
 */
final class TriggerCalls {

  private final TriggerInvoker triggers;
  private final String region;
  private final String userPoolId;

  TriggerCalls(TriggerInvoker triggers, String region, String userPoolId) {
    this.triggers = triggers;
    this.region = region;
    this.userPoolId = userPoolId;
  }

  /** Define's answer: {@code challengeName}, {@code issueTokens}, {@code failAuthentication}. */
  JsonNode define(SignInSession session, Map<String, String> clientMetadata) {
    ObjectNode request = requestBase(session, clientMetadata);
    request.put("userNotFound", session.user() == null);
    ObjectNode emptyResponse = JSON.createObjectNode();
    emptyResponse.putNull("challengeName");
    emptyResponse.putNull("issueTokens");
    emptyResponse.putNull("failAuthentication");
    return invoke(Trigger.DEFINE_AUTH_CHALLENGE, session, request, emptyResponse);
  }

  /** Create's answer: the public and private challenge parameters and the metadata. */
  JsonNode create(SignInSession session, Map<String, String> clientMetadata) {
    ObjectNode request = requestBase(session, clientMetadata);
    request.put("challengeName", "CUSTOM_CHALLENGE");
    request.put("userNotFound", session.user() == null);
    ObjectNode emptyResponse = JSON.createObjectNode();
    emptyResponse.putNull("publicChallengeParameters");
    emptyResponse.putNull("privateChallengeParameters");
    emptyResponse.putNull("challengeMetadata");
    return invoke(Trigger.CREATE_AUTH_CHALLENGE, session, request, emptyResponse);
  }

  /** Whether Verify found the answer correct. */
  boolean verify(SignInSession session, String answer, Map<String, String> clientMetadata) {
    ObjectNode request = requestBase(session, clientMetadata);
    request.set(
        "privateChallengeParameters", JSON.valueToTree(session.privateChallengeParameters()));
    request.put("challengeAnswer", answer);
    request.put("userNotFound", session.user() == null);
    JsonNode verified =
        invoke(
            Trigger.VERIFY_AUTH_CHALLENGE,
            session,
            request,
            JSON.createObjectNode().putNull("answerCorrect"));
    return verified.path("answerCorrect").asBoolean(false);
  }

  /** The common part of a trigger event's {@code request}. */
  private static ObjectNode requestBase(SignInSession session, Map<String, String> clientMetadata) {
    ObjectNode request = JSON.createObjectNode();
    request.set(
        "userAttributes",
        session.user() == null ? JSON.createObjectNode() : attributesOf(session.user()));
    ArrayNode history = request.putArray("session");
    for (SignInSession.Step step : session.history()) {
      ObjectNode entry = history.addObject();
      entry.put("challengeName", step.challengeName());
      entry.put("challengeResult", step.challengeResult());
      if (step.challengeMetadata() == null) {
        entry.putNull("challengeMetadata");
      } else {
        entry.put("challengeMetadata", step.challengeMetadata());
      }
    }
    if (!clientMetadata.isEmpty()) {
      request.set("clientMetadata", JSON.valueToTree(clientMetadata));
    }
    return request;
  }

  /**
   * Pre Token Generation's V1 event, as the developer guide shows it: the user's attributes (with
   * {@code cognito:user_status}), an empty group configuration, the client metadata of the call
   * that issues the tokens, and {@code claimsOverrideDetails} null. A throw means no tokens. The
   * answer's claimsOverrideDetails are not applied here (see the README).
   *
   * @param triggerSource {@code TokenGeneration_Authentication}, {@code
   *     TokenGeneration_NewPasswordChallenge}, {@code TokenGeneration_RefreshTokens}, ...
   */
  void preTokenGeneration(
      User user, String clientId, String triggerSource, Map<String, String> clientMetadata) {
    ObjectNode request = JSON.createObjectNode();
    request.set("userAttributes", attributesOf(user));
    ObjectNode groups = request.putObject("groupConfiguration");
    groups.putArray("groupsToOverride");
    groups.putArray("iamRolesToOverride");
    groups.putNull("preferredRole");
    request.set("clientMetadata", JSON.valueToTree(clientMetadata));
    ObjectNode emptyResponse = JSON.createObjectNode();
    emptyResponse.putNull("claimsOverrideDetails");
    invoke(
        Trigger.PRE_TOKEN_GENERATION,
        triggerSource,
        user.username,
        clientId,
        request,
        emptyResponse);
  }

  /**
   * Post Confirmation, after Cognito has confirmed the user (its new status already in the
   * attributes); a throw reaches the caller as UserLambdaValidationException.
   *
   * @param triggerSource {@code PostConfirmation_ConfirmForgotPassword} or {@code
   *     PostConfirmation_ConfirmSignUp}
   */
  void postConfirmation(
      User user, String clientId, String triggerSource, Map<String, String> clientMetadata) {
    ObjectNode request = JSON.createObjectNode();
    request.set("userAttributes", attributesOf(user));
    if (!clientMetadata.isEmpty()) {
      request.set("clientMetadata", JSON.valueToTree(clientMetadata));
    }
    invoke(
        Trigger.POST_CONFIRMATION,
        triggerSource,
        user.username,
        clientId,
        request,
        JSON.createObjectNode());
  }

  private static ObjectNode attributesOf(User user) {
    ObjectNode attributes = JSON.createObjectNode();
    synchronized (user) {
      user.attributes.forEach(attributes::put);
      attributes.put("cognito:user_status", user.status);
    }
    return attributes;
  }

  private JsonNode invoke(
      Trigger trigger, SignInSession session, ObjectNode request, ObjectNode emptyResponse) {
    return invoke(
        trigger,
        trigger.triggerSource(),
        session.userName(),
        session.clientId(),
        request,
        emptyResponse);
  }

  private JsonNode invoke(
      Trigger trigger,
      String triggerSource,
      String userName,
      String clientId,
      ObjectNode request,
      ObjectNode emptyResponse) {
    ObjectNode event = JSON.createObjectNode();
    event.put("version", "1");
    event.put("triggerSource", triggerSource);
    event.put("region", region);
    event.put("userPoolId", userPoolId);
    event.put("userName", userName);
    ObjectNode caller = event.putObject("callerContext");
    caller.put("awsSdkVersion", "aws-sdk-unknown-unknown");
    caller.put("clientId", clientId);
    event.set("request", request);
    event.set("response", emptyResponse);
    byte[] output;
    try {
      output = triggers.invoke(trigger, JSON.writeValueAsBytes(event));
    } catch (TriggerFailedException e) {
      throw new CognitoException(
          "UserLambdaValidationException",
          trigger.displayName() + " failed with error " + e.getMessage() + ".");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    try {
      JsonNode response = JSON.readTree(output).path("response");
      if (!response.isObject()) {
        throw new CognitoException(
            "InvalidLambdaResponseException", "Invalid lambda response: no response object");
      }
      return response;
    } catch (IOException e) {
      throw new CognitoException("InvalidLambdaResponseException", "Unrecognizable lambda output");
    }
  }
}
