package io.github.cognitoemailotp.layer;

import io.github.cognitoemailotp.layer.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds Cognito custom-auth events from a session history, for tests. */
final class History {

  record Entry(String challengeName, Object challengeResult, Object challengeMetadata) {}

  private final List<Entry> entries = new ArrayList<>();
  private final Map<String, Object> clientMetadata = new LinkedHashMap<>();
  private final Map<String, Object> userAttributes = new LinkedHashMap<>();
  private boolean userNotFound;

  History() {
    userAttributes.put("sub", "a3c1f2d4-5b6e-4f70-8a9b-0c1d2e3f4a5b");
    userAttributes.put("email", "jane.doe@example.com");
    userAttributes.put("email_verified", "true");
    userAttributes.put("cognito:user_status", "CONFIRMED");
  }

  static History afterPassword() {
    return new History().srpA(true).passwordVerifier(true);
  }

  static String metadata(IssueReason reason, String code) {
    return new CodeState(
            reason,
            code,
            java.time.Instant.ofEpochSecond(1_795_752_000L),
            java.time.Instant.ofEpochSecond(1_795_752_300L))
        .toMetadata();
  }

  History srpA(boolean result) {
    return entry("SRP_A", result, Json.NULL);
  }

  History passwordVerifier(boolean result) {
    return entry("PASSWORD_VERIFIER", result, Json.NULL);
  }

  History answer(IssueReason reason, boolean correct) {
    return entry("CUSTOM_CHALLENGE", correct, metadata(reason, "482913"));
  }

  History entry(String name, Object result, Object metadata) {
    entries.add(new Entry(name, result, metadata));
    return this;
  }

  History resendRequested() {
    clientMetadata.put("resend", "true");
    return this;
  }

  History userNotFound() {
    userNotFound = true;
    return this;
  }

  History attribute(String name, String value) {
    if (value == null) {
      userAttributes.remove(name);
    } else {
      userAttributes.put(name, value);
    }
    return this;
  }

  byte[] event(Trigger trigger) {
    List<Object> session = new ArrayList<>();
    for (Entry entry : entries) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("challengeName", entry.challengeName());
      item.put("challengeResult", entry.challengeResult());
      item.put("challengeMetadata", entry.challengeMetadata());
      session.add(item);
    }
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("userAttributes", userAttributes);
    request.put("session", session);
    request.put("clientMetadata", clientMetadata);
    request.put("userNotFound", userNotFound);
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("version", "1");
    event.put("region", "us-east-1");
    event.put("userPoolId", "us-east-1_ExAmPlE01");
    event.put("userName", "a3c1f2d4-5b6e-4f70-8a9b-0c1d2e3f4a5b");
    event.put("callerContext", Map.of("awsSdkVersion", "aws-sdk-unknown-unknown"));
    event.put("triggerSource", trigger.triggerSource());
    event.put("request", request);
    event.put("response", Map.of());
    return Json.write(event);
  }

  TriggerEvent parsed(Trigger trigger) {
    try {
      return TriggerEvent.parse(event(trigger), trigger);
    } catch (MalformedEventException e) {
      throw new AssertionError(e);
    }
  }

  String json(Trigger trigger) {
    return new String(event(trigger), StandardCharsets.UTF_8);
  }
}
