package io.github.cognitoemailotp.local.cognito;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One sign-in in progress: its history, its SRP values and what Create left for Verify. */
final class SignInSession {

  /** One entry of the history handed to the triggers. */
  record Step(String challengeName, boolean challengeResult, String challengeMetadata) {}

  final String clientId;
  final String username;
  final User user;
  final List<Step> history = new ArrayList<>();
  String expectedChallenge;
  BigInteger bigA;
  BigInteger b;
  BigInteger bigB;
  BigInteger salt;
  BigInteger verifier;
  byte[] secretBlock;
  Map<String, String> privateChallengeParameters = Map.of();
  String challengeMetadata;
  Instant expiresAt;

  SignInSession(String clientId, String username, User user) {
    this.clientId = clientId;
    this.username = username;
    this.user = user;
  }

  /** The name the triggers see: the pool's user name, or what was typed for a missing user. */
  String userName() {
    return user == null ? username : user.username;
  }
}
