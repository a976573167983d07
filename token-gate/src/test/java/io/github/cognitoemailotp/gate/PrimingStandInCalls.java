package io.github.cognitoemailotp.gate;

import io.github.cognitoemailotp.aws.PrimingStandIn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;

/** Calls a priming stand-in directly, to put it in a state priming does not expect. */
final class PrimingStandInCalls {

  private PrimingStandInCalls() {}

  /** Sends the stand-in one DynamoDB UpdateItem and reads its answer. */
  static void updateItem(PrimingStandIn standIn) {
    try {
      HttpURLConnection connection =
          (HttpURLConnection) standIn.endpoint().resolve("/").toURL().openConnection();
      connection.setRequestMethod("POST");
      connection.setDoOutput(true);
      connection.setRequestProperty("X-Amz-Target", "DynamoDB_20120810.UpdateItem");
      connection.getOutputStream().write("{}".getBytes(StandardCharsets.UTF_8));
      connection.getResponseCode();
      connection.disconnect();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
