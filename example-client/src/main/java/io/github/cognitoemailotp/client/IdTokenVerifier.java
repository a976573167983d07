package io.github.cognitoemailotp.client;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.Set;

/**
 * Verifies Cognito tokens as a backend should: RS256 signature against the pool's JWKS, issuer,
 * {@code token_use} and expiry, and that the token was issued to this stack's app client: the ID
 * token's audience ({@code aud}), the access token's {@code client_id}. A token the same pool
 * issued to another app client (one that allows a password-only flow, say) is refused, so the
 * emailed code cannot be skipped by signing in through that client.
 */
public final class IdTokenVerifier {

  private final URI jwksUri;
  private final String issuer;
  private final String clientId;

  /**
   * @param issuer {@code https://cognito-idp.<region>.amazonaws.com/<poolId>}, or the endpoint
   *     override followed by {@code /<poolId>}
   * @param clientId the app client, the ID token's audience
   */
  public IdTokenVerifier(String issuer, String clientId) {
    this.issuer = issuer;
    this.clientId = clientId;
    this.jwksUri = URI.create(issuer + "/.well-known/jwks.json");
  }

  /** The issuer Cognito puts in tokens of a pool, for an endpoint (null or empty: AWS's). */
  public static String issuerFor(String endpoint, String region, String userPoolId) {
    String base =
        endpoint == null || endpoint.isEmpty()
            ? "https://cognito-idp." + region + ".amazonaws.com"
            : endpoint.replaceAll("/+$", "");
    return base + "/" + userPoolId;
  }

  /**
   * @return the verified claims
   * @throws SignInException {@link ExitCode#UNREACHABLE} when the JWKS cannot be fetched, {@link
   *     ExitCode#TOKEN_INVALID} when the token does not verify
   */
  public JWTClaimsSet verify(String idToken) throws SignInException {
    return verify(
        "ID token",
        idToken,
        new DefaultJWTClaimsVerifier<>(
            clientId,
            new JWTClaimsSet.Builder().issuer(issuer).claim("token_use", "id").build(),
            Set.of("sub", "exp", "iat")));
  }

  /**
   * Verifies an access token, as an API that receives it should: Cognito's access tokens carry no
   * audience, so the app client is their {@code client_id}.
   *
   * @return the verified claims
   * @throws SignInException {@link ExitCode#UNREACHABLE} when the JWKS cannot be fetched, {@link
   *     ExitCode#TOKEN_INVALID} when the token does not verify
   */
  public JWTClaimsSet verifyAccessToken(String accessToken) throws SignInException {
    return verify(
        "access token",
        accessToken,
        new DefaultJWTClaimsVerifier<>(
            new JWTClaimsSet.Builder()
                .issuer(issuer)
                .claim("token_use", "access")
                .claim("client_id", clientId)
                .build(),
            Set.of("sub", "exp", "iat")));
  }

  private JWTClaimsSet verify(
      String what, String token, DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier)
      throws SignInException {
    JWKSet keys = fetchKeys();
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(
        new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(keys)));
    processor.setJWTClaimsSetVerifier(claimsVerifier);
    try {
      return processor.process(token, null);
    } catch (ParseException
        | com.nimbusds.jose.proc.BadJOSEException
        | com.nimbusds.jose.JOSEException e) {
      throw new SignInException(
          ExitCode.TOKEN_INVALID, "The " + what + " did not verify: " + e.getMessage(), e);
    }
  }

  private JWKSet fetchKeys() throws SignInException {
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(jwksUri).timeout(Duration.ofSeconds(5)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new SignInException(
            ExitCode.UNREACHABLE,
            "The pool's keys at " + jwksUri + " answered HTTP " + response.statusCode());
      }
      return JWKSet.parse(response.body());
    } catch (IOException e) {
      throw new SignInException(
          ExitCode.UNREACHABLE,
          "The pool's keys at " + jwksUri + " could not be fetched: " + e.getMessage(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SignInException(ExitCode.UNREACHABLE, "Interrupted while fetching " + jwksUri, e);
    } catch (ParseException e) {
      throw new SignInException(
          ExitCode.TOKEN_INVALID,
          "The pool's keys at " + jwksUri + " are not a JWK set: " + e.getMessage(),
          e);
    }
  }
}
