package io.github.cognitoemailotp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.github.cognitoemailotp.client.device.DeviceKeyFile;
import io.github.cognitoemailotp.client.device.DeviceStore;
import io.github.cognitoemailotp.layer.device.DeviceKey;
import io.github.cognitoemailotp.layer.device.DeviceProof;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import org.mockito.Mockito;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;

/** The flow with trusted devices, against a scripted Cognito. */
class SignInFlowDevicesTest {

  static final String POOL = "us-east-1_ExAmPlE01";
  static final String USER = "jane@example.com";
  static final String NONCE = "n0nce-n0nce-n0nce-n0nce-n0nce-n0nce-n0nce-1";

  @TempDir Path directory;
  final CognitoIdentityProviderClient cognito = mock(CognitoIdentityProviderClient.class);
  final List<String> said = new ArrayList<>();

  SignInFlowDevicesTest() {
    when(cognito.initiateAuth(any(Consumer.class)))
        .thenReturn(
            InitiateAuthResponse.builder()
                .challengeName(ChallengeNameType.PASSWORD_VERIFIER)
                .challengeParameters(SignInFlowTest.PASSWORD_CHALLENGE)
                .session("s1")
                .build());
  }

  DeviceStore store() {
    return new DeviceStore(directory.resolve("devices"));
  }

  SignInFlow flow(boolean trust) {
    return new SignInFlow(cognito, POOL, "client-1", Optional.empty(), said::add)
        .withDevices(store(), trust, "test laptop");
  }

  List<RespondToAuthChallengeRequest> requests() {
    ArgumentCaptor<RespondToAuthChallengeRequest> captor =
        ArgumentCaptor.forClass(RespondToAuthChallengeRequest.class);
    Mockito.verify(cognito, Mockito.atLeastOnce()).respondToAuthChallenge(captor.capture());
    return captor.getAllValues();
  }

  static RespondToAuthChallengeResponse deviceChallenge(String deviceId) {
    return RespondToAuthChallengeResponse.builder()
        .challengeName(ChallengeNameType.CUSTOM_CHALLENGE)
        .challengeParameters(
            Map.of(
                "USERNAME",
                "a3c1f2d4",
                "challenge",
                "DEVICE_PROOF",
                "deviceId",
                deviceId,
                "deviceNonce",
                NONCE))
        .session("s2")
        .build();
  }

  @Test
  void trustDeviceRegistersAProvenKeyOnTheCodeAnswerAndKeepsItAfterTheTokens() throws Exception {
    when(cognito.respondToAuthChallenge(any(RespondToAuthChallengeRequest.class)))
        .thenReturn(
            SignInFlowTest.codeChallenge("s2", Map.of("deviceNonce", NONCE)),
            SignInFlowTest.tokens());
    flow(true).signIn(USER, "Passw0rd!", SignInFlowTest.codes("123456"));
    Map<String, String> metadata = requests().get(1).clientMetadata();
    assertThat(metadata).containsEntry("trustDevice.name", "test laptop");
    DeviceKey key = DeviceKey.parse(metadata.get("trustDevice.publicKey")).orElseThrow();
    assertThat(
            DeviceProof.verify(
                key, DeviceProof.Purpose.REGISTER, NONCE, metadata.get("trustDevice.signature")))
        .isTrue();
    Path file = store().fileOf(POOL, USER);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(store().load(POOL, USER).orElseThrow().deviceId()).isEqualTo(key.deviceId());
    assertThat(Files.readString(file)).doesNotContain("123456");
  }

  @Test
  void withoutANonceThePoolOffersNoTrustAndNothingIsKept() throws Exception {
    when(cognito.respondToAuthChallenge(any(RespondToAuthChallengeRequest.class)))
        .thenReturn(SignInFlowTest.codeChallenge("s2", Map.of()), SignInFlowTest.tokens());
    flow(true).signIn(USER, "Passw0rd!", SignInFlowTest.codes("123456"));
    assertThat(requests().get(1).clientMetadata()).isEmpty();
    assertThat(store().load(POOL, USER)).isEmpty();
    assertThat(said).anyMatch(line -> line.contains("does not offer trusted devices"));
  }

