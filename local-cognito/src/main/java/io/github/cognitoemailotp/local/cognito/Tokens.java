package io.github.cognitoemailotp.local.cognito;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.cognitoemailotp.local.template.ClientSettings;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Issues RS256 ID and access tokens with Cognito's claims, and opaque refresh tokens. */
final class Tokens {

  /** What a token answer carries. */
  record Issued(String idToken, String accessToken, String refreshToken, int expiresIn) {}

  /**
   * What a refresh token stands for; {@code originJti} is the {@code origin_jti} of every token
   * issued with it, which RevokeToken revokes together.
   */
  private record RefreshGrant(
      String username, String clientId, Instant authTime, Instant expires, String originJti) {}

  private static final Duration ACCESS_VALIDITY = Duration.ofHours(1);

  private final RSAKey key;
  private final String issuer;
  private final Clock clock;
  private final ClientSettings client;
  private final Map<String, RefreshGrant> refreshGrants = new ConcurrentHashMap<>();
  private final java.util.Set<String> revokedOrigins = ConcurrentHashMap.newKeySet();
  private final SecureRandom random = new SecureRandom();

  Tokens(String issuer, Clock clock, ClientSettings client) {
    this.issuer = issuer;
    this.clock = clock;
    this.client = client;
    try {
      this.key =
          new RSAKeyGenerator(2048)
              .keyUse(KeyUse.SIGNATURE)
              .algorithm(JWSAlgorithm.RS256)
              .keyID(UUID.randomUUID().toString())
              .generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot make an RSA key", e);
    }
  }

  /** The public keys, as {@code /<poolId>/.well-known/jwks.json} serves them. */
  String jwks() {
    return new JWKSet(key.toPublicJWK()).toString();
  }

  Issued afterSignIn(User user, String clientId) {
    Instant now = clock.instant();
    byte[] bytes = new byte[48];
    random.nextBytes(bytes);
    String refreshToken = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    String originJti = UUID.randomUUID().toString();
    refreshGrants.put(
        refreshToken,
        new RefreshGrant(
            user.username, clientId, now, now.plus(client.refreshTokenValidity()), originJti));
    return new Issued(
        idToken(user, clientId, now, now, originJti),
        accessToken(user, clientId, now, now, originJti),
        refreshToken,
        (int) ACCESS_VALIDITY.toSeconds());
  }

  /**
   * New ID and access tokens for a refresh token, or a NotAuthorizedException: for a disabled user
   * ("User is disabled."), and for a token issued before the user's tokens were revoked.
   *
   * @param beforeIssue runs once the grant is valid and before the tokens are made (Pre Token
   *     Generation); a throw means no tokens
   */
  Issued refresh(
      String refreshToken,
      String clientId,
      java.util.function.Function<String, User> users,
      java.util.function.Consumer<User> beforeIssue) {
    RefreshGrant grant = refreshToken == null ? null : refreshGrants.get(refreshToken);
    Instant now = clock.instant();
    if (grant == null || !grant.clientId().equals(clientId) || now.isAfter(grant.expires())) {
      throw CognitoException.notAuthorized("Invalid Refresh Token");
    }
    User user = users.apply(grant.username());
    if (user == null || revokedOrigins.contains(grant.originJti())) {
      throw CognitoException.notAuthorized("Refresh Token has been revoked");
    }
    synchronized (user) {
      if (!user.enabled) {
        throw CognitoException.notAuthorized("User is disabled.");
      }
      if (user.tokensRevokedAt != null && !grant.authTime().isAfter(user.tokensRevokedAt)) {
        throw CognitoException.notAuthorized("Refresh Token has been revoked");
      }
    }
    beforeIssue.accept(user);
    return new Issued(
        idToken(user, clientId, grant.authTime(), now, grant.originJti()),
        accessToken(user, clientId, grant.authTime(), now, grant.originJti()),
        null,
        (int) ACCESS_VALIDITY.toSeconds());
  }

  private String idToken(
      User user, String clientId, Instant authTime, Instant now, String originJti) {
    JWTClaimsSet.Builder claims =
        common(user, now, authTime, originJti)
            .audience(clientId)
            .claim("token_use", "id")
            .claim("cognito:username", user.username)
            .claim("email_verified", "true".equals(user.attributes.get("email_verified")));
    user.attributes.forEach(
        (name, value) -> {
          if (!name.equals("sub") && !name.equals("email_verified") && client.canRead(name)) {
            claims.claim(name, value);
          }
        });
    return sign(claims.build());
  }

  /**
   * RevokeToken: the refresh token, and every ID and access token issued with it, stop working.
   *
   * @return false when the token is not a refresh token this pool issued to {@code clientId}
   */
  boolean revoke(String refreshToken, String clientId) {
    RefreshGrant grant = refreshGrants.get(refreshToken);
    if (grant == null || !grant.clientId().equals(clientId)) {
      return false;
    }
    revokedOrigins.add(grant.originJti());
    return true;
  }

  /**
   * The username an access token of this pool was issued to, as {@code GetUser} and {@code
   * UpdateUserAttributes} check it: signed by this pool's key, an access token, not expired.
   */
  String usernameOf(String accessToken) {
    JWTClaimsSet claims;
    try {
      SignedJWT jwt = SignedJWT.parse(accessToken);
      if (!jwt.verify(new RSASSAVerifier(key.toRSAPublicKey()))) {
        throw CognitoException.notAuthorized("Invalid Access Token");
      }
      claims = jwt.getJWTClaimsSet();
    } catch (java.text.ParseException | JOSEException e) {
      throw CognitoException.notAuthorized("Invalid Access Token");
    }
    if (!"access".equals(claims.getClaim("token_use")) || !issuer.equals(claims.getIssuer())) {
      throw CognitoException.notAuthorized("Invalid Access Token");
    }
    if (claims.getExpirationTime() == null
        || !clock.instant().isBefore(claims.getExpirationTime().toInstant())) {
      throw CognitoException.notAuthorized("Access Token has expired");
    }
    if (revokedOrigins.contains(String.valueOf(claims.getClaim("origin_jti")))) {
      throw CognitoException.notAuthorized("Access Token has been revoked");
    }
    return String.valueOf(claims.getClaim("username"));
  }

  private String accessToken(
      User user, String clientId, Instant authTime, Instant now, String originJti) {
    return sign(
        common(user, now, authTime, originJti)
            .claim("client_id", clientId)
            .claim("token_use", "access")
            .claim("scope", "aws.cognito.signin.user.admin")
            .claim("username", user.username)
            .build());
  }

  private JWTClaimsSet.Builder common(User user, Instant now, Instant authTime, String originJti) {
    return new JWTClaimsSet.Builder()
        .subject(user.attributes.get("sub"))
        .issuer(issuer)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(ACCESS_VALIDITY)))
        .jwtID(UUID.randomUUID().toString())
        .claim("origin_jti", originJti)
        .claim("event_id", UUID.randomUUID().toString())
        .claim("auth_time", authTime.getEpochSecond());
  }

  private String sign(JWTClaimsSet claims) {
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a token", e);
    }
  }
}
