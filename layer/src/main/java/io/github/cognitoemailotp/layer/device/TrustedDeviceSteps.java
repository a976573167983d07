package io.github.cognitoemailotp.layer.device;

import io.github.cognitoemailotp.layer.TriggerEvent;
import io.github.cognitoemailotp.layer.metrics.Metric;
import io.github.cognitoemailotp.layer.metrics.MetricCounts;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The trusted-device steps of Create and Verify, so that each trigger only asks: Create, whether to
 * issue a device challenge instead of emailing a code ({@link #path}) and the registration nonce of
 * a code challenge ({@link #codeChallengeParameters}); Verify, what a device challenge's answer is
 * worth ({@link #verifyProof}) and what to do with a correct code answer that asks to trust the
 * device ({@link #registerAfterCorrectCode}) or to forget devices ({@link
 * #forgetAfterCorrectAnswer}). The device metrics are counted here, where each outcome is known.
 *
 * <p>With {@link TrustedDeviceSettings#OFF} nothing here touches a store: no device challenge is
 * issued, no nonce is handed out, no device registers.
 */
public final class TrustedDeviceSteps {

  /** Trusted devices off, with no store. */
  public static final TrustedDeviceSteps OFF =
      new TrustedDeviceSteps(TrustedDeviceSettings.OFF, NoDevices.INSTANCE);

  private final TrustedDeviceSettings settings;
  private final TrustedDevices store;

  public TrustedDeviceSteps(TrustedDeviceSettings settings, TrustedDevices store) {
    this.settings = settings;
    this.store = store;
  }

  public TrustedDeviceSettings settings() {
    return settings;
  }

  /**
   * Create: a device challenge or the email. Only the first custom challenge (the session holds
   * just SRP_A and PASSWORD_VERIFIER) may be a device challenge.
   */
  public DevicePath.Decision path(TriggerEvent event, Instant now) {
    return DevicePath.decide(
        settings,
        event.clientMetadata(),
        event.session().size() == 2,
        event.userAttributes().getOrDefault("sub", ""),
        store,
        now);
  }

  /**
   * Create: what a code challenge carries for a registration, public and private: a fresh nonce
   * (from a {@link SecureRandom} made here, in the invocation), or nothing when devices are off.
   */
  public Map<String, String> codeChallengeParameters() {
    return settings.enabled()
        ? Map.of(DeviceChallenge.NONCE, DeviceNonce.next(new SecureRandom()))
        : Map.of();
  }

  /**
   * Verify's verdict on a device challenge's answer.
   *
   * @param correct whether it is right: the stored key's signature in time, and the device still
   *     trusted when Verify re-checks it
   * @param countsAsWrongCode whether the lock counts it as a wrong code
   * @param reason for the log line (the device by id, never the key)
   */
  public record ProofVerdict(
      boolean correct, boolean countsAsWrongCode, String reason, boolean emailInstead) {
    ProofVerdict(boolean correct, boolean countsAsWrongCode, String reason) {
      this(correct, countsAsWrongCode, reason, false);
    }
  }

  /**
   * Verify: checks a device challenge's answer and re-checks the device in the store. A proof that
   * is not right counts {@link Metric#DEVICE_PROOFS_REFUSED}, unless the app asked for the email.
   */
  public ProofVerdict verifyProof(TriggerEvent event, Instant now, MetricCounts metrics) {
    ProofVerdict verdict = verifyProof(event, now);
    if (!verdict.correct() && !verdict.emailInstead()) {
      metrics.count(Metric.DEVICE_PROOFS_REFUSED);
    }
    return verdict;
  }

  private ProofVerdict verifyProof(TriggerEvent event, Instant now) {
    Map<String, String> parameters = event.privateChallengeParameters();
    String deviceId = parameters.getOrDefault(DeviceChallenge.DEVICE_ID, "");
    DeviceChallenge.Answer answer =
        DeviceChallenge.check(event.challengeAnswer(), parameters, event.resendRequested(), now);
    String device = "device " + (DeviceKey.isWellFormedId(deviceId) ? deviceId : "(malformed id)");
    if (answer != DeviceChallenge.Answer.CORRECT) {
      return new ProofVerdict(
          false,
          answer.countsAsWrongCode(),
          device
              + ": "
              + switch (answer) {
                case WRONG_SIGNATURE -> "the signature does not verify";
                case EXPIRED -> "the proof came after the challenge expired";
                case EMAIL_INSTEAD -> "the app asked for the emailed code instead";
                default -> "the challenge's private parameters are not a device challenge's";
              },
          answer == DeviceChallenge.Answer.EMAIL_INSTEAD);
    }
    String sub = event.userAttributes().getOrDefault("sub", "");
    try {
      if (!sub.isEmpty()
          && store.markUsed(sub, deviceId, parameters.get(DeviceChallenge.PUBLIC_KEY), now)) {
        return new ProofVerdict(true, false, device + ": signed its challenge");
      }
      return new ProofVerdict(
          false, false, device + ": signed, but is no longer trusted (revoked or expired)");
    } catch (RuntimeException e) {
      return new ProofVerdict(
          false,
          false,
          device + ": signed, but the device store did not answer: " + e.getMessage());
    }
  }

  /**
   * Verify, after a correct code: registers the device when the answer asks for it and proves the
   * key, and counts {@link Metric#DEVICE_REGISTRATIONS} when it is stored. Never throws: the code
   * was right whatever happens here.
   *
   * @return what happened, for the log line; empty when nothing was asked
   */
  public String registerAfterCorrectCode(TriggerEvent event, Instant now, MetricCounts metrics) {
    DeviceRegistration.Outcome outcome =
        DeviceRegistration.check(
            settings,
            event.clientMetadata(),
            event.privateChallengeParameters(),
            event.userAttributes().getOrDefault("sub", ""),
            now);
    return switch (outcome) {
      case DeviceRegistration.NotAsked notAsked -> "";
      case DeviceRegistration.Refused refused ->
          "device not registered: " + refused.refusal().description();
      case DeviceRegistration.Accepted accepted -> {
        try {
          List<String> evicted = store.register(accepted.device(), now);
          metrics.count(Metric.DEVICE_REGISTRATIONS);
          yield "device "
              + accepted.device().deviceId()
              + " registered"
              + (evicted.isEmpty() ? "" : ", " + evicted.size() + " oldest removed");
        } catch (RuntimeException e) {
          yield "device " + accepted.device().deviceId() + " not registered: " + e.getMessage();
        }
      }
    };
  }

  /**
   * Verify, after a correct answer (and the pass recorded): forgets the devices the answer's
   * ClientMetadata names ({@link DeviceForget}), counting {@link Metric#DEVICES_FORGOTTEN}. Never
   * throws: the answer was right whatever happens here; a store that cannot answer is said in the
   * log line and the device stays (an operator removes it, {@code example-client user}).
   *
   * @param provenDevice the device whose proof was the answer, empty for an emailed code
   * @return what happened, for the log line; empty when nothing was asked
   */
  public String forgetAfterCorrectAnswer(
      TriggerEvent event, Optional<String> provenDevice, MetricCounts metrics) {
    DeviceForget.Request request = DeviceForget.read(event.clientMetadata(), provenDevice);
    String sub = event.userAttributes().getOrDefault("sub", "");
    if (request instanceof DeviceForget.NotAsked) {
      return "";
    }
    if (!settings.enabled()) {
      return "nothing forgotten: trusted devices are off";
    }
    try {
      return switch (request) {
        case DeviceForget.Refused refused -> "nothing forgotten: " + refused.why();
        case DeviceForget.All all -> {
          int removed = store.removeAll(sub);
          for (int i = 0; i < removed; i++) {
            metrics.count(Metric.DEVICES_FORGOTTEN);
          }
          yield removed + " devices forgotten";
        }
        case DeviceForget.One one -> {
          if (store.remove(sub, one.deviceId())) {
            metrics.count(Metric.DEVICES_FORGOTTEN);
            yield "device " + one.deviceId() + " forgotten";
          }
          yield "device " + one.deviceId() + " was not one of the user's devices";
        }
        case DeviceForget.NotAsked notAsked -> "";
      };
    } catch (RuntimeException e) {
      return "devices not forgotten: the device store did not answer: " + e.getMessage();
    }
  }

  /**
   * Post Confirmation, on a password reset: removes all the user's devices (a reset presumes the
   * old secrets are known to someone else). With devices off, nothing to do.
   *
   * @return how many there were
   * @throws io.github.cognitoemailotp.layer.TriggerFailureException when the store cannot answer
   */
  public int forgetAll(String sub) {
    return settings.enabled() ? store.removeAll(sub) : 0;
  }

  /** The store of {@link #OFF}: holds nothing, takes nothing. */
  private enum NoDevices implements TrustedDevices {
    INSTANCE;

    @Override
    public Optional<TrustedDevice> find(String sub, String deviceId, Instant now) {
      return Optional.empty();
    }

    @Override
    public List<String> register(TrustedDevice device, Instant now) {
      throw new IllegalStateException("trusted devices are off");
    }

    @Override
    public boolean markUsed(String sub, String deviceId, String publicKey, Instant now) {
      return false;
    }

    @Override
    public List<TrustedDevice> list(String sub) {
      return List.of();
    }

    @Override
    public boolean remove(String sub, String deviceId) {
      return false;
    }

    @Override
    public int removeAll(String sub) {
      return 0;
    }
  }
}
