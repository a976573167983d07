package io.github.cognitoemailotp.layer;

import io.github.cognitoemailotp.layer.internal.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A custom-authentication event, parsed once and null-free: missing strings are empty, missing maps
 * and lists are empty, missing booleans are false. A field of the wrong type makes the whole event
 * malformed, so a reader never has to guess.
 *
 * @param envelope the whole event as read, so the response can echo it as Cognito expects
 * @param userPoolId the pool, for log lines
 * @param userName the user's name in the pool
 * @param userAttributes the user's attributes ({@code email}, {@code email_verified}, {@code
 *     locale}, ...)
 * @param clientMetadata what the app passed as ClientMetadata to this API call
 * @param session the sign-in's earlier steps, oldest first (Define and Create)
 * @param userNotFound whether Cognito is running the flow for a user that does not exist (Define)
 * @param privateChallengeParameters what Create left for Verify (Verify)
 * @param challengeAnswer what the user answered (Verify)
 */
public record TriggerEvent(
    Map<String, Object> envelope,
    String userPoolId,
    String userName,
    Map<String, String> userAttributes,
    Map<String, String> clientMetadata,
    List<SessionEntry> session,
    boolean userNotFound,
    Map<String, String> privateChallengeParameters,
    String challengeAnswer) {

  /** The ClientMetadata key with which a client asks for a new code instead of answering. */
  public static final String RESEND_KEY = "resend";

  public TriggerEvent {
    envelope = java.util.Collections.unmodifiableMap(envelope);
    userAttributes = Map.copyOf(userAttributes);
    clientMetadata = Map.copyOf(clientMetadata);
    session = List.copyOf(session);
    privateChallengeParameters = Map.copyOf(privateChallengeParameters);
  }

  /** Whether this call asks for a new code rather than answering with one. */
  public boolean resendRequested() {
    return "true".equalsIgnoreCase(clientMetadata.getOrDefault(RESEND_KEY, ""));
  }

  /** The user's email address, or empty. */
  public String email() {
    return userAttributes.getOrDefault("email", "").strip();
  }

  /**
   * Reads an event for {@code trigger}.
   *
   * @throws MalformedEventException when it is not JSON, not this trigger's event, or a field has
   *     the wrong type
   */
  public static TriggerEvent parse(byte[] json, Trigger trigger) throws MalformedEventException {
    Object document;
    try {
      document = Json.parse(json);
    } catch (Json.SyntaxException e) {
      throw new MalformedEventException(e.getMessage());
    }
    if (!(document instanceof Map<?, ?>)) {
      throw new MalformedEventException("the event is not a JSON object");
    }
    Map<String, Object> envelope = asObject(document);
    String triggerSource = string(envelope, "triggerSource", "triggerSource");
    if (!trigger.accepts(triggerSource)) {
      throw new MalformedEventException(
          "triggerSource is \""
              + printable(triggerSource)
              + "\", expected \""
              + trigger.triggerSource()
              + "\"");
    }
    Map<String, Object> request = object(envelope, "request", "request");
    return new TriggerEvent(
        envelope,
        string(envelope, "userPoolId", "userPoolId"),
        string(envelope, "userName", "userName"),
        stringMap(request, "userAttributes", "request.userAttributes"),
        stringMap(request, "clientMetadata", "request.clientMetadata"),
        session(request),
        bool(request, "userNotFound", "request.userNotFound"),
        stringMap(request, "privateChallengeParameters", "request.privateChallengeParameters"),
        string(request, "challengeAnswer", "request.challengeAnswer"));
  }

  private static List<SessionEntry> session(Map<String, Object> request)
      throws MalformedEventException {
    Object value = request.get("session");
    if (value == null || value == Json.NULL) {
      return List.of();
    }
    if (!(value instanceof List<?> entries)) {
      throw new MalformedEventException("request.session is not a list");
    }
    List<SessionEntry> session = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      String path = "request.session[" + i + "]";
      if (!(entries.get(i) instanceof Map<?, ?>)) {
        throw new MalformedEventException(path + " is not an object");
      }
      Map<String, Object> entry = asObject(entries.get(i));
      session.add(
          new SessionEntry(
              ChallengeName.of(string(entry, "challengeName", path + ".challengeName")),
              bool(entry, "challengeResult", path + ".challengeResult"),
              string(entry, "challengeMetadata", path + ".challengeMetadata")));
    }
    return session;
  }

  private static Map<String, Object> object(Map<String, Object> parent, String key, String path)
      throws MalformedEventException {
    Object value = parent.get(key);
    if (value == null || value == Json.NULL) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?>)) {
      throw new MalformedEventException(path + " is not an object");
    }
    return asObject(value);
  }

  private static Map<String, String> stringMap(Map<String, Object> parent, String key, String path)
      throws MalformedEventException {
    Map<String, String> strings = new LinkedHashMap<>();
    for (Map.Entry<String, Object> field : object(parent, key, path).entrySet()) {
      Object value = field.getValue();
      if (value == Json.NULL) {
        continue;
      }
      if (!(value instanceof String text)) {
        throw new MalformedEventException(path + " has a value that is not a string");
      }
      strings.put(field.getKey(), text);
    }
    return strings;
  }

  private static String string(Map<String, Object> parent, String key, String path)
      throws MalformedEventException {
    Object value = parent.get(key);
    if (value == null || value == Json.NULL) {
      return "";
    }
    if (!(value instanceof String text)) {
      throw new MalformedEventException(path + " is not a string");
    }
    return text;
  }

  private static boolean bool(Map<String, Object> parent, String key, String path)
      throws MalformedEventException {
    Object value = parent.get(key);
    if (value == null || value == Json.NULL) {
      return false;
    }
    if (!(value instanceof Boolean flag)) {
      throw new MalformedEventException(path + " is not true or false");
    }
    return flag;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asObject(Object value) {
    return (Map<String, Object>) value;
  }

  /** Quotes at most a short, printable prefix of a value that is not secret, for a message. */
  private static String printable(String value) {
    String shown = value.length() > 64 ? value.substring(0, 64) + "..." : value;
    return shown.replaceAll("[^\\x20-\\x7E]", "?");
  }
}
