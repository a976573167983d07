package io.github.cognitoemailotp.layer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cognitoemailotp.layer.budget.CodeEmailLimits;
import io.github.cognitoemailotp.layer.device.DeviceProof.Purpose;
import io.github.cognitoemailotp.layer.device.MemoryTrustedDevices;
import io.github.cognitoemailotp.layer.device.TestDevice;
import io.github.cognitoemailotp.layer.device.TrustedDevice;
import io.github.cognitoemailotp.layer.device.TrustedDeviceSettings;
import io.github.cognitoemailotp.layer.device.TrustedDeviceSteps;
import io.github.cognitoemailotp.layer.internal.Json;
import io.github.cognitoemailotp.layer.lock.LockNotice;
import io.github.cognitoemailotp.layer.lock.LockSettings;
import io.github.cognitoemailotp.layer.lock.UserLock;
import io.github.cognitoemailotp.layer.metrics.MetricsSettings;
import io.github.cognitoemailotp.testkit.CapturingLogger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Create, Verify and Define with trusted devices, through their handlers' bytes: a device registers
 * only by proving its key on a correct code; a trusted device then signs instead of receiving an
 * email, no budget spent, and its proof records the same pass; a tampered, revoked, expired,
 * foreign or declined proof falls back to the email and never records a pass.
 */
class TrustedDeviceTriggersTest {

  static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  static final String SUB = "a3c1f2d4-5b6e-4f70-8a9b-0c1d2e3f4a5b";
  static final String CLIENT = "5example1client2id3abcdefg";
  static final TrustedDeviceSettings THIRTY_DAYS = new TrustedDeviceSettings(30);

  final CapturingLogger logger = new CapturingLogger();
  final List<CodeEmail> emails = new ArrayList<>();
  final MemoryBudget budget = new MemoryBudget(new CodeEmailLimits(100, 1000));
  final MemoryPasses passes = new MemoryPasses();
  final MemoryTrustedDevices store = new MemoryTrustedDevices();
  final MemoryUserLock lock = new MemoryUserLock(3);
  final List<LockNotice> notices = new ArrayList<>();
  final TestDevice device = TestDevice.create();

  CreateAuthChallenge create(TrustedDeviceSettings settings, Instant now) {
    return new CreateAuthChallenge(
        lock,
        new CreateSettings(
            new FlowSettings(3, 2, false),
            "no-reply@example.com",
            6,
            Duration.ofMinutes(5),
            Duration.ofSeconds(30),
            ""),
        emails::add,
        budget,
        length -> "135790",
        Clock.fixed(now, ZoneOffset.UTC),
        MetricsSettings.DEFAULT,
        new TrustedDeviceSteps(settings, store));
  }

  VerifyAuthChallenge verify(TrustedDeviceSettings settings, Instant now) {
    return new VerifyAuthChallenge(
        Clock.fixed(now, ZoneOffset.UTC),
        MetricsSettings.DEFAULT,
        passes,
        lock,
        new LockSettings(3, 6, true),
        notices::add,
        new TrustedDeviceSteps(settings, store));
  }

