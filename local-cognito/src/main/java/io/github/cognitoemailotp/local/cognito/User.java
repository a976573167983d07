package io.github.cognitoemailotp.local.cognito;

import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A user of the local pool, with the salt and verifier of its password (never the password). */
final class User {
  final String username;
  final Map<String, String> attributes = new LinkedHashMap<>();
  final Instant created;
  Instant modified;
  String status = "FORCE_CHANGE_PASSWORD";
  BigInteger salt;
  BigInteger verifier;

  User(String username, Instant created) {
    this.username = username;
    this.created = created;
    this.modified = created;
  }

  String email() {
    return attributes.getOrDefault("email", "");
  }
}
