package io.github.cognitoemailotp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.Mockito;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserLambdaValidationException;

/** The flow against a scripted Cognito: the requests it sends and how it reads each answer. */
class SignInFlowTest {

  static final Map<String, String> PASSWORD_CHALLENGE =
      Map.of(
          "SALT", "15133216173e021b64e8bdc55ce1d705",
          "SRP_B", "e885857bc3dc8a3b22e7ea64d141ad98",
          "SECRET_BLOCK",
              "8UZ9PZLDKAP8GTSDzb+2kP0EDYLwd5yWODwvEWFuBfmw3MtVXGRdRJN/D8t4zJm03lqcVBA0Rze2TIvSF3QtvQ==",
          "USER_ID_FOR_SRP", "a3c1f2d4",
          "USERNAME", "a3c1f2d4");

  final CognitoIdentityProviderClient cognito = mock(CognitoIdentityProviderClient.class);
  final List<String> said = new ArrayList<>();
  final Consumer<String> say = said::add;

  SignInFlowTest() {
    when(cognito.initiateAuth(any(Consumer.class)))
        .thenReturn(
            InitiateAuthResponse.builder()
                .challengeName(ChallengeNameType.PASSWORD_VERIFIER)
                .challengeParameters(PASSWORD_CHALLENGE)
                .session("s1")
                .build());
  }

  static RespondToAuthChallengeResponse codeChallenge(String session, Map<String, String> extra) {
    Map<String, String> parameters =
        new java.util.HashMap<>(
            Map.of(
                "USERNAME", "a3c1f2d4",
                "maskedEmail", "j***@e***.com",
                "codeLength", "6",
                "attemptsLeft", "3",
                "resendsLeft", "2",
                "codeSent", "true"));
    parameters.putAll(extra);
    return RespondToAuthChallengeResponse.builder()
        .challengeName(ChallengeNameType.CUSTOM_CHALLENGE)
        .challengeParameters(parameters)
        .session(session)
        .build();
  }

  static RespondToAuthChallengeResponse tokens() {
    return RespondToAuthChallengeResponse.builder()
        .authenticationResult(
            AuthenticationResultType.builder().idToken("id").accessToken("access").build())
        .build();
  }

  static NotAuthorizedException notAuthorized(String message) {
    return (NotAuthorizedException)
        NotAuthorizedException.builder()
            .awsErrorDetails(
                AwsErrorDetails.builder()
                    .errorCode("NotAuthorizedException")
                    .errorMessage(message)
                    .build())
            .build();
  }

  SignInFlow flow() {
    return new SignInFlow(cognito, "us-east-1_ExAmPlE01", "client-1", Optional.empty(), say);
  }

  static CodePrompt codes(String... codes) {
    Deque<String> queue = new ArrayDeque<>(List.of(codes));
    return challenge -> queue.pollFirst();
  }

  List<RespondToAuthChallengeRequest> respondRequests() {
    ArgumentCaptor<RespondToAuthChallengeRequest> requests =
        ArgumentCaptor.forClass(RespondToAuthChallengeRequest.class);
    Mockito.verify(cognito, Mockito.atLeastOnce()).respondToAuthChallenge(requests.capture());
    return requests.getAllValues();
  }

  @Test
  @SuppressWarnings("unchecked")
  void startsTheCustomFlowWithSrpA() throws Exception {
    when(cognito.respondToAuthChallenge(any(RespondToAuthChallengeRequest.class)))
        .thenReturn(codeChallenge("s2", Map.of()), tokens());
    flow().signIn("jane@example.com", "Passw0rd!", codes("123456"));
    ArgumentCaptor<Consumer<InitiateAuthRequest.Builder>> captor =
        ArgumentCaptor.forClass(Consumer.class);
    Mockito.verify(cognito).initiateAuth(captor.capture());
    InitiateAuthRequest.Builder builder = InitiateAuthRequest.builder();
    captor.getValue().accept(builder);
    InitiateAuthRequest request = builder.build();
    assertThat(request.authFlowAsString()).isEqualTo("CUSTOM_AUTH");
    assertThat(request.authParameters())
        .containsEntry("USERNAME", "jane@example.com")
        .containsEntry("CHALLENGE_NAME", "SRP_A")
        .containsKey("SRP_A");
  }

