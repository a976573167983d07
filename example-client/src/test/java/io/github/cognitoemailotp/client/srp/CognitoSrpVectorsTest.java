package io.github.cognitoemailotp.client.srp;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every intermediate value and the final signature of each vector recorded with AWS's own
 * JavaScript client (amazon-cognito-identity-js), from shared/reference/srp-vectors.json (one copy,
 * in test-kit).
 */
class CognitoSrpVectorsTest {

  static Map<String, Object> document;

  static Map<String, Object> document() throws Exception {
    if (document == null) {
      try (InputStream in = CognitoSrpVectorsTest.class.getResourceAsStream("/srp-vectors.json")) {
        document = JSONObjectUtils.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return document;
  }

  @SuppressWarnings("unchecked")
  static Stream<Map<String, Object>> vectors() throws Exception {
    return ((List<Map<String, Object>>) document().get("vectors")).stream();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> part(Map<String, Object> vector, String name) {
    return (Map<String, Object>) vector.get(name);
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  @Test
  void constantsMatch() throws Exception {
    Map<String, Object> constants = part(document(), "constants");
    assertThat(CognitoSrp.N.toString(16)).isEqualTo(constants.get("N_hex"));
    assertThat(CognitoSrp.G.toString(16)).isEqualTo(constants.get("g_hex"));
    assertThat(CognitoSrp.K.toString(16)).isEqualTo(constants.get("k_hex"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void everyIntermediateValueMatches(Map<String, Object> vector) {
    Map<String, Object> in = part(vector, "inputs");
    Map<String, Object> expected = part(vector, "expected");
    String poolName = (String) in.get("pool_name");
    String userId = (String) in.get("user_id_for_srp");
    CognitoSrp srp = new CognitoSrp(new BigInteger((String) in.get("a_hex"), 16));
    BigInteger bigB = new BigInteger((String) in.get("B_hex"), 16);
    BigInteger salt = new BigInteger((String) in.get("salt_hex"), 16);

    assertThat(((String) in.get("user_pool_id")).split("_", 2)[1]).isEqualTo(poolName);
    assertThat(srp.srpA()).as("SRP_A").isEqualTo(expected.get("SRP_A"));
    assertThat(hex(srp.publicValue().toByteArray())).isEqualTo(expected.get("A_padded_hex"));
    assertThat(hex(bigB.toByteArray())).isEqualTo(expected.get("B_padded_hex"));
    assertThat(hex(salt.toByteArray())).isEqualTo(expected.get("salt_padded_hex"));

    BigInteger u = CognitoSrp.scramblingParameter(srp.publicValue(), bigB);
    assertThat(u.toString(16)).as("u").isEqualTo(expected.get("u_hex"));
    assertThat(hex(u.toByteArray())).isEqualTo(expected.get("u_padded_hex"));

    assertThat(
            hex(
                CognitoSrp.sha256(
                    (poolName + userId + ":" + in.get("password"))
                        .getBytes(StandardCharsets.UTF_8))))
        .isEqualTo(expected.get("user_pass_hash_hex"));
    BigInteger x = CognitoSrp.privateKey(salt, poolName, userId, (String) in.get("password"));
    assertThat(x.toString(16)).as("x").isEqualTo(expected.get("x_hex"));

    BigInteger premaster = srp.premasterSecret(bigB, x, u);
    assertThat(premaster.toString(16)).as("S").isEqualTo(expected.get("S_hex"));
    assertThat(hex(premaster.toByteArray())).isEqualTo(expected.get("S_padded_hex"));

    assertThat(hex(CognitoSrp.derivedKey(premaster, u)))
        .as("HKDF key")
        .isEqualTo(expected.get("hkdf_key_hex"));
    byte[] secretBlock = Base64.getDecoder().decode((String) in.get("secret_block_b64"));
    assertThat(
            hex(
                CognitoSrp.signatureMessage(
                    poolName, userId, secretBlock, (String) in.get("timestamp"))))
        .isEqualTo(expected.get("signature_message_hex"));

    assertThat(
            srp.passwordClaimSignature(
                poolName,
                userId,
                (String) in.get("password"),
                (String) in.get("salt_hex"),
                (String) in.get("B_hex"),
                (String) in.get("secret_block_b64"),
                (String) in.get("timestamp")))
        .as("PASSWORD_CLAIM_SIGNATURE")
        .isEqualTo(expected.get("PASSWORD_CLAIM_SIGNATURE"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void serverValuesAgree(Map<String, Object> vector) {
    Map<String, Object> in = part(vector, "inputs");
    Map<String, Object> server = part(vector, "server");
    BigInteger x =
        CognitoSrp.privateKey(
            new BigInteger((String) in.get("salt_hex"), 16),
            (String) in.get("pool_name"),
            (String) in.get("user_id_for_srp"),
            (String) in.get("password"));
    BigInteger verifier = CognitoSrp.G.modPow(x, CognitoSrp.N);
    assertThat(verifier.toString(16)).isEqualTo(server.get("verifier_hex"));
    BigInteger b = new BigInteger((String) server.get("b_hex"), 16);
    BigInteger bigB =
        CognitoSrp.K.multiply(verifier).add(CognitoSrp.G.modPow(b, CognitoSrp.N)).mod(CognitoSrp.N);
    assertThat(bigB.toString(16)).isEqualTo(in.get("B_hex"));
  }

  @Test
  void timestampHasCognitosFormat() {
    assertThat(CognitoSrp.timestamp(java.time.Instant.parse("2024-03-05T09:03:07Z")))
        .isEqualTo("Tue Mar 5 09:03:07 UTC 2024");
    assertThat(CognitoSrp.timestamp(java.time.Instant.parse("2024-11-21T14:07:33Z")))
        .isEqualTo("Thu Nov 21 14:07:33 UTC 2024");
  }

  @Test
  void secretHashMatchesTheExample() throws Exception {
    Map<String, Object> example = part(document(), "secret_hash_example");
    assertThat(
            CognitoSrp.secretHash(
                (String) example.get("username"),
                (String) example.get("client_id"),
                (String) example.get("client_secret")))
        .isEqualTo(example.get("SECRET_HASH"));
  }
}
