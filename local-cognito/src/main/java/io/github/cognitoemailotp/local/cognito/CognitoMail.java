package io.github.cognitoemailotp.local.cognito;

import static io.github.cognitoemailotp.local.cognito.Requests.JSON;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The codes Cognito itself emails (sign-up confirmation, attribute verification), kept in memory
 * instead of sent: a real pool sends them with its own email configuration, not through Create's
 * SES identity. Codes are 6 digits from {@link SecureRandom}, compared in constant time.
 */
final class CognitoMail {

  /** How long Cognito's confirmation and verification codes stay valid. */
  static final Duration CODE_VALIDITY = Duration.ofHours(24);

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final List<CognitoMessage> messages = new CopyOnWriteArrayList<>();

  CognitoMail(Clock clock) {
    this.clock = clock;
  }

  /** Sends (keeps) a new code for {@code purpose} to {@code to}, valid {@link #CODE_VALIDITY}. */
  User.PendingCode send(String to, String purpose) {
    return send(to, purpose, CODE_VALIDITY);
  }

  /** Sends (keeps) a new code for {@code purpose} to {@code to}, valid for {@code validity}. */
  User.PendingCode send(String to, String purpose, Duration validity) {
    String code = String.format(Locale.ROOT, "%06d", random.nextInt(1_000_000));
    messages.add(new CognitoMessage(to, purpose, code));
    return new User.PendingCode(code, clock.instant().plus(validity));
  }

  /** The messages to this address, oldest first. */
  List<CognitoMessage> to(String address) {
    return messages.stream().filter(m -> m.to().equalsIgnoreCase(address)).toList();
  }

  /** Cognito's answer when {@code code} is not the pending one, or it expired. */
  void check(User.PendingCode pending, String code) {
    if (pending == null
        || !MessageDigest.isEqual(
            pending.code().getBytes(StandardCharsets.UTF_8),
            code.getBytes(StandardCharsets.UTF_8))) {
      throw codeMismatch();
    }
    if (clock.instant().isAfter(pending.expiresAt())) {
      throw new CognitoException(
          "ExpiredCodeException", "Invalid code provided, please request a code again.");
    }
  }

  static CognitoException codeMismatch() {
    return new CognitoException(
        "CodeMismatchException", "Invalid verification code provided, please try again.");
  }

  /** Cognito's CodeDeliveryDetails for an email, the address masked as Cognito masks it. */
  static ObjectNode delivery(String email) {
    int at = email.indexOf('@');
    String masked =
        at <= 0
            ? "***"
            : email.charAt(0)
                + "***@"
                + email.substring(at + 1, Math.min(email.length(), at + 2))
                + "***";
    ObjectNode details = JSON.createObjectNode();
    details.put("Destination", masked);
    details.put("DeliveryMedium", "EMAIL");
    details.put("AttributeName", "email");
    return details;
  }
}
