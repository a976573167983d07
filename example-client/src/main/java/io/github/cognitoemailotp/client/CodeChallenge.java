package io.github.cognitoemailotp.client;

import java.util.Map;

/**
 * What a CUSTOM_CHALLENGE tells the user, from its public challenge parameters.
 *
 * @param maskedEmail where the code went
 * @param codeLength how many digits to expect
 * @param codeExpiresAt when the code stops working (ISO-8601)
 * @param attemptsLeft answers left in this sign-in
 * @param resendsLeft new codes the user may still ask for
 * @param codeSent whether this challenge emailed a new code
 * @param resend the answer to a resend request (SENT, REFUSED_LIMIT, REFUSED_COOLDOWN), or empty
 * @param resendMessage a sentence about that answer, or empty
 */
public record CodeChallenge(
    String maskedEmail,
    String codeLength,
    String codeExpiresAt,
    String attemptsLeft,
    String resendsLeft,
    boolean codeSent,
    String resend,
    String resendMessage) {

  static CodeChallenge of(Map<String, String> parameters) {
    return new CodeChallenge(
        parameters.getOrDefault("maskedEmail", "your email address"),
        parameters.getOrDefault("codeLength", "?"),
        parameters.getOrDefault("codeExpiresAt", ""),
        parameters.getOrDefault("attemptsLeft", "?"),
        parameters.getOrDefault("resendsLeft", "?"),
        "true".equals(parameters.get("codeSent")),
        parameters.getOrDefault("resend", ""),
        parameters.getOrDefault("resendMessage", ""));
  }
}
