package io.github.cognitoemailotp.layer.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds what a trigger returns: the event it received with {@code response} filled in. */
public final class Responses {

  private Responses() {}

  /**
   * The event echoed back with {@code response} replaced, as Cognito expects; when the event could
   * not be read at all, just the response.
   */
  public static byte[] withResponse(Map<String, Object> envelope, Map<String, Object> response) {
    Map<String, Object> document = new LinkedHashMap<>(envelope);
    document.put("response", response);
    return Json.write(document);
  }
}
