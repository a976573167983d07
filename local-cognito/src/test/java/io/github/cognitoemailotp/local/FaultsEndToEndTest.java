package io.github.cognitoemailotp.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cognitoemailotp.client.CodePrompt;
import io.github.cognitoemailotp.client.ExitCode;
import io.github.cognitoemailotp.client.SignInException;
import io.github.cognitoemailotp.layer.SendFailure;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
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
    StepwiseSignIn signIn = StepwiseSignIn.start(stack, email);
    String firstSession = signIn.challenge().session();
    String code = SesEmulator.codeIn(stack.ses.awaitEmail(email, 0));
    RespondToAuthChallengeResponse again =
        signIn.answer(code.equals("000000") ? "111111" : "000000");
    assertThat(again.challengeNameAsString()).isEqualTo("CUSTOM_CHALLENGE");

    assertThatThrownBy(() -> signIn.answerIn(firstSession, code))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageContaining("session can only be used once");
    RespondToAuthChallengeResponse tokens = signIn.answerIn(again.session(), code);
    assertThat(tokens.authenticationResult().idToken()).isNotBlank();
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
