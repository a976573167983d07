package io.github.cognitoemailotp.layer.device;

import io.github.cognitoemailotp.layer.ChallengeName;
import io.github.cognitoemailotp.layer.SessionEntry;
import java.util.List;
import java.util.Optional;

/**
 * What the custom-challenge part of a session says about a trusted device: whether the sign-in's
 * first custom challenge was a device challenge ({@link DeviceChallenge#toMetadata()}), whether it
 * was answered correctly, and the code challenges after it, which {@code CodeTally} counts as if
 * the device challenge had not been there.
 *
 * @param device the device challenge, if the first custom challenge was one
 * @param proven whether it was answered correctly (then it ended the sign-in)
 * @param codeChallenges the custom challenges after it (all of them when there was none)
 */
public record DeviceSession(
    Optional<DeviceChallenge.Entry> device, boolean proven, List<SessionEntry> codeChallenges) {

  /** A device history this project cannot have written. */
  public static final class InconsistentException extends Exception {
    InconsistentException(String message) {
      super(message);
    }
  }

  public DeviceSession {
    codeChallenges = List.copyOf(codeChallenges);
  }

  /**
   * Reads the session entries after the password step.
   *
   * @throws InconsistentException when a device challenge is not the first custom challenge, its
   *     metadata does not parse, or a correct device proof did not end the sign-in
   */
  public static DeviceSession of(List<SessionEntry> customChallenges) throws InconsistentException {
    for (int i = 1; i < customChallenges.size(); i++) {
      if (DeviceChallenge.isDeviceMetadata(customChallenges.get(i).challengeMetadata())) {
        throw new InconsistentException("a device challenge after the first custom challenge");
      }
    }
    if (customChallenges.isEmpty()
        || !DeviceChallenge.isDeviceMetadata(customChallenges.getFirst().challengeMetadata())) {
      return new DeviceSession(Optional.empty(), false, customChallenges);
    }
    SessionEntry first = customChallenges.getFirst();
    Optional<DeviceChallenge.Entry> entry = DeviceChallenge.fromMetadata(first.challengeMetadata());
    if (first.challengeName() != ChallengeName.CUSTOM_CHALLENGE || entry.isEmpty()) {
      throw new InconsistentException(
          "a device challenge carries metadata this project did not write");
    }
    if (first.challengeResult() && customChallenges.size() > 1) {
      throw new InconsistentException("a correct device proof did not end the sign-in");
    }
    return new DeviceSession(
        entry, first.challengeResult(), customChallenges.subList(1, customChallenges.size()));
  }
}
