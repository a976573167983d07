package io.github.cognitoemailotp.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * The priming stand-in's answers, read with the JDK's HTTP client as the SDK's URL-connection
 * client reads them (that the SDK accepts them is {@link SnapStartPrimingTest}'s part).
 */
class PrimingStandInTest {

  record Answer(int status, String contentType, String connection, String crc32, String body) {}

  static Answer post(PrimingStandIn standIn, String path, String target) throws IOException {
    HttpURLConnection connection =
        (HttpURLConnection) standIn.endpoint().resolve(path).toURL().openConnection();
    connection.setRequestMethod("POST");
    connection.setDoOutput(true);
    if (target != null) {
      connection.setRequestProperty("X-Amz-Target", target);
    }
    connection.getOutputStream().write("{}".getBytes(StandardCharsets.UTF_8));
    int status = connection.getResponseCode();
    try (InputStream body =
        status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
      return new Answer(
          status,
          connection.getContentType(),
          connection.getHeaderField("Connection"),
          connection.getHeaderField("x-amz-crc32"),
          new String(body.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  static String crc32(String body) {
    CRC32 crc = new CRC32();
    crc.update(body.getBytes(StandardCharsets.UTF_8));
    return Long.toString(crc.getValue());
  }

  @Test
  void sendEmailGetsAMessageIdAndTheConnectionIsClosed() throws IOException {
    try (PrimingStandIn standIn = PrimingStandIn.start()) {
      assertThat(post(standIn, "/v2/email/outbound-emails", null))
          .isEqualTo(
              new Answer(
                  200, "application/json", "close", null, "{\"MessageId\":\"snapstart-priming\"}"));
      assertThat(standIn.requests()).containsExactly("SES SendEmail");
    }
  }

  @Test
  void theFirstUpdateItemIsRefusedTheReadFindsNothingAndTheNextWriteSucceeds() throws IOException {
    String refused =
        "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException\","
            + "\"message\":\"The conditional request failed\"}";
    String json = "application/x-amz-json-1.0";
    try (PrimingStandIn standIn = PrimingStandIn.start()) {
      assertThat(post(standIn, "/", "DynamoDB_20120810.UpdateItem"))
          .isEqualTo(new Answer(400, json, "close", crc32(refused), refused));
      assertThat(post(standIn, "/", "DynamoDB_20120810.GetItem"))
          .isEqualTo(new Answer(200, json, "close", crc32("{}"), "{}"));
      assertThat(post(standIn, "/", "DynamoDB_20120810.UpdateItem"))
          .isEqualTo(new Answer(200, json, "close", crc32("{}"), "{}"));
      assertThat(standIn.requests())
          .containsExactly("DynamoDB UpdateItem", "DynamoDB GetItem", "DynamoDB UpdateItem");
    }
  }

  @Test
  void anythingElseIsNotFoundAndRecorded() throws IOException {
    try (PrimingStandIn standIn = PrimingStandIn.start()) {
      assertThat(post(standIn, "/v2/email/identities", null).status()).isEqualTo(404);
      assertThat(post(standIn, "/", "Other.Operation").status()).isEqualTo(404);
      assertThat(standIn.requests()).containsExactly("POST /v2/email/identities", "POST /");
    }
  }

  @Test
  void itListensOnTheLoopbackAddressOnly() throws IOException {
    try (PrimingStandIn standIn = PrimingStandIn.start()) {
      assertThat(standIn.endpoint().getHost()).isEqualTo("127.0.0.1");
      assertThat(standIn.endpoint().getPort()).isPositive();
    }
  }
}
