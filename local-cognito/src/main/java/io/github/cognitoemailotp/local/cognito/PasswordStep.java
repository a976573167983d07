package io.github.cognitoemailotp.local.cognito;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The password step of Cognito's SRP: the client's A checked, the PASSWORD_VERIFIER challenge made
 * (a plausible one for a user that does not exist, so the answer does not tell), and the client's
 * proof checked against the verifier.
 */
final class PasswordStep {

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss 'UTC' yyyy", java.util.Locale.US)
          .withZone(ZoneOffset.UTC);

  private final String poolName;
  private final SecureRandom random = new SecureRandom();
  private final byte[] fakeSaltKey = new byte[32];

  /**
   * @param poolName the part of the pool id after the region, which SRP hashes
   */
  PasswordStep(String poolName) {
    this.poolName = poolName;
    random.nextBytes(fakeSaltKey);
  }

  /** The client's A from InitiateAuth's parameters; empty when the client sent none. */
  Optional<BigInteger> clientValue(JsonNode parameters) {
    String srpA = parameters.path("SRP_A").asText("");
    if (srpA.isEmpty()) {
      return Optional.empty();
    }
    if (!"SRP_A".equals(parameters.path("CHALLENGE_NAME").asText(""))) {
      throw CognitoException.invalidParameter("CHALLENGE_NAME must be SRP_A when SRP_A is given");
    }
    return Optional.of(checkedClientValue(srpA));
  }

  /** The client's A (hex), refused when it is not a number or is 0 mod N, as SRP requires. */
  static BigInteger checkedClientValue(String srpA) {
    BigInteger bigA;
    try {
      bigA = new BigInteger(srpA, 16);
    } catch (NumberFormatException e) {
      throw CognitoException.invalidParameter("SRP_A is invalid");
    }
    if (bigA.mod(ServerSrp.N).signum() == 0) {
      throw CognitoException.invalidParameter("SRP_A is invalid");
    }
    return bigA;
  }

  /**
   * The server's half for a PASSWORD_VERIFIER challenge. A user that does not exist ({@code user}
   * null) gets a salt that is stable per name and a verifier of nothing, so its challenge looks
   * like any other and its password step simply fails.
   */
  SrpExchange begin(BigInteger bigA, User user, String typedName) {
    BigInteger salt;
    BigInteger verifier;
    if (user != null) {
      synchronized (user) {
        salt = user.salt;
        verifier = user.verifier;
      }
    } else {
      salt =
          new BigInteger(
              1,
              Arrays.copyOf(
                  ServerSrp.hmac(fakeSaltKey, typedName.getBytes(StandardCharsets.UTF_8)), 16));
      verifier = ServerSrp.G.modPow(ServerSrp.newPrivateValue(), ServerSrp.N);
    }
    BigInteger b = ServerSrp.newPrivateValue();
    byte[] secretBlock = new byte[64];
    random.nextBytes(secretBlock);
    return new SrpExchange(
        bigA, salt, verifier, b, ServerSrp.publicValue(verifier, b), secretBlock);
  }

  /** The PASSWORD_VERIFIER challenge's parameters, as Cognito sends them. */
  static Map<String, String> challengeParameters(SrpExchange srp, String userName) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("SALT", srp.salt().toString(16));
    parameters.put("SRP_B", srp.bigB().toString(16));
    parameters.put("SECRET_BLOCK", Base64.getEncoder().encodeToString(srp.secretBlock()));
    parameters.put("USER_ID_FOR_SRP", userName);
    parameters.put("USERNAME", userName);
    return parameters;
  }

  /** Whether the client's answer proves the password; false for a user that does not exist. */
  boolean proven(SrpExchange srp, User user, JsonNode responses) {
    String timestamp = responses.path("TIMESTAMP").asText("");
    try {
      TIMESTAMP.parse(timestamp);
    } catch (DateTimeParseException e) {
      throw CognitoException.invalidParameter(
          "TIMESTAMP is not in the format EEE MMM d HH:mm:ss UTC yyyy");
    }
    if (user == null) {
      return false;
    }
    byte[] secretBlock;
    byte[] signature;
    try {
      secretBlock =
          Base64.getDecoder().decode(responses.path("PASSWORD_CLAIM_SECRET_BLOCK").asText(""));
      signature = Base64.getDecoder().decode(responses.path("PASSWORD_CLAIM_SIGNATURE").asText(""));
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (!MessageDigest.isEqual(secretBlock, srp.secretBlock())) {
      return false;
    }
    return ServerSrp.signatureMatches(
        srp.bigA(),
        srp.bigB(),
        srp.b(),
        srp.verifier(),
        poolName,
        user.username,
        secretBlock,
        timestamp,
        signature);
  }
}
