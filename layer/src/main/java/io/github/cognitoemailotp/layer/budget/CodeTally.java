package io.github.cognitoemailotp.layer.budget;

import io.github.cognitoemailotp.layer.ChallengeName;
import io.github.cognitoemailotp.layer.CodeState;
import io.github.cognitoemailotp.layer.IssueReason;
import io.github.cognitoemailotp.layer.SessionEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the custom-challenge part of a session says: how many answers were wrong, how many resends
 * were granted, and the code now in force.
 *
 * <p>An answer is a request for a new code, not a guess, when the challenge after it was issued for
 * a resend (its metadata says so) or, for the newest answer, when this call's ClientMetadata asks
 * for a resend. Verify never compares the code for a resend request, so such an answer cannot be a
 * disguised guess.
 *
 * @param wrongAnswers answers that were guesses and wrong
 * @param resendsGranted challenges that emailed a code because the client asked
 * @param lastAnswerCorrect whether the newest answer was right
 * @param codeInForce the newest challenge's code, empty before the first custom challenge
 */
public record CodeTally(
    int wrongAnswers,
    int resendsGranted,
    boolean lastAnswerCorrect,
    Optional<CodeState> codeInForce) {

  /** The tally of a sign-in that has not reached a custom challenge yet. */
  public static final CodeTally NONE = new CodeTally(0, 0, false, Optional.empty());

  /** A custom-challenge history that this project cannot have written. */
  public static final class InconsistentHistoryException extends Exception {
    InconsistentHistoryException(String message) {
      super(message);
    }
  }

  /**
   * Counts the custom challenges of a session.
   *
   * @param customChallenges the session entries after the password step
   * @param resendRequested whether this call asks for a new code
   * @throws InconsistentHistoryException when an entry is not a custom challenge of this project
   */
  public static CodeTally of(List<SessionEntry> customChallenges, boolean resendRequested)
      throws InconsistentHistoryException {
    List<CodeState> states = new ArrayList<>(customChallenges.size());
    for (int i = 0; i < customChallenges.size(); i++) {
      SessionEntry entry = customChallenges.get(i);
      if (entry.challengeName() != ChallengeName.CUSTOM_CHALLENGE) {
        throw new InconsistentHistoryException(
            entry.challengeName() + " appears after the password step");
      }
      Optional<CodeState> parsed = CodeState.fromMetadata(entry.challengeMetadata());
      if (parsed.isEmpty()) {
        throw new InconsistentHistoryException(
            "a custom challenge carries metadata this project did not write");
      }
      CodeState state = parsed.get();
      boolean first = i == 0;
      if (first != (state.reason() == IssueReason.FIRST)) {
        throw new InconsistentHistoryException(
            "custom challenge " + (i + 1) + " has reason " + state.reason());
      }
      states.add(state);
    }
    int last = customChallenges.size() - 1;
    int wrongAnswers = 0;
    int resendsGranted = 0;
    for (int i = 0; i <= last; i++) {
      boolean correct = customChallenges.get(i).challengeResult();
      if (correct && i < last) {
        throw new InconsistentHistoryException("a correct answer did not end the sign-in");
      }
      boolean askedForResend =
          i < last ? states.get(i + 1).reason().answersResendRequest() : resendRequested;
      if (!correct && !askedForResend) {
        wrongAnswers++;
      }
      if (states.get(i).reason() == IssueReason.RESEND) {
        resendsGranted++;
      }
    }
    boolean lastAnswerCorrect = last >= 0 && customChallenges.get(last).challengeResult();
    Optional<CodeState> codeInForce = last >= 0 ? Optional.of(states.get(last)) : Optional.empty();
    return new CodeTally(wrongAnswers, resendsGranted, lastAnswerCorrect, codeInForce);
  }
}