  @Test
  void answersThePasswordThenTheCode() throws Exception {
    when(cognito.respondToAuthChallenge(any(RespondToAuthChallengeRequest.class)))
        .thenReturn(codeChallenge("s2", Map.of()), tokens());
    AuthenticationResultType result =
        flow().signIn("jane@example.com", "Passw0rd!", codes(" 123456 "));
    assertThat(result.idToken()).isEqualTo("id");
    List<RespondToAuthChallengeRequest> requests = respondRequests();
    assertThat(requests.get(0).challengeNameAsString()).isEqualTo("PASSWORD_VERIFIER");
    assertThat(requests.get(0).session()).isEqualTo("s1");
    assertThat(requests.get(0).challengeResponses())
        .containsEntry("USERNAME", "a3c1f2d4")
        .containsKeys("PASSWORD_CLAIM_SIGNATURE", "PASSWORD_CLAIM_SECRET_BLOCK", "TIMESTAMP");
    assertThat(requests.get(1).challengeNameAsString()).isEqualTo("CUSTOM_CHALLENGE");
    assertThat(requests.get(1).session()).isEqualTo("s2");
    assertThat(requests.get(1).challengeResponses())
        .containsEntry("ANSWER", "123456")
        .containsEntry("USERNAME", "a3c1f2d4");
    assertThat(said).anyMatch(line -> line.contains("emailed to j***@e***.com"));
  }

  @Test
  void wrongCodeAsksAgainWithTheNewSession() throws Exception {
    when(cognito.respondToAuthChallenge(any(RespondToAuthChallengeRequest.class)))
        .thenReturn(
            codeChallenge("s2", Map.of()),
            codeChallenge("s3", Map.of("attemptsLeft", "2", "codeSent", "false")),
            tokens());
    flow().signIn("jane@example.com", "Passw0rd!", codes("000000", "123456"));
    List<RespondToAuthChallengeRequest> requests = respondRequests();
    assertThat(requests).hasSize(3);
    assertThat(requests.get(2).session()).isEqualTo("s3");
    assertThat(said)
        .contains("That code was not right.")
        .anyMatch(line -> line.startsWith("Attempts left: 2"));
  }

  @Test
  void resendAsksWithClientMetadataAndShowsTheAnswer() throws Exception {
    when(cognito.respondToAuthChallenge(any(RespondToAuthChallengeRequest.class)))
        .thenReturn(
            codeChallenge("s2", Map.of()),
            codeChallenge(
                "s3",
                Map.of("resend", "SENT", "resendMessage", "A new code was sent to j***@e***.com.")),
            tokens());
    flow().signIn("jane@example.com", "Passw0rd!", codes("resend", "654321"));
    RespondToAuthChallengeRequest resend = respondRequests().get(1);
    assertThat(resend.clientMetadata()).containsEntry("resend", "true");
    assertThat(said)
        .contains("A new code was sent to j***@e***.com.")
        .doesNotContain("That code was not right.");
  }

  @Test
  void wrongPasswordEndsWithItsExitCode() {
    when(cognito.respondToAuthChallenge(any(RespondToAuthChallengeRequest.class)))
        .thenThrow(notAuthorized("Incorrect username or password."));
    assertThatThrownBy(() -> flow().signIn("jane@example.com", "wrong", codes("123456")))
        .isInstanceOf(SignInException.class)
        .hasMessage("Incorrect username or password.")
        .extracting(e -> ((SignInException) e).exitCode())
        .isEqualTo(ExitCode.WRONG_PASSWORD);
  }

  @Test
  void tooManyWrongCodesEndWithTheirExitCode() {
    when(cognito.respondToAuthChallenge(any(RespondToAuthChallengeRequest.class)))
        .thenReturn(codeChallenge("s2", Map.of()))
        .thenThrow(notAuthorized("Incorrect username or password."));
    assertThatThrownBy(() -> flow().signIn("jane@example.com", "Passw0rd!", codes("000000")))
        .extracting(e -> ((SignInException) e).exitCode())
        .isEqualTo(ExitCode.CODE_REJECTED);
  }

  @Test
  void expiredSessionEndsWithItsExitCode() {
    when(cognito.respondToAuthChallenge(any(RespondToAuthChallengeRequest.class)))
        .thenReturn(codeChallenge("s2", Map.of()))
        .thenThrow(notAuthorized("Invalid session for the user, session is expired."));
    assertThatThrownBy(() -> flow().signIn("jane@example.com", "Passw0rd!", codes("000000")))
        .extracting(e -> ((SignInException) e).exitCode())
        .isEqualTo(ExitCode.SESSION_EXPIRED);
  }

