package io.github.cognitoemailotp.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ID tokens checked against a JWKS served on 127.0.0.1. */
class IdTokenVerifierTest {

  static final String POOL = "us-east-1_Test01";
  static final String CLIENT = "client-1";

  RSAKey key;
  RSAKey otherKey;
  HttpServer jwks;
  String endpoint;

  @BeforeEach
  void serveKeys() throws Exception {
    key = new RSAKeyGenerator(2048).keyID("k1").generate();
    otherKey = new RSAKeyGenerator(2048).keyID("k1").generate();
    jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
    jwks.createContext(
        "/" + POOL + "/.well-known/jwks.json",
        exchange -> {
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    jwks.start();
    endpoint = "http://127.0.0.1:" + jwks.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    jwks.stop(0);
  }

  String issuer() {
    return IdTokenVerifier.issuerFor(endpoint, "us-east-1", POOL);
  }

  String token(RSAKey signingKey, UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .subject("sub-1")
            .issuer(issuer())
            .audience(CLIENT)
            .claim("token_use", "id")
            .claim("email", "jane@example.com")
            .issueTime(new Date())
            .expirationTime(Date.from(Instant.now().plusSeconds(3600)));
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
            change.apply(claims).build());
    jwt.sign(new RSASSASigner(signingKey));
    return jwt.serialize();
  }

  ExitCode failure(String token) {
    try {
      new IdTokenVerifier(issuer(), CLIENT).verify(token);
    } catch (SignInException e) {
      return e.exitCode();
    }
    throw new AssertionError("the token should not verify");
  }

  @Test
  void issuerFollowsTheEndpoint() {
    assertThat(IdTokenVerifier.issuerFor(null, "eu-west-1", "eu-west-1_Ab"))
        .isEqualTo("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Ab");
    assertThat(IdTokenVerifier.issuerFor("http://127.0.0.1:9229/", "us-east-1", POOL))
        .isEqualTo("http://127.0.0.1:9229/" + POOL);
  }

  @Test
  void goodTokenVerifies() throws Exception {
    JWTClaimsSet claims = new IdTokenVerifier(issuer(), CLIENT).verify(token(key, c -> c));
    assertThat(claims.getStringClaim("email")).isEqualTo("jane@example.com");
  }

  @Test
  void tokenSignedWithAnotherKeyIsRejected() throws Exception {
    assertThat(failure(token(otherKey, c -> c))).isEqualTo(ExitCode.TOKEN_INVALID);
  }

  @Test
  void wrongAudienceIssuerUseOrExpiryIsRejected() throws Exception {
    assertThat(failure(token(key, c -> c.audience("another-client"))))
        .isEqualTo(ExitCode.TOKEN_INVALID);
    assertThat(failure(token(key, c -> c.issuer("https://evil.example.com/" + POOL))))
        .isEqualTo(ExitCode.TOKEN_INVALID);
    assertThat(failure(token(key, c -> c.claim("token_use", "access"))))
        .isEqualTo(ExitCode.TOKEN_INVALID);
    assertThat(
            failure(token(key, c -> c.expirationTime(Date.from(Instant.now().minusSeconds(3600))))))
        .isEqualTo(ExitCode.TOKEN_INVALID);
  }

  @Test
  void unreachableKeysHaveTheirExitCode() throws Exception {
    String token = token(key, c -> c);
    jwks.stop(0);
    assertThat(failure(token)).isEqualTo(ExitCode.UNREACHABLE);
  }

  String accessToken(UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
    return token(
        key,
        c ->
            change.apply(
                c.audience((String) null)
                    .claim("token_use", "access")
                    .claim("client_id", CLIENT)
                    .claim("email", null)));
  }

  ExitCode accessTokenFailure(String token) {
    try {
      new IdTokenVerifier(issuer(), CLIENT).verifyAccessToken(token);
    } catch (SignInException e) {
      assertThat(e.getMessage()).startsWith("The access token did not verify");
      return e.exitCode();
    }
    throw new AssertionError("the access token should not verify");
  }

  @Test
  void anAccessTokenIssuedToTheStacksClientVerifies() throws Exception {
    JWTClaimsSet claims =
        new IdTokenVerifier(issuer(), CLIENT).verifyAccessToken(accessToken(c -> c));
    assertThat(claims.getStringClaim("client_id")).isEqualTo(CLIENT);
  }

  @Test
  void anAccessTokenIssuedToAnotherClientOfThePoolIsRejected() throws Exception {
    assertThat(accessTokenFailure(accessToken(c -> c.claim("client_id", "password-only-client"))))
        .isEqualTo(ExitCode.TOKEN_INVALID);
    assertThat(accessTokenFailure(accessToken(c -> c.claim("client_id", null))))
        .isEqualTo(ExitCode.TOKEN_INVALID);
  }

  @Test
  void anIdTokenIsNotAnAccessTokenNorTheOtherWayRound() throws Exception {
    assertThat(accessTokenFailure(token(key, c -> c))).isEqualTo(ExitCode.TOKEN_INVALID);
    assertThat(failure(accessToken(c -> c))).isEqualTo(ExitCode.TOKEN_INVALID);
  }
}
