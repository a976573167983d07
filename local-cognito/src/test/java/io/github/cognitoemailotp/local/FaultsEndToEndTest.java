package io.github.cognitoemailotp.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cognitoemailotp.client.CodePrompt;
import io.github.cognitoemailotp.client.ExitCode;
import io.github.cognitoemailotp.client.SignInException;
import io.github.cognitoemailotp.client.srp.CognitoSrp;
import io.github.cognitoemailotp.layer.SendFailure;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;

/**
 * Faults on the local stack: SES slow, throttling and rejecting (stand-ins on the emulator's port,
 * reached through the function's own SDK client); a session reused; a code replayed in a new
 * sign-in. Each ends with a clear error and no tokens, and a retry afterwards succeeds.
 */
@ExtendWith(LocalStack.Extension.class)
class FaultsEndToEndTest {

  private static SignInException failure(LocalStack stack, String email, CodePrompt codes) {
    try {
      stack.signInFlow(line -> {}).signIn(email, LocalStack.PASSWORD, codes);
    } catch (SignInException e) {
      return e;
    }
    throw new AssertionError("the sign-in should have failed");
  }

  private static void signsInAfterwards(LocalStack stack, String email) throws SignInException {
    assertThat(
            stack
                .signInFlow(line -> {})
                .signIn(email, LocalStack.PASSWORD, stack.emailedCodes(email))
                .idToken())
        .isNotBlank();
  }

  /**
   * Signs in while SES misbehaves: the app is told {@code kind}'s short message only, Create's log
   * has {@code operatorDetail}; once SES is back the sign-in works. Returns the stand-in's request
   * count.
   */
  private static int withMisbehavingSes(
      LocalStack stack,
      StubSes.Behaviour behaviour,
      String email,
      SendFailure kind,
      String operatorDetail)
      throws Exception {
    long mark = LocalStack.functionLogMark("CreateAuthChallenge");
    stack.ses.stop();
    int requests;
    try (StubSes stub = new StubSes(stack.ses.port(), behaviour)) {
      SignInException e = failure(stack, email, challenge -> "123456");
      assertThat(e.exitCode()).isEqualTo(ExitCode.TRIGGER_FAILED);
      assertThat(e.getMessage())
          .endsWith(": CreateAuthChallenge failed with error " + kind.userMessage() + ".")
          .doesNotContain("no-reply@example.com", "us-east-1", "SES", "127.0.0.1");
      String detail = kind.name() + ": " + operatorDetail;
      assertThat(LocalStack.functionLogSince("CreateAuthChallenge", mark, detail)).contains(detail);
      requests = stub.requests();
      assertThat(requests).isPositive();
    } finally {
      stack.ses.start();
    }
    signsInAfterwards(stack, email);
    return requests;
  }

  @Test
  void slowSesEndsTheSignInInsideCognitosBudgetThenWorks(LocalStack stack) throws Exception {
    long started = System.nanoTime();
    int requests =
        withMisbehavingSes(
            stack,
            StubSes.Behaviour.SLOW,
            stack.newUser(),
            SendFailure.UNAVAILABLE,
            "SES did not answer in us-east-1 within");
    assertThat(requests).as("the same email tried at most twice").isLessThanOrEqualTo(2);
    assertThat((System.nanoTime() - started) / 1_000_000_000.0).as("seconds").isLessThan(20);
  }

  @Test
  void throttlingSesIsRetriedOnceThenSaysTryAgainThenWorks(LocalStack stack) throws Exception {
    int requests =
        withMisbehavingSes(
            stack,
            StubSes.Behaviour.THROTTLE,
            stack.newUser(),
            SendFailure.THROTTLED,
            "SES throttled the email, also on the retry (TooManyRequestsException");
    assertThat(requests).isEqualTo(2);
  }

  /**
   * Issue 14: SES's rejection used to reach the app verbatim, with the sender, the region and SES's
   * own text. Now the app gets the short message, the operator the detail in the log.
   */
  @Test
  void rejectionReachesTheAppAsTheShortMessageOnlyThenWorks(LocalStack stack) throws Exception {
    int requests =
        withMisbehavingSes(
            stack,
            StubSes.Behaviour.REJECT,
            stack.newUser(),
            SendFailure.REJECTED,
            "SES rejected the email (MessageRejected: Email address is not verified.");
    assertThat(requests).as("a rejection is not retried").isEqualTo(1);
  }