  @Test
  void triggerFailureShowsTheTriggersMessage() {
    when(cognito.respondToAuthChallenge(any(RespondToAuthChallengeRequest.class)))
        .thenThrow(
            UserLambdaValidationException.builder()
                .awsErrorDetails(
                    AwsErrorDetails.builder()
                        .errorCode("UserLambdaValidationException")
                        .errorMessage(
                            "CreateAuthChallenge failed with error SES rejected the email.")
                        .build())
                .build());
    assertThatThrownBy(() -> flow().signIn("jane@example.com", "Passw0rd!", codes("1")))
        .hasMessageContaining("CreateAuthChallenge failed with error SES rejected the email.")
        .extracting(e -> ((SignInException) e).exitCode())
        .isEqualTo(ExitCode.TRIGGER_FAILED);
  }

  @Test
  void unreachableCognitoHasItsExitCode() {
    when(cognito.respondToAuthChallenge(any(RespondToAuthChallengeRequest.class)))
        .thenThrow(SdkClientException.create("Connection refused"));
    assertThatThrownBy(() -> flow().signIn("jane@example.com", "Passw0rd!", codes("1")))
        .extracting(e -> ((SignInException) e).exitCode())
        .isEqualTo(ExitCode.UNREACHABLE);
  }

  @Test
  void noCodeStopsTheSignIn() {
    when(cognito.respondToAuthChallenge(any(RespondToAuthChallengeRequest.class)))
        .thenReturn(codeChallenge("s2", Map.of()));
    assertThatThrownBy(() -> flow().signIn("jane@example.com", "Passw0rd!", codes()))
        .hasMessageContaining("No code was entered")
        .extracting(e -> ((SignInException) e).exitCode())
        .isEqualTo(ExitCode.CODE_REJECTED);
  }

