package io.github.cognitoemailotp.layer;

import java.time.Instant;
import java.util.Optional;

/**
 * The code in force for one custom challenge, as Create keeps it in {@code challengeMetadata}.
 *
 * <p>Cognito hands the metadata of every earlier challenge to the later Define and Create calls
 * (never to the client), so the session history plus this record are all the state there is: Create
 * reuses a code after a wrong answer without a second email, and Define counts wrong answers and
 * resends from the reasons. Metadata this class did not write fails to parse, and the sign-in then
 * fails closed.
 *
 * @param reason why this challenge was issued
 * @param code the digits the user must type
 * @param sentAt when the code was emailed
 * @param expiresAt when the code stops being accepted
 */
public record CodeState(IssueReason reason, String code, Instant sentAt, Instant expiresAt) {

  private static final String PREFIX = "EMAIL_OTP.v1";

  public CodeState {
    if (!isCode(code)) {
      throw new IllegalArgumentException(
          "a code is "
              + Setting.CODE_LENGTH.min()
              + " to "
              + Setting.CODE_LENGTH.max()
              + " digits ("
              + Setting.CODE_LENGTH.parameter()
              + ")");
    }
    if (expiresAt.isBefore(sentAt)) {
      throw new IllegalArgumentException("a code cannot expire before it is sent");
    }
  }

  /**
   * As many ASCII digits as {@link Setting#CODE_LENGTH} allows (a loop, not a regex: this runs on
   * every sign-in step).
   */
  private static boolean isCode(String code) {
    if (code.length() < Setting.CODE_LENGTH.min() || code.length() > Setting.CODE_LENGTH.max()) {
      return false;
    }
    for (int i = 0; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** The same code, issued again for another reason. */
  public CodeState reissuedFor(IssueReason newReason) {
    return new CodeState(newReason, code, sentAt, expiresAt);
  }

  public boolean expiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }

  /** The metadata string, {@code EMAIL_OTP.v1:<reason>:<sentAt>:<expiresAt>:<code>}. */
  public String toMetadata() {
    return String.join(
        ":",
        PREFIX,
        reason.name(),
        Long.toString(sentAt.getEpochSecond()),
        Long.toString(expiresAt.getEpochSecond()),
        code);
  }

  /** Reads metadata written by {@link #toMetadata()}; anything else is empty. */
  public static Optional<CodeState> fromMetadata(String metadata) {
    String[] parts = metadata.split(":", -1);
    if (parts.length != 5 || !parts[0].equals(PREFIX)) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new CodeState(
              IssueReason.named(parts[1]),
              parts[4],
              Instant.ofEpochSecond(Long.parseLong(parts[2])),
              Instant.ofEpochSecond(Long.parseLong(parts[3]))));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
