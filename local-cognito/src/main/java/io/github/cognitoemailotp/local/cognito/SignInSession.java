package io.github.cognitoemailotp.local.cognito;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One sign-in in progress, as an immutable value: each step makes the next one. Cognito hands out a
 * new session token for each challenge; the token maps to the value that challenge belongs to.
 *
 * @param clientId the app client that started it
 * @param typedName the user name as typed in InitiateAuth
 * @param user the pool's user; null when there is no such user (its sign-in goes on to fail)
 * @param history the steps so far, as the triggers see them
 * @param srpA the client's A, when it sent one
 * @param srp the server's side of the SRP exchange, once the PASSWORD_VERIFIER challenge is sent
 * @param privateChallengeParameters what Create left for Verify
 * @param challengeMetadata what Create wrote for the challenge in force; null for none
 * @param expectedChallenge the challenge the client must answer next
 * @param expiresAt when the token of this step stops being accepted
 */
record SignInSession(
    String clientId,
    String typedName,
    User user,
    List<Step> history,
    Optional<BigInteger> srpA,
    Optional<SrpExchange> srp,
    Map<String, String> privateChallengeParameters,
    String challengeMetadata,
    String expectedChallenge,
    Instant expiresAt) {

  /** One entry of the history handed to the triggers. */
  record Step(String challengeName, boolean challengeResult, String challengeMetadata) {}

  SignInSession {
    history = List.copyOf(history);
    privateChallengeParameters = Map.copyOf(privateChallengeParameters);
  }

  /** A sign-in just started with InitiateAuth; its history holds SRP_A when the client sent A. */
  static SignInSession start(
      String clientId, String typedName, User user, Optional<BigInteger> srpA) {
    List<Step> history = srpA.isPresent() ? List.of(new Step("SRP_A", true, null)) : List.of();
    return new SignInSession(
        clientId,
        typedName,
        user,
        history,
        srpA,
        Optional.empty(),
        Map.of(),
        null,
        "",
        Instant.MIN);
  }

  /** The name the triggers see: the pool's user name, or what was typed for a missing user. */
  String userName() {
    return user == null ? typedName : user.username;
  }

  /** This sign-in with one more step in its history. */
  SignInSession after(Step step) {
    List<Step> longer = new ArrayList<>(history);
    longer.add(step);
    return new SignInSession(
        clientId,
        typedName,
        user,
        longer,
        srpA,
        srp,
        privateChallengeParameters,
        challengeMetadata,
        expectedChallenge,
        expiresAt);
  }

  /** This sign-in with the server's side of its SRP exchange. */
  SignInSession withSrp(SrpExchange exchange) {
    return new SignInSession(
        clientId,
        typedName,
        user,
        history,
        srpA,
        Optional.of(exchange),
        privateChallengeParameters,
        challengeMetadata,
        expectedChallenge,
        expiresAt);
  }

  /** This sign-in with what Create returned for its new custom challenge. */
  SignInSession withCustomChallenge(Map<String, String> privateParameters, String metadata) {
    return new SignInSession(
        clientId,
        typedName,
        user,
        history,
        srpA,
        srp,
        privateParameters,
        metadata,
        expectedChallenge,
        expiresAt);
  }

  /** This sign-in waiting for the client to answer {@code challenge} before {@code until}. */
  SignInSession awaiting(String challenge, Instant until) {
    return new SignInSession(
        clientId,
        typedName,
        user,
        history,
        srpA,
        srp,
        privateChallengeParameters,
        challengeMetadata,
        challenge,
        until);
  }
}
