package io.github.cognitoemailotp.layer;

import io.github.cognitoemailotp.layer.budget.CodeTally;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The end of a sign-in. Cognito's AuthSessionValidity bounds each step's session token, not the
 * whole sign-in: a client that asks for a new code every few minutes would keep one sign-in alive
 * for hours, and each expired code would be renewed by email. So a sign-in ends {@code
 * MAX_SIGN_IN_MINUTES} after its first code was sent, whatever its steps' sessions say; Define then
 * fails it and Create sends nothing for it.
 *
 * <p>The first code's time comes from its own challenge metadata, which Create wrote and Cognito
 * hands back (never to the client), so Define and Verify need no store for it.
 */
public final class SignInLifetime {

  private SignInLifetime() {}

  /**
   * When the first code of this sign-in was sent, or empty before the first custom challenge.
   *
   * @param customChallenges the session entries after the password step, already checked by {@link
   *     CodeTally#of}
   */
  public static Optional<Instant> firstCodeSentAt(List<SessionEntry> customChallenges) {
    if (customChallenges.isEmpty()) {
      return Optional.empty();
    }
    return CodeState.fromMetadata(customChallenges.getFirst().challengeMetadata())
        .map(CodeState::sentAt);
  }

  /**
   * Whether a sign-in whose first code was sent at {@code firstCodeSentAt} is over at {@code now}.
   */
  public static boolean endedAt(Instant firstCodeSentAt, Duration maxSignIn, Instant now) {
    return now.isAfter(firstCodeSentAt.plus(maxSignIn));
  }

  /** The reason Define and Create give for a sign-in that has ended. */
  static String endedReason(Instant firstCodeSentAt, Duration maxSignIn, Instant now) {
    return "the sign-in began "
        + Duration.between(firstCodeSentAt, now).toSeconds()
        + " s ago, longer than MAX_SIGN_IN_MINUTES ("
        + maxSignIn.toMinutes()
        + ") allows; start a new sign-in";
  }
}