  @Test
  void reusedSessionIsRefusedAndTheCurrentOneStillWorks(LocalStack stack) throws Exception {
    String email = stack.newUser();
    CognitoSrp srp = new CognitoSrp();
    InitiateAuthResponse started =
        stack.anonymous.initiateAuth(
            request ->
                request
                    .authFlow(AuthFlowType.CUSTOM_AUTH)
                    .clientId(stack.cognito.clientId())
                    .authParameters(
                        Map.of("USERNAME", email, "SRP_A", srp.srpA(), "CHALLENGE_NAME", "SRP_A")));
    Map<String, String> challenge = started.challengeParameters();
    String timestamp = CognitoSrp.timestamp(Instant.now());
    Map<String, String> proof = new HashMap<>();
    proof.put("USERNAME", challenge.get("USERNAME"));
    proof.put("PASSWORD_CLAIM_SECRET_BLOCK", challenge.get("SECRET_BLOCK"));
    proof.put("TIMESTAMP", timestamp);
    proof.put(
        "PASSWORD_CLAIM_SIGNATURE",
        srp.passwordClaimSignature(
            stack.cognito.userPoolId().split("_")[1],
            challenge.get("USER_ID_FOR_SRP"),
            LocalStack.PASSWORD,
            challenge.get("SALT"),
            challenge.get("SRP_B"),
            challenge.get("SECRET_BLOCK"),
            timestamp));
    RespondToAuthChallengeResponse codeChallenge =
        respond(stack, ChallengeNameType.PASSWORD_VERIFIER, started.session(), proof);
    String code = SesEmulator.codeIn(stack.ses.awaitEmail(email, 0));
    Map<String, String> wrong =
        Map.of(
            "USERNAME",
            challenge.get("USERNAME"),
            "ANSWER",
            code.equals("000000") ? "111111" : "000000");
    RespondToAuthChallengeResponse again =
        respond(stack, ChallengeNameType.CUSTOM_CHALLENGE, codeChallenge.session(), wrong);
    assertThat(again.challengeNameAsString()).isEqualTo("CUSTOM_CHALLENGE");

    Map<String, String> right = Map.of("USERNAME", challenge.get("USERNAME"), "ANSWER", code);
    assertThatThrownBy(
            () ->
                respond(stack, ChallengeNameType.CUSTOM_CHALLENGE, codeChallenge.session(), right))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageContaining("session can only be used once");
    RespondToAuthChallengeResponse tokens =
        respond(stack, ChallengeNameType.CUSTOM_CHALLENGE, again.session(), right);
    assertThat(tokens.authenticationResult().idToken()).isNotBlank();
  }

  private static RespondToAuthChallengeResponse respond(
      LocalStack stack, ChallengeNameType name, String session, Map<String, String> responses) {
    return stack.anonymous.respondToAuthChallenge(
        request ->
            request
                .clientId(stack.cognito.clientId())
                .challengeName(name)
                .session(session)
                .challengeResponses(responses));
  }

  @Test
  void codeFromAnEarlierSignInIsNotAcceptedInANewOne(LocalStack stack) throws Exception {
    String email = stack.newUser();
    signsInAfterwards(stack, email);
    String oldCode = SesEmulator.codeIn(stack.ses.emailsTo(email).getFirst());
    List<String> answers = new java.util.ArrayList<>();
    CodePrompt replayThenRight =
        challenge -> {
          if (answers.isEmpty()) {
            SesEmulator.codeIn(stack.ses.awaitEmail(email, 1));
            answers.add(oldCode);
            return oldCode;
          }
          return SesEmulator.codeIn(stack.ses.emailsTo(email).getLast());
        };
    List<String> said = new java.util.ArrayList<>();
    String newCode = null;
    assertThat(
            stack
                .signInFlow(said::add)
                .signIn(email, LocalStack.PASSWORD, replayThenRight)
                .idToken())
        .isNotBlank();
    newCode = SesEmulator.codeIn(stack.ses.emailsTo(email).getLast());
    if (!newCode.equals(oldCode)) {
      assertThat(said).as("the replayed code was refused").contains("That code was not right.");
    }
  }
}
