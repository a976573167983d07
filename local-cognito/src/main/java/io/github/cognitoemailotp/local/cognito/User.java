package io.github.cognitoemailotp.local.cognito;

import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A user of the local pool, with the salt and verifier of its password (never the password). */
final class User {

  /** A code Cognito sent the user, with what it confirms and until when. */
  record PendingCode(String code, Instant expiresAt) {}

  final String username;
  final Map<String, String> attributes = new LinkedHashMap<>();
  final Instant created;
  Instant modified;
  String status = "FORCE_CHANGE_PASSWORD";
  BigInteger salt;
  BigInteger verifier;

  /** The code that confirms a self sign-up ({@code ConfirmSignUp}), or null. */
  PendingCode confirmation;

  /** The code that verifies the email address ({@code VerifyUserAttribute}), or null. */
  PendingCode emailVerification;

  /**
   * A new address waiting for its verification (AttributesRequireVerificationBeforeUpdate), or
   * null; until it is verified, {@code email} keeps the old one.
   */
  String unverifiedEmail;

  /** False after AdminDisableUser: no sign-in, no refresh, no password reset. */
  boolean enabled = true;

  /**
   * When the user's tokens were last revoked (AdminDisableUser); refresh tokens issued up to then
   * no longer work, even after AdminEnableUser. Null when never.
   */
  Instant tokensRevokedAt;

  /** The code that ForgotPassword or AdminResetUserPassword sent, or null. */
  PendingCode passwordReset;

  /** A TOTP secret AssociateSoftwareToken handed out, waiting for VerifySoftwareToken; or null. */
  String pendingTotpSecret;

  /** The TOTP secret VerifySoftwareToken proved the user holds (base32); or null. */
  String totpSecret;

  /** AdminSetUserMFAPreference's SoftwareTokenMfaSettings. */
  boolean totpEnabled;

  boolean totpPreferred;

  User(String username, Instant created) {
    this.username = username;
    this.created = created;
    this.modified = created;
  }

  String email() {
    return attributes.getOrDefault("email", "");
  }
}
