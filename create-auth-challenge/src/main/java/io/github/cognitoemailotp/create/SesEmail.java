package io.github.cognitoemailotp.create;

import io.github.cognitoemailotp.layer.EmailMask;
import io.github.cognitoemailotp.layer.internal.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One SES v2 {@code SendEmail} request as Create sends it: one recipient, a subject, a text and an
 * HTML body, all in UTF-8, and the configuration set when one is named.
 *
 * @param fromEmailAddress the verified sender identity
 * @param toAddress the user's address
 * @param subject the subject line
 * @param text the plain-text body
 * @param html the HTML body
 * @param configurationSetName the SES configuration set, empty for none
 */
record SesEmail(
    String fromEmailAddress,
    String toAddress,
    String subject,
    String text,
    String html,
    String configurationSetName) {

  /**
   * The request body of {@code POST /v2/email/outbound-emails}, as the SES v2 API reference defines
   * it (members in PascalCase; {@code Charset} on each part).
   */
  byte[] toJson() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("FromEmailAddress", fromEmailAddress);
    body.put("Destination", Map.of("ToAddresses", List.of(toAddress)));
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("Subject", utf8(subject));
    Map<String, Object> parts = new LinkedHashMap<>();
    parts.put("Text", utf8(text));
    parts.put("Html", utf8(html));
    message.put("Body", parts);
    body.put("Content", Map.of("Simple", message));
    if (!configurationSetName.isEmpty()) {
      body.put("ConfigurationSetName", configurationSetName);
    }
    return Json.write(body);
  }

  private static Map<String, Object> utf8(String data) {
    Map<String, Object> content = new LinkedHashMap<>();
    content.put("Data", data);
    content.put("Charset", "UTF-8");
    return content;
  }

  /** Never shows the bodies (they carry the code) or the whole address. */
  @Override
  public String toString() {
    return "SesEmail[to=" + EmailMask.mask(toAddress) + ", from=" + fromEmailAddress + "]";
  }
}