  static RespondToAuthChallengeResponse newPasswordRequired(String session) {
    return RespondToAuthChallengeResponse.builder()
        .challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED)
        .challengeParameters(
            Map.of(
                "USER_ID_FOR_SRP", "a3c1f2d4",
                "requiredAttributes", "[]",
                "userAttributes", "{\"email\":\"jane@example.com\"}"))
        .session(session)
        .build();
  }

  static UserLambdaValidationException triggerFailed(String message) {
    return (UserLambdaValidationException)
        UserLambdaValidationException.builder()
            .awsErrorDetails(
                AwsErrorDetails.builder()
                    .errorCode("UserLambdaValidationException")
                    .errorMessage(message)
                    .build())
            .build();
  }

  static final String GATE_REFUSAL =
      "PreTokenGeneration failed with error Password changed. Sign in again with the new password"
          + " to get your sign-in code.";

  /** The entries typed at the new-password prompts, in order; records the prompts. */
  final List<String> prompts = new ArrayList<>();

  NewPasswordPrompt typed(String... entries) {
    Deque<String> queue = new ArrayDeque<>(List.of(entries));
    return prompt -> {
      prompts.add(prompt);
      return queue.pollFirst();
    };
  }

  static ExitCode exitCodeOf(Throwable e) {
    return ((SignInException) e).exitCode();
  }

  @Test
  void newPasswordIsAskedTwiceSentAndAfterTheGatesRefusalTheUserSignsInAgainWithTheCode()
      throws Exception {
    when(cognito.respondToAuthChallenge(any(RespondToAuthChallengeRequest.class)))
        .thenReturn(newPasswordRequired("s2"))
        .thenThrow(triggerFailed(GATE_REFUSAL))
        .thenReturn(codeChallenge("s4", Map.of()), tokens());
    AuthenticationResultType result =
        flow()
            .signIn(
                "jane@example.com",
                "Temp-passw0rd",
                codes("123456"),
                typed("New-passw0rd!", "New-passw0rd!"));
    assertThat(result.idToken()).isEqualTo("id");
    assertThat(prompts).containsExactly("New password: ", "New password again: ");
    List<RespondToAuthChallengeRequest> requests = respondRequests();
    assertThat(requests)
        .extracting(RespondToAuthChallengeRequest::challengeNameAsString)
        .containsExactly(
            "PASSWORD_VERIFIER", "NEW_PASSWORD_REQUIRED", "PASSWORD_VERIFIER", "CUSTOM_CHALLENGE");
    assertThat(requests.get(1).session()).isEqualTo("s2");
    assertThat(requests.get(1).challengeResponses())
        .containsEntry("USERNAME", "a3c1f2d4")
        .containsEntry("NEW_PASSWORD", "New-passw0rd!");
    assertThat(requests.get(3).challengeResponses()).containsEntry("ANSWER", "123456");
    Mockito.verify(cognito, Mockito.times(2)).initiateAuth(any(Consumer.class));
    assertThat(said)
        .contains("The new password is set. Signing in again with it, to get the emailed code.");
  }

  @Test
  void newPasswordEntriesThatDifferAreAskedForAgain() throws Exception {
    when(cognito.respondToAuthChallenge(any(RespondToAuthChallengeRequest.class)))
        .thenReturn(newPasswordRequired("s2"))
        .thenThrow(triggerFailed(GATE_REFUSAL))
        .thenReturn(codeChallenge("s4", Map.of()), tokens());
    flow()
        .signIn(
            "jane@example.com",
            "Temp-passw0rd",
            codes("123456"),
            typed("New-passw0rd!", "New-passw0rd?", "New-passw0rd!", "New-passw0rd!"));
    assertThat(prompts).hasSize(4);
    assertThat(said).contains("The two entries differ; type the new password twice again.");
    assertThat(respondRequests().get(1).challengeResponses())
        .containsEntry("NEW_PASSWORD", "New-passw0rd!");
  }

  @Test
  void newPasswordEntriesThatDifferThreeTimesStopWithoutSettingOne() {
    when(cognito.respondToAuthChallenge(any(RespondToAuthChallengeRequest.class)))
        .thenReturn(newPasswordRequired("s2"));
    assertThatThrownBy(
            () ->
                flow()
                    .signIn(
                        "jane@example.com",
                        "Temp-passw0rd",
                        codes("123456"),
                        typed("a1", "b1", "a2", "b2", "a3", "b3", "a4", "a4")))
        .hasMessageContaining("differed 3 times")
        .extracting(SignInFlowTest::exitCodeOf)
        .isEqualTo(ExitCode.NEW_PASSWORD_NOT_SET);
    assertThat(prompts).hasSize(6);
    assertThat(respondRequests()).hasSize(1);
  }

  @Test
  void noNewPasswordEnteredStopsWithoutSendingOne() {
    when(cognito.respondToAuthChallenge(any(RespondToAuthChallengeRequest.class)))
        .thenReturn(newPasswordRequired("s2"));
    assertThatThrownBy(() -> flow().signIn("jane@example.com", "Temp-passw0rd", codes("1")))
        .hasMessageContaining("none was entered")
        .extracting(SignInFlowTest::exitCodeOf)
        .isEqualTo(ExitCode.NEW_PASSWORD_NOT_SET);
    assertThat(respondRequests()).hasSize(1);
  }

  @Test
  void requiredAttributesTheClientCannotSetStopTheSignIn() {
    when(cognito.respondToAuthChallenge(any(RespondToAuthChallengeRequest.class)))
        .thenReturn(
            newPasswordRequired("s2").toBuilder()
                .challengeParameters(Map.of("requiredAttributes", "[\"userAttributes.name\"]"))
                .build());
    assertThatThrownBy(
            () ->
                flow().signIn("jane@example.com", "Temp-passw0rd", codes("1"), typed("N-1", "N-1")))
        .hasMessageContaining("userAttributes.name")
        .extracting(SignInFlowTest::exitCodeOf)
        .isEqualTo(ExitCode.NEW_PASSWORD_NOT_SET);
  }

  @Test
  void aNewPasswordThePoolRefusesHasItsExitCode() {
    when(cognito.respondToAuthChallenge(any(RespondToAuthChallengeRequest.class)))
        .thenReturn(newPasswordRequired("s2"))
        .thenThrow(
            InvalidPasswordException.builder()
                .awsErrorDetails(
                    AwsErrorDetails.builder()
                        .errorCode("InvalidPasswordException")
                        .errorMessage(
                            "Password did not conform with policy: Password not long enough")
                        .build())
                .build());
    assertThatThrownBy(
            () -> flow().signIn("jane@example.com", "Temp-passw0rd", codes("1"), typed("x", "x")))
        .hasMessageContaining("Password not long enough")
        .extracting(SignInFlowTest::exitCodeOf)
        .isEqualTo(ExitCode.NEW_PASSWORD_NOT_SET);
  }

  @Test
  void tokensRightAfterTheNewPasswordAreNotAcceptedAndSayThePoolHasNoGate() {
    when(cognito.respondToAuthChallenge(any(RespondToAuthChallengeRequest.class)))
        .thenReturn(newPasswordRequired("s2"), tokens());
    assertThatThrownBy(
            () ->
                flow()
                    .signIn(
                        "jane@example.com",
                        "Temp-passw0rd",
                        codes("123456"),
                        typed("New-passw0rd!", "New-passw0rd!")))
        .hasMessageContaining("WARNING")
        .hasMessageContaining("without the emailed code")
        .hasMessageContaining("no token gate")
        .extracting(SignInFlowTest::exitCodeOf)
        .isEqualTo(ExitCode.TOKENS_WITHOUT_CODE);
    assertThat(respondRequests()).hasSize(2);
  }

  @Test
  void tokensRightAfterThePasswordAreNotAccepted() {
    when(cognito.respondToAuthChallenge(any(RespondToAuthChallengeRequest.class)))
        .thenReturn(tokens());
    assertThatThrownBy(() -> flow().signIn("jane@example.com", "Passw0rd!", codes("123456")))
        .hasMessageContaining("without the emailed code")
        .extracting(SignInFlowTest::exitCodeOf)
        .isEqualTo(ExitCode.TOKENS_WITHOUT_CODE);
  }

  @Test
  void tokensInAnswerToAResendRequestAreNotAccepted() {
    when(cognito.respondToAuthChallenge(any(RespondToAuthChallengeRequest.class)))
        .thenReturn(codeChallenge("s2", Map.of()), tokens());
    assertThatThrownBy(() -> flow().signIn("jane@example.com", "Passw0rd!", codes("resend")))
        .extracting(SignInFlowTest::exitCodeOf)
        .isEqualTo(ExitCode.TOKENS_WITHOUT_CODE);
  }

  @Test
  void aSecondNewPasswordRequestAfterSigningInAgainStops() {
    when(cognito.respondToAuthChallenge(any(RespondToAuthChallengeRequest.class)))
        .thenReturn(newPasswordRequired("s2"))
        .thenThrow(triggerFailed(GATE_REFUSAL))
        .thenReturn(newPasswordRequired("s4"));
    assertThatThrownBy(
            () ->
                flow()
                    .signIn(
                        "jane@example.com",
                        "Temp-passw0rd",
                        codes("123456"),
                        typed("N-1", "N-1", "N-2", "N-2")))
        .hasMessageContaining("asked for a new password again")
        .extracting(SignInFlowTest::exitCodeOf)
        .isEqualTo(ExitCode.NEW_PASSWORD_NOT_SET);
    assertThat(prompts).hasSize(2);
  }

  @Test
  void theGatesOtherRefusalEndsTheSignInWithItsMessage() {
    when(cognito.respondToAuthChallenge(any(RespondToAuthChallengeRequest.class)))
        .thenReturn(newPasswordRequired("s2"))
        .thenThrow(
            triggerFailed(
                "PreTokenGeneration failed with error Sign-in needs the emailed code. Sign in"
                    + " again."));
    assertThatThrownBy(
            () ->
                flow().signIn("jane@example.com", "Temp-passw0rd", codes("1"), typed("N-1", "N-1")))
        .hasMessageContaining("Sign-in needs the emailed code. Sign in again.")
        .extracting(SignInFlowTest::exitCodeOf)
        .isEqualTo(ExitCode.TRIGGER_FAILED);
    Mockito.verify(cognito, Mockito.times(1)).initiateAuth(any(Consumer.class));
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {"SOFTWARE_TOKEN_MFA", "SMS_MFA", "SELECT_MFA_TYPE", "MFA_SETUP"})
  void thePoolsOwnMfaIsNotAnsweredAndSaysSo(String challenge) {
    when(cognito.respondToAuthChallenge(any(RespondToAuthChallengeRequest.class)))
        .thenReturn(
            RespondToAuthChallengeResponse.builder()
                .challengeName(challenge)
                .session("s2")
                .challengeParameters(Map.of())
                .build());
    assertThatThrownBy(() -> flow().signIn("jane@example.com", "Passw0rd!", codes("123456")))
        .hasMessageContaining(challenge)
        .hasMessageContaining("MfaConfiguration ON or OPTIONAL")
        .extracting(SignInFlowTest::exitCodeOf)
        .isEqualTo(ExitCode.UNSUPPORTED_CHALLENGE);
    assertThat(respondRequests()).hasSize(1);
  }

  @Test
  void anUnknownChallengeIsNotAnswered() {
    when(cognito.respondToAuthChallenge(any(RespondToAuthChallengeRequest.class)))
        .thenReturn(
            RespondToAuthChallengeResponse.builder()
                .challengeName("SOMETHING_NEW")
                .session("s2")
                .build());
    assertThatThrownBy(() -> flow().signIn("jane@example.com", "Passw0rd!", codes("123456")))
        .hasMessage("Cognito asked for SOMETHING_NEW, which this client does not answer.")
        .extracting(SignInFlowTest::exitCodeOf)
        .isEqualTo(ExitCode.UNSUPPORTED_CHALLENGE);
  }
}
