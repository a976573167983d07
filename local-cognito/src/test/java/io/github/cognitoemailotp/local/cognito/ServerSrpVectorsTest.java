package io.github.cognitoemailotp.local.cognito;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The server half of SRP against the vectors recorded with AWS's JavaScript client
 * (shared/reference/srp-vectors.json, one copy in test-kit): the same verifier and B, and the
 * client's real signature accepted while a tampered one is not.
 */
class ServerSrpVectorsTest {

  static List<JsonNode> vectors() throws Exception {
    try (InputStream in = ServerSrpVectorsTest.class.getResourceAsStream("/srp-vectors.json")) {
      List<JsonNode> list = new ArrayList<>();
      new ObjectMapper().readTree(in).get("vectors").forEach(list::add);
      return list;
    }
  }

  private static BigInteger hex(JsonNode node) {
    return new BigInteger(node.asText(), 16);
  }

  private static BigInteger verifier(JsonNode vector) {
    JsonNode in = vector.get("inputs");
    return ServerSrp.verifier(
        hex(in.get("salt_hex")),
        in.get("pool_name").asText(),
        in.get("user_id_for_srp").asText(),
        in.get("password").asText());
  }

  private static boolean signatureMatches(JsonNode vector, byte[] signature) {
    JsonNode in = vector.get("inputs");
    return ServerSrp.signatureMatches(
        new BigInteger(vector.get("expected").get("SRP_A").asText(), 16),
        hex(in.get("B_hex")),
        hex(vector.get("server").get("b_hex")),
        verifier(vector),
        in.get("pool_name").asText(),
        in.get("user_id_for_srp").asText(),
        Base64.getDecoder().decode(in.get("secret_block_b64").asText()),
        in.get("timestamp").asText(),
        signature);
  }

  private static byte[] signature(JsonNode vector) {
    return Base64.getDecoder()
        .decode(vector.get("expected").get("PASSWORD_CLAIM_SIGNATURE").asText());
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void verifierIsTheOneTheVectorRecords(JsonNode vector) {
    assertThat(verifier(vector)).isEqualTo(hex(vector.get("server").get("verifier_hex")));
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void publicValueIsTheBTheClientReceived(JsonNode vector) {
    assertThat(ServerSrp.publicValue(verifier(vector), hex(vector.get("server").get("b_hex"))))
        .isEqualTo(hex(vector.get("inputs").get("B_hex")));
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void signatureOfAwsJavaScriptClientIsAccepted(JsonNode vector) {
    assertThat(signatureMatches(vector, signature(vector))).isTrue();
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void tamperedSignatureIsRefused(JsonNode vector) {
    byte[] tampered = signature(vector);
    tampered[0] ^= 1;
    assertThat(signatureMatches(vector, tampered)).isFalse();
  }
}