  static Map<String, Object> entry(String name, boolean result, String metadata) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("challengeName", name);
    entry.put("challengeResult", result);
    entry.put("challengeMetadata", metadata);
    return entry;
  }

  static List<Object> afterPassword() {
    List<Object> session = new ArrayList<>();
    session.add(entry("SRP_A", true, ""));
    session.add(entry("PASSWORD_VERIFIER", true, ""));
    return session;
  }

  static byte[] event(
      Trigger trigger,
      String sub,
      List<Object> session,
      Map<String, String> clientMetadata,
      Map<String, String> privateParameters,
      String answer) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("sub", sub);
    attributes.put("email", "jane.doe@example.com");
    attributes.put("email_verified", "true");
    attributes.put("cognito:user_status", "CONFIRMED");
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("userAttributes", attributes);
    request.put("clientMetadata", clientMetadata);
    if (trigger == Trigger.VERIFY_AUTH_CHALLENGE) {
      request.put("privateChallengeParameters", privateParameters);
      request.put("challengeAnswer", answer);
    } else {
      request.put("session", session);
    }
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("version", "1");
    event.put("region", "us-east-1");
    event.put("userPoolId", "us-east-1_ExAmPlE01");
    event.put("userName", sub);
    event.put(
        "callerContext", Map.of("awsSdkVersion", "aws-sdk-unknown-unknown", "clientId", CLIENT));
    event.put("triggerSource", trigger.triggerSource());
    event.put("request", request);
    event.put("response", Map.of());
    return Json.write(event);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> response(byte[] json) {
    try {
      return (Map<String, Object>) ((Map<String, Object>) Json.parse(json)).get("response");
    } catch (Json.SyntaxException e) {
      throw new AssertionError(e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, String> parameters(Map<String, Object> response, String which) {
    return (Map<String, String>) response.get(which);
  }

  /** A code challenge and a correct answer that asks to trust {@code device}. */
  boolean registerWithCode(TrustedDeviceSettings settings, TestDevice signer, String sub) {
    Map<String, Object> challenge =
        response(
            create(settings, NOW)
                .handle(
                    event(Trigger.CREATE_AUTH_CHALLENGE, sub, afterPassword(), Map.of(), null, ""),
                    logger));
    Map<String, String> privateParameters = parameters(challenge, "privateChallengeParameters");
    String nonce =
        parameters(challenge, "publicChallengeParameters").getOrDefault("deviceNonce", "");
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("trustDevice.publicKey", signer.spki());
    metadata.put("trustDevice.name", "Work laptop");
    metadata.put(
        "trustDevice.signature", signer.sign(Purpose.REGISTER, nonce.isEmpty() ? "none" : nonce));
    Map<String, Object> verdict =
        response(
            verify(settings, NOW.plusSeconds(20))
                .handle(
                    event(
                        Trigger.VERIFY_AUTH_CHALLENGE,
                        sub,
                        null,
                        metadata,
                        privateParameters,
                        "135790"),
                    logger));
    return (Boolean) verdict.get("answerCorrect");
  }

  Map<String, Object> createWithDevice(Instant now, String sub, String deviceId) {
    return response(
        create(THIRTY_DAYS, now)
            .handle(
                event(
                    Trigger.CREATE_AUTH_CHALLENGE,
                    sub,
                    afterPassword(),
                    Map.of("deviceId", deviceId),
                    null,
                    ""),
                logger));
  }

  boolean answerDevice(
      Map<String, Object> challenge, String answer, Map<String, String> metadata, Instant now) {
    return (Boolean)
        response(
                verify(THIRTY_DAYS, now)
                    .handle(
                        event(
                            Trigger.VERIFY_AUTH_CHALLENGE,
                            SUB,
                            null,
                            metadata,
                            parameters(challenge, "privateChallengeParameters"),
                            answer),
                        logger))
            .get("answerCorrect");
  }

  @Test
  void aDeviceRegistersByProvingItsKeyOnACorrectCode() {
    assertThat(registerWithCode(THIRTY_DAYS, device, SUB)).isTrue();
    assertThat(store.list(SUB))
        .singleElement()
        .satisfies(
            stored -> {
              assertThat(stored.deviceId()).isEqualTo(device.id());
              assertThat(stored.publicKey()).isEqualTo(device.spki());
              assertThat(stored.expiresAt())
                  .isEqualTo(NOW.plusSeconds(20).plus(Duration.ofDays(30)));
            });
    assertThat(passes.recorded()).containsExactly(SUB + "/" + CLIENT);
    assertThat(logger.text())
        .contains("device " + device.id() + " registered")
        .doesNotContain(device.spki());
  }

  @Test
  void withTrustedDevicesOffNothingRegistersAndNoNonceIsHandedOut() {
    assertThat(registerWithCode(TrustedDeviceSettings.OFF, device, SUB))
        .as("the code was right")
        .isTrue();
    assertThat(store.list(SUB)).isEmpty();
    assertThat(logger.text()).doesNotContain("deviceNonce");
  }

  @Test
  void aRegistrationThatDoesNotProveTheKeyRegistersNothingButTheCodeStillCounts() {
    TestDevice victim = TestDevice.create();
    Map<String, Object> challenge =
        response(
            create(THIRTY_DAYS, NOW)
                .handle(
                    event(Trigger.CREATE_AUTH_CHALLENGE, SUB, afterPassword(), Map.of(), null, ""),
                    logger));
    String nonce = parameters(challenge, "publicChallengeParameters").get("deviceNonce");
    Map<String, String> metadata =
        Map.of(
            "trustDevice.publicKey", victim.spki(),
            "trustDevice.name", "not mine",
            "trustDevice.signature", device.sign(Purpose.REGISTER, nonce));
    assertThat(answerDevice(challenge, "135790", metadata, NOW)).isTrue();
    assertThat(store.list(SUB)).isEmpty();
    assertThat(logger.text())
        .contains("device not registered: the signature does not prove the key");
  }

  @Test
  void aTrustedDeviceSignsInsteadOfAnEmailAndItsProofRecordsThePass() {
    registerWithCode(THIRTY_DAYS, device, SUB);
    emails.clear();
    var spent = budget.counts(SUB);
    passes.consume(SUB, CLIENT, NOW.plusSeconds(20));
    Instant later = NOW.plus(Duration.ofDays(3));
    Map<String, Object> challenge = createWithDevice(later, SUB, device.id());
    Map<String, String> publicParameters = parameters(challenge, "publicChallengeParameters");
    assertThat(publicParameters)
        .containsEntry("challenge", "DEVICE_PROOF")
        .containsEntry("deviceId", device.id())
        .doesNotContainKeys("codeLength", "maskedEmail");
    assertThat(emails).as("no email").isEmpty();
    assertThat(budget.counts(SUB)).as("no budget spent").isEqualTo(spent);
    String answer = device.sign(Purpose.SIGN_IN, publicParameters.get("deviceNonce"));
    assertThat(answerDevice(challenge, answer, Map.of(), later.plusSeconds(2))).isTrue();
    assertThat(passes.consume(SUB, CLIENT, later.plusSeconds(3))).isTrue();
    assertThat(store.list(SUB).getFirst().lastUsedAt()).isEqualTo(later.plusSeconds(2));

    List<Object> session = afterPassword();
    session.add(entry("CUSTOM_CHALLENGE", true, (String) challenge.get("challengeMetadata")));
    TriggerEvent define =
        parse(event(Trigger.DEFINE_AUTH_CHALLENGE, SUB, session, Map.of(), null, ""));
    assertThat(AuthFlow.decide(define, new FlowSettings(3, 2, false), later).next())
        .isEqualTo(NextStep.ISSUE_TOKENS);
  }

  static TriggerEvent parse(byte[] event) {
    try {
      return TriggerEvent.parse(event, Trigger.DEFINE_AUTH_CHALLENGE);
    } catch (MalformedEventException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aTamperedSignatureIsAWrongAnswerAndTheNextChallengeEmailsTheCode() {
    registerWithCode(THIRTY_DAYS, device, SUB);
    passes.consume(SUB, CLIENT, NOW.plusSeconds(20));
    emails.clear();
    Map<String, Object> challenge = createWithDevice(NOW.plusSeconds(60), SUB, device.id());
    char[] answer =
        device
            .sign(
                Purpose.SIGN_IN,
                parameters(challenge, "publicChallengeParameters").get("deviceNonce"))
            .toCharArray();
    answer[5] = answer[5] == 'A' ? 'B' : 'A';
    assertThat(answerDevice(challenge, new String(answer), Map.of(), NOW.plusSeconds(61)))
        .isFalse();
    assertThat(passes.consume(SUB, CLIENT, NOW.plusSeconds(62))).isFalse();
    assertThat(logger.text())
        .contains(
            "ANSWER_WRONG", "the signature does not verify", "WrongCodes", "wrong code 1 of 3");

    List<Object> session = afterPassword();
    session.add(entry("CUSTOM_CHALLENGE", false, (String) challenge.get("challengeMetadata")));
    Map<String, Object> next =
        response(
            create(THIRTY_DAYS, NOW.plusSeconds(62))
                .handle(
                    event(Trigger.CREATE_AUTH_CHALLENGE, SUB, session, Map.of(), null, ""),
                    logger));
    assertThat((String) next.get("challengeMetadata")).startsWith("EMAIL_OTP.v1:FIRST:");
    assertThat(emails).hasSize(1);
  }

  @Test
  void aDeviceRevokedBetweenChallengeAndProofIsRefused() {
    registerWithCode(THIRTY_DAYS, device, SUB);
    passes.consume(SUB, CLIENT, NOW.plusSeconds(20));
    Map<String, Object> challenge = createWithDevice(NOW.plusSeconds(60), SUB, device.id());
    store.removeAll(SUB);
    String answer =
        device.sign(
            Purpose.SIGN_IN, parameters(challenge, "publicChallengeParameters").get("deviceNonce"));
    assertThat(answerDevice(challenge, answer, Map.of(), NOW.plusSeconds(61))).isFalse();
    assertThat(passes.consume(SUB, CLIENT, NOW.plusSeconds(62))).isFalse();
    assertThat(logger.text()).contains("no longer trusted");
  }

  @Test
  void anExpiredDeviceGetsTheEmailedCodeAndIsToldItIsNotTrusted() {
    registerWithCode(THIRTY_DAYS, device, SUB);
    emails.clear();
    Map<String, Object> challenge =
        createWithDevice(NOW.plus(Duration.ofDays(30)).plusSeconds(21), SUB, device.id());
    assertThat(parameters(challenge, "publicChallengeParameters"))
        .containsEntry("deviceTrusted", "false")
        .containsKey("codeLength");
    assertThat(emails).hasSize(1);
  }

  @Test
  void anotherUsersDeviceIdGetsTheEmailedCode() {
    registerWithCode(THIRTY_DAYS, device, "another-user-sub");
    emails.clear();
    Map<String, Object> challenge = createWithDevice(NOW.plusSeconds(60), SUB, device.id());
    assertThat(parameters(challenge, "publicChallengeParameters"))
        .containsEntry("deviceTrusted", "false");
    assertThat(emails).hasSize(1);
  }

  @Test
  void aStoreThatCannotAnswerFallsBackToTheEmail() {
    registerWithCode(THIRTY_DAYS, device, SUB);
    emails.clear();
    store.down = true;
    Map<String, Object> challenge = createWithDevice(NOW.plusSeconds(60), SUB, device.id());
    assertThat(parameters(challenge, "publicChallengeParameters"))
        .doesNotContainKey("deviceTrusted");
    assertThat(emails).hasSize(1);
    assertThat(logger.text()).contains("the device store did not answer");
  }

  @Test
  void askingForTheEmailOnADeviceChallengeIsNeitherComparedNorCounted() {
    registerWithCode(THIRTY_DAYS, device, SUB);
    passes.consume(SUB, CLIENT, NOW.plusSeconds(20));
    Map<String, Object> challenge = createWithDevice(NOW.plusSeconds(60), SUB, device.id());
    String answer =
        device.sign(
            Purpose.SIGN_IN, parameters(challenge, "publicChallengeParameters").get("deviceNonce"));
    assertThat(answerDevice(challenge, answer, Map.of("resend", "true"), NOW.plusSeconds(61)))
        .isFalse();
    assertThat(passes.consume(SUB, CLIENT, NOW.plusSeconds(62))).isFalse();
    assertThat(logger.text())
        .contains("asked for the emailed code instead")
        .doesNotContain("WrongCodes");
  }

  @Test
  void theDeviceChallengeIsOnlyEverTheFirst() {
    registerWithCode(THIRTY_DAYS, device, SUB);
    emails.clear();
    List<Object> session = afterPassword();
    session.add(entry("CUSTOM_CHALLENGE", false, History.metadata(IssueReason.FIRST, "135790")));
    Map<String, Object> next =
        response(
            create(THIRTY_DAYS, Instant.ofEpochSecond(1_795_752_060L))
                .handle(
                    event(
                        Trigger.CREATE_AUTH_CHALLENGE,
                        SUB,
                        session,
                        Map.of("deviceId", device.id()),
                        null,
                        ""),
                    logger));
    assertThat((String) next.get("challengeMetadata")).startsWith("EMAIL_OTP.v1:RETRY:");
  }

  @Test
  void aForgedDeviceChallengeWithoutTheStoredDeviceNeverPasses() {
    TrustedDevice forged =
        new TrustedDevice(
            SUB, device.id(), device.spki(), "forged", NOW, NOW, NOW.plusSeconds(3600));
    Map<String, String> privateParameters =
        io.github.cognitoemailotp.layer.device.DeviceChallenge.issue(
                forged, NOW, new java.security.SecureRandom())
            .privateParameters();
    String answer = device.sign(Purpose.SIGN_IN, privateParameters.get("deviceNonce"));
    Map<String, Object> challenge = Map.of("privateChallengeParameters", privateParameters);
    assertThat(answerDevice(challenge, answer, Map.of(), NOW)).as("not in the store").isFalse();
    assertThat(passes.recorded()).isEmpty();
  }

  @Test
  void wrongSignaturesCountTowardTheLockAndALockedUsersDeviceGetsNothing() {
    registerWithCode(THIRTY_DAYS, device, SUB);
    passes.consume(SUB, CLIENT, NOW.plusSeconds(20));
    for (int i = 0; i < 3; i++) {
      Map<String, Object> challenge = createWithDevice(NOW.plusSeconds(60 + i), SUB, device.id());
      String tampered = TestDevice.create().sign(Purpose.SIGN_IN, device.id(), "not the nonce");
      try {
        assertThat(answerDevice(challenge, tampered, Map.of(), NOW.plusSeconds(61 + i))).isFalse();
        assertThat(i).as("the first two are counted").isLessThan(2);
      } catch (TriggerFailureException e) {
        assertThat(i).as("the third wrong signature locks").isEqualTo(2);
        assertThat(e).hasMessage(UserLock.LOCKED_MESSAGE);
      }
    }
    assertThat(lock.lockedSince(SUB)).isPresent();
    assertThat(notices).hasSize(1);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> createWithDevice(NOW.plusSeconds(100), SUB, device.id()))
        .isInstanceOf(TriggerFailureException.class)
        .hasMessage(UserLock.LOCKED_MESSAGE);
    assertThat(passes.consume(SUB, CLIENT, NOW.plusSeconds(101))).isFalse();
  }

  @Test
  void aCorrectDeviceProofClearsTheWrongCodeCount() {
    registerWithCode(THIRTY_DAYS, device, SUB);
    passes.consume(SUB, CLIENT, NOW.plusSeconds(20));
    lock.countWrong(SUB, NOW.plusSeconds(30));
    lock.countWrong(SUB, NOW.plusSeconds(31));
    Map<String, Object> challenge = createWithDevice(NOW.plusSeconds(60), SUB, device.id());
    String answer =
        device.sign(
            Purpose.SIGN_IN, parameters(challenge, "publicChallengeParameters").get("deviceNonce"));
    assertThat(answerDevice(challenge, answer, Map.of(), NOW.plusSeconds(61))).isTrue();
    assertThat(lock.countWrong(SUB, NOW.plusSeconds(62)).wrongCodes()).isEqualTo(1);
  }

  /** A code challenge (no device named) answered with {@code code} and {@code metadata}. */
  boolean answerCode(String code, Map<String, String> metadata, Instant now) {
    Map<String, Object> challenge =
        response(
            create(THIRTY_DAYS, now)
                .handle(
                    event(Trigger.CREATE_AUTH_CHALLENGE, SUB, afterPassword(), Map.of(), null, ""),
                    logger));
    return answerDevice(challenge, code, metadata, now.plusSeconds(5));
  }

  @Test
  void aCorrectCodeMayForgetOneDeviceOrAllAndAWrongOneForgetsNothing() {
    TestDevice other = TestDevice.create();
    TestDevice third = TestDevice.create();
    registerWithCode(THIRTY_DAYS, device, SUB);
    registerWithCode(THIRTY_DAYS, other, SUB);
    registerWithCode(THIRTY_DAYS, third, SUB);
    assertThat(store.list(SUB)).hasSize(3);

    assertThat(answerCode("000000", Map.of("forgetDevice", "all"), NOW.plusSeconds(100))).isFalse();
    assertThat(store.list(SUB)).as("a wrong code forgets nothing").hasSize(3);

    assertThat(answerCode("135790", Map.of("forgetDevice", other.id()), NOW.plusSeconds(200)))
        .isTrue();
    assertThat(store.list(SUB))
        .extracting(TrustedDevice::deviceId)
        .containsExactlyInAnyOrder(device.id(), third.id());
    assertThat(logger.text())
        .contains("device " + other.id() + " forgotten", "\"DevicesForgotten\"")
        .doesNotContain(other.spki());

    assertThat(answerCode("135790", Map.of("forgetDevice", "not a device"), NOW.plusSeconds(300)))
        .as("the code still counts")
        .isTrue();
    assertThat(store.list(SUB)).hasSize(2);
    assertThat(logger.text()).contains("nothing forgotten: forgetDevice is neither");

    assertThat(answerCode("135790", Map.of("forgetDevice", "all"), NOW.plusSeconds(400))).isTrue();
    assertThat(store.list(SUB)).isEmpty();
    assertThat(logger.text()).contains("2 devices forgotten");
  }

  @Test
  void aDeviceProofMayForgetOnlyItsOwnDevice() {
    TestDevice other = TestDevice.create();
    registerWithCode(THIRTY_DAYS, device, SUB);
    registerWithCode(THIRTY_DAYS, other, SUB);
    Instant later = NOW.plusSeconds(60);
    for (String forget : List.of(other.id(), "all")) {
      Map<String, Object> challenge = createWithDevice(later, SUB, device.id());
      String answer =
          device.sign(
              Purpose.SIGN_IN,
              parameters(challenge, "publicChallengeParameters").get("deviceNonce"));
      assertThat(
              answerDevice(challenge, answer, Map.of("forgetDevice", forget), later.plusSeconds(1)))
          .as("the proof still counts")
          .isTrue();
      assertThat(store.list(SUB)).hasSize(2);
      later = later.plusSeconds(60);
    }
    assertThat(logger.text())
        .contains(
            "a device proof may forget only the device that proved itself",
            "forgetting all devices needs the emailed code");
    Map<String, Object> challenge = createWithDevice(later, SUB, device.id());
    String answer =
        device.sign(
            Purpose.SIGN_IN, parameters(challenge, "publicChallengeParameters").get("deviceNonce"));
    assertThat(answerDevice(challenge, answer, Map.of("forgetDevice", device.id()), later))
        .isTrue();
    assertThat(store.list(SUB)).extracting(TrustedDevice::deviceId).containsExactly(other.id());
  }

  @Test
  void withDevicesOffForgetDeviceIsIgnored() {
    registerWithCode(THIRTY_DAYS, device, SUB);
    Map<String, Object> challenge =
        response(
            create(TrustedDeviceSettings.OFF, NOW)
                .handle(
                    event(Trigger.CREATE_AUTH_CHALLENGE, SUB, afterPassword(), Map.of(), null, ""),
                    logger));
    Map<String, Object> verdict =
        response(
            verify(TrustedDeviceSettings.OFF, NOW.plusSeconds(5))
                .handle(
                    event(
                        Trigger.VERIFY_AUTH_CHALLENGE,
                        SUB,
                        null,
                        Map.of("forgetDevice", "all"),
                        parameters(challenge, "privateChallengeParameters"),
                        "135790"),
                    logger));
    assertThat(verdict.get("answerCorrect")).isEqualTo(true);
    assertThat(store.list(SUB)).hasSize(1);
    assertThat(logger.text()).contains("nothing forgotten: trusted devices are off");
  }

  @Test
  void theDeviceMetricsCountRegistrationsSignInsAndRefusedProofsButNotAnEmailRequest() {
    registerWithCode(THIRTY_DAYS, device, SUB);
    assertThat(logger.text()).contains("\"DeviceRegistrations\"");
    assertThat(logger.text()).doesNotContain("DeviceSignIns", "DeviceProofsRefused");

    Map<String, Object> challenge = createWithDevice(NOW.plusSeconds(60), SUB, device.id());
    String nonce = parameters(challenge, "publicChallengeParameters").get("deviceNonce");
    assertThat(
            answerDevice(
                challenge,
                device.sign(Purpose.SIGN_IN, nonce),
                Map.of("resend", "true"),
                NOW.plusSeconds(61)))
        .isFalse();
    assertThat(logger.text()).as("an email request").doesNotContain("DeviceProofsRefused");

    challenge = createWithDevice(NOW.plusSeconds(120), SUB, device.id());
    nonce = parameters(challenge, "publicChallengeParameters").get("deviceNonce");
    assertThat(
            answerDevice(
                challenge,
                TestDevice.create().sign(Purpose.SIGN_IN, nonce),
                Map.of(),
                NOW.plusSeconds(121)))
        .isFalse();
    assertThat(logger.text()).contains("\"DeviceProofsRefused\"").doesNotContain("DeviceSignIns");

    challenge = createWithDevice(NOW.plusSeconds(180), SUB, device.id());
    nonce = parameters(challenge, "publicChallengeParameters").get("deviceNonce");
    assertThat(
            answerDevice(
                challenge, device.sign(Purpose.SIGN_IN, nonce), Map.of(), NOW.plusSeconds(181)))
        .isTrue();
    assertThat(logger.text()).contains("\"DeviceSignIns\"");
  }
}
