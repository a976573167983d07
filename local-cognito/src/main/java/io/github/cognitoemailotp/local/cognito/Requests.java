package io.github.cognitoemailotp.local.cognito;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading the members of a Cognito API request as Cognito validates them. */
final class Requests {

  static final ObjectMapper JSON = new ObjectMapper();

  private Requests() {}

  /** A member that must be present and non-empty, else Cognito's validation error. */
  static String required(JsonNode request, String field) {
    String value = request.path(field).asText("");
    if (value.isEmpty()) {
      throw CognitoException.invalidParameter(
          "1 validation error detected: Value at '"
              + Character.toLowerCase(field.charAt(0))
              + field.substring(1)
              + "' failed to satisfy constraint: Member must not be null");
    }
    return value;
  }

  /** A JSON object of strings (ClientMetadata, challenge parameters), without null members. */
  static Map<String, String> stringMap(JsonNode node) {
    Map<String, String> map = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!field.getValue().isNull()) {
        map.put(field.getKey(), field.getValue().asText());
      }
    }
    return map;
  }

  /** A list of {@code {Name, Value}} user attributes, in order. */
  static Map<String, String> attributes(JsonNode list) {
    Map<String, String> attributes = new LinkedHashMap<>();
    for (JsonNode attribute : list) {
      attributes.put(attribute.path("Name").asText(), attribute.path("Value").asText(""));
    }
    return attributes;
  }
}