  @Test
  void aWrongCodeKeepsNothing() throws Exception {
    when(cognito.respondToAuthChallenge(any(RespondToAuthChallengeRequest.class)))
        .thenReturn(SignInFlowTest.codeChallenge("s2", Map.of("deviceNonce", NONCE)))
        .thenThrow(SignInFlowTest.notAuthorized("Incorrect username or password."));
    try {
      flow(true).signIn(USER, "Passw0rd!", SignInFlowTest.codes("000000"));
    } catch (SignInException expected) {
      // The sign-in failed.
    }
    assertThat(store().load(POOL, USER)).isEmpty();
  }

  @Test
  void aTrustedDeviceNamesItselfOnThePasswordAnswerAndSignsTheNonceWithoutACode() throws Exception {
    DeviceKeyFile key = DeviceKeyFile.generate("test laptop");
    store().save(POOL, USER, key);
    when(cognito.respondToAuthChallenge(any(RespondToAuthChallengeRequest.class)))
        .thenReturn(deviceChallenge(key.deviceId()), SignInFlowTest.tokens());
    assertThat(
            flow(false)
                .signIn(
                    USER,
                    "Passw0rd!",
                    challenge -> {
                      throw new AssertionError("no code is asked for");
                    })
                .idToken())
        .isEqualTo("id");
    List<RespondToAuthChallengeRequest> requests = requests();
    assertThat(requests.get(0).challengeNameAsString()).isEqualTo("PASSWORD_VERIFIER");
    assertThat(requests.get(0).clientMetadata()).containsEntry("deviceId", key.deviceId());
    String answer = requests.get(1).challengeResponses().get("ANSWER");
    assertThat(
            DeviceProof.verify(
                DeviceKey.parse(key.publicKeyBase64()).orElseThrow(),
                DeviceProof.Purpose.SIGN_IN,
                NONCE,
                answer))
        .isTrue();
  }

  @Test
  void aDeviceChallengeForAnotherDeviceAsksForTheEmailInstead() throws Exception {
    when(cognito.respondToAuthChallenge(any(RespondToAuthChallengeRequest.class)))
        .thenReturn(
            deviceChallenge("x".repeat(43)),
            SignInFlowTest.codeChallenge("s3", Map.of()),
            SignInFlowTest.tokens());
    flow(false).signIn(USER, "Passw0rd!", SignInFlowTest.codes("123456"));
    assertThat(requests().get(1).clientMetadata()).containsEntry("resend", "true");
  }

  @Test
  void aDeviceTheServerNoLongerTrustsIsForgotten() throws Exception {
    store().save(POOL, USER, DeviceKeyFile.generate("old"));
    when(cognito.respondToAuthChallenge(any(RespondToAuthChallengeRequest.class)))
        .thenReturn(
            SignInFlowTest.codeChallenge("s2", Map.of("deviceTrusted", "false")),
            SignInFlowTest.tokens());
    flow(false).signIn(USER, "Passw0rd!", SignInFlowTest.codes("123456"));
    assertThat(store().load(POOL, USER)).isEmpty();
    assertThat(said).anyMatch(line -> line.contains("no longer trusted"));
  }

  @Test
  void aKeyFileOthersMayReadIsNotUsed() throws Exception {
    DeviceKeyFile key = DeviceKeyFile.generate("test laptop");
    store().save(POOL, USER, key);
    Files.setPosixFilePermissions(
        store().fileOf(POOL, USER), PosixFilePermissions.fromString("rw-rw-rw-"));
    when(cognito.respondToAuthChallenge(any(RespondToAuthChallengeRequest.class)))
        .thenReturn(SignInFlowTest.codeChallenge("s2", Map.of()), SignInFlowTest.tokens());
    flow(false).signIn(USER, "Passw0rd!", SignInFlowTest.codes("123456"));
    assertThat(requests().get(0).clientMetadata()).doesNotContainKey("deviceId");
    assertThat(said).anyMatch(line -> line.contains("may be read by others"));
  }
}
