package io.github.cognitoemailotp.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import io.github.cognitoemailotp.client.CodePrompt;
import io.github.cognitoemailotp.client.ExitCode;
import io.github.cognitoemailotp.client.SignInException;
import io.github.cognitoemailotp.layer.SendFailure;
import io.github.cognitoemailotp.layer.gate.TokenRefusal;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;

/**
 * The Java example client signing in through the local Cognito, the three functions (in their own
 * JVMs, through the Lambda runtime client) and the SES emulator.
 */
@ExtendWith(LocalStack.Extension.class)
class SignInEndToEndTest {

  private final List<String> said = Collections.synchronizedList(new ArrayList<>());

  private SignInException failure(
      LocalStack stack, String email, String password, CodePrompt codes) {
    try {
      stack.signInFlow(said::add).signIn(email, password, codes);
    } catch (SignInException e) {
      return e;
    }
    throw new AssertionError("the sign-in should have failed");
  }

  @Test
  void signsInThroughAllThreeTriggersWithTokensThatVerify(LocalStack stack) throws Exception {
    String email = stack.newUser();
    AuthenticationResultType tokens =
        stack.signInFlow(said::add).signIn(email, LocalStack.PASSWORD, stack.emailedCodes(email));
    JWTClaimsSet claims = stack.tokenVerifier().verify(tokens.idToken());
    assertThat(claims.getStringClaim("email")).isEqualTo(email);
    assertThat(claims.getStringClaim("token_use")).isEqualTo("id");
    assertThat(tokens.accessToken()).isNotBlank();
    assertThat(tokens.refreshToken()).isNotBlank();
    assertThat(stack.ses.emailsTo(email)).hasSize(1);
    assertThat(stack.ses.emailsTo(email).getFirst().text()).contains("valid for 5 minutes");
    assertThat(said).anyMatch(line -> line.contains("emailed to u***@e***.com"));
  }

  @Test
  void wrongCodeThenTheRightOneSignsInWithOneEmail(LocalStack stack) throws Exception {
    String email = stack.newUser();
    CodePrompt emailed = stack.emailedCodes(email);
    Deque<String> answers = new ArrayDeque<>();
    CodePrompt wrongThenRight =
        challenge -> {
          String right = emailed.nextCode(challenge);
          if (answers.isEmpty()) {
            answers.add(right);
            return right.equals("000000") ? "111111" : "000000";
          }
          return answers.peek();
        };
    AuthenticationResultType tokens =
        stack.signInFlow(said::add).signIn(email, LocalStack.PASSWORD, wrongThenRight);
    assertThat(tokens.idToken()).isNotBlank();
    assertThat(stack.ses.emailsTo(email)).as("a retry reuses the code").hasSize(1);
    assertThat(said).contains("That code was not right.");
  }

  @Test
  void resendDeliversANewCodeAndTheOldOneStopsWorking(LocalStack stack) throws Exception {
    String email = stack.newUser();
    List<String> codes = new ArrayList<>();
    CodePrompt prompt =
        challenge -> {
          if (codes.isEmpty()) {
            codes.add(SesEmulator.codeIn(stack.ses.awaitEmail(email, 0)));
            return CodePrompt.RESEND;
          }
          if (codes.size() == 1) {
            assertThat(challenge.resend()).isEqualTo("SENT");
            codes.add(SesEmulator.codeIn(stack.ses.awaitEmail(email, 1)));
            return codes.getFirst();
          }
          return codes.get(1);
        };
    AuthenticationResultType tokens =
        stack.signInFlow(said::add).signIn(email, LocalStack.PASSWORD, prompt);
    assertThat(tokens.idToken()).isNotBlank();
    assertThat(stack.ses.emailsTo(email)).hasSize(2);
    assertThat(said).contains("That code was not right.");
  }

  @Test
  void maxAttemptsWrongCodesEndTheSignIn(LocalStack stack) {
    String email = stack.newUser();
    CodePrompt emailed = stack.emailedCodes(email);
    CodePrompt alwaysWrong =
        challenge -> {
          String right = emailed.nextCode(challenge);
          return right.equals("999999") ? "888888" : "999999";
        };
    SignInException e = failure(stack, email, LocalStack.PASSWORD, alwaysWrong);
    assertThat(e.exitCode()).isEqualTo(ExitCode.CODE_REJECTED);
    assertThat(said.stream().filter("That code was not right."::equals)).hasSize(2);
  }

  @Test
  void expiredSessionFails(LocalStack stack) {
    String email = stack.newUser();
    CodePrompt emailed = stack.emailedCodes(email);
    CodePrompt late =
        challenge -> {
          String code = emailed.nextCode(challenge);
          stack.cognitoClock().advance(Duration.ofMinutes(6));
          return code;
        };
    try {
      SignInException e = failure(stack, email, LocalStack.PASSWORD, late);
      assertThat(e.exitCode()).isEqualTo(ExitCode.SESSION_EXPIRED);
    } finally {
      stack.cognitoClock().reset();
    }
  }

  @Test
  void wrongPasswordFailsBeforeAnyEmail(LocalStack stack) {
    String email = stack.newUser();
    SignInException e = failure(stack, email, "Wr0ng-password", challenge -> "123456");
    assertThat(e.exitCode()).isEqualTo(ExitCode.WRONG_PASSWORD);
    assertThat(e.getMessage()).isEqualTo("Incorrect username or password.");
    assertThat(stack.ses.emailsTo(email)).isEmpty();
  }

  @Test
  void unknownUserFailsExactlyLikeAWrongPassword(LocalStack stack) {
    SignInException e =
        failure(
            stack,
            "nobody-" + System.nanoTime() + "@example.com",
            "Wr0ng-password",
            challenge -> "123456");
    assertThat(e.exitCode()).isEqualTo(ExitCode.WRONG_PASSWORD);
    assertThat(e.getMessage()).isEqualTo("Incorrect username or password.");
  }

  @Test
  void passwordOnlyFlowsAreRefused(LocalStack stack) {
    String email = stack.newUser();
    for (AuthFlowType flow : List.of(AuthFlowType.USER_SRP_AUTH, AuthFlowType.USER_PASSWORD_AUTH)) {
      assertThatThrownBy(
              () ->
                  stack.anonymous.initiateAuth(
                      request ->
                          request
                              .authFlow(flow)
                              .clientId(stack.cognito.clientId())
                              .authParameters(
                                  Map.of(
                                      "USERNAME",
                                      email,
                                      "PASSWORD",
                                      LocalStack.PASSWORD,
                                      "SRP_A",
                                      "abc"))))
          .isInstanceOf(InvalidParameterException.class)
          .hasMessageContaining(flow + " flow not enabled for this client");
    }
  }

  @Test
  void customAuthWithoutThePasswordStepIsRefused(LocalStack stack) {
    String email = stack.newUser();
    assertThatThrownBy(
            () ->
                stack.anonymous.initiateAuth(
                    request ->
                        request
                            .authFlow(AuthFlowType.CUSTOM_AUTH)
                            .clientId(stack.cognito.clientId())
                            .authParameters(Map.of("USERNAME", email))))
        .hasMessageContaining("Incorrect username or password.");
    assertThat(stack.ses.emailsTo(email)).isEmpty();
  }

  @Test
  void refreshTokenGetsNewTokens(LocalStack stack) throws Exception {
    String email = stack.newUser();
    AuthenticationResultType first =
        stack.signInFlow(said::add).signIn(email, LocalStack.PASSWORD, stack.emailedCodes(email));
    AuthenticationResultType refreshed =
        stack
            .anonymous
            .initiateAuth(
                request ->
                    request
                        .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                        .clientId(stack.cognito.clientId())
                        .authParameters(Map.of("REFRESH_TOKEN", first.refreshToken())))
            .authenticationResult();
    assertThat(refreshed.idToken()).isNotEqualTo(first.idToken());
    assertThat(stack.tokenVerifier().verify(refreshed.idToken()).getStringClaim("email"))
        .isEqualTo(email);
  }

  @Test
  void sesDownFailsWithTheTriggersMessageAndWorksOnceItIsBack(LocalStack stack) throws Exception {
    String email = stack.newUser();
    long mark = LocalStack.functionLogMark("CreateAuthChallenge");
    stack.ses.stop();
    try {
      SignInException e = failure(stack, email, LocalStack.PASSWORD, challenge -> "123456");
      assertThat(e.exitCode()).isEqualTo(ExitCode.TRIGGER_FAILED);
      assertThat(e.getMessage())
          .contains(
              "CreateAuthChallenge failed with error " + SendFailure.UNAVAILABLE.userMessage());
      String detail = "UNAVAILABLE: SES could not be reached in us-east-1 (ConnectException";
      assertThat(LocalStack.functionLogSince("CreateAuthChallenge", mark, detail)).contains(detail);
    } finally {
      stack.ses.start();
    }
    AuthenticationResultType tokens =
        stack.signInFlow(said::add).signIn(email, LocalStack.PASSWORD, stack.emailedCodes(email));
    assertThat(tokens.idToken()).isNotBlank();
  }

  @Test
  void functionLogsNeverHoldTheCodeOrTheAddress(LocalStack stack) throws Exception {
    String email = stack.newUser();
    stack.signInFlow(said::add).signIn(email, LocalStack.PASSWORD, stack.emailedCodes(email));
    String code = SesEmulator.codeIn(stack.ses.emailsTo(email).getFirst());
    Thread.sleep(300);
    for (String function :
        List.of("DefineAuthChallenge", "CreateAuthChallenge", "VerifyAuthChallenge")) {
      String log =
          java.nio.file.Files.readString(
              java.nio.file.Path.of("target", "function-logs", function + ".log"));
      assertThat(log).as(function).contains("u***@e***.com").doesNotContain(code, email);
    }
  }

  @Test
  void sesRejectingTellsTheAppLittleAndTheLogWhatToFixAndWorksOnceItAccepts(LocalStack stack)
      throws Exception {
    String email = stack.newUser();
    long mark = LocalStack.functionLogMark("CreateAuthChallenge");
    stack.ses.stop();
    try (StubSes rejecting = new StubSes(stack.ses.port(), StubSes.Behaviour.REJECT)) {
      SignInException e = failure(stack, email, LocalStack.PASSWORD, challenge -> "123456");
      assertThat(e.exitCode()).isEqualTo(ExitCode.TRIGGER_FAILED);
      assertThat(e.getMessage())
          .contains("CreateAuthChallenge failed with error " + SendFailure.REJECTED.userMessage())
          .doesNotContain("no-reply@example.com", "us-east-1", "MessageRejected");
      String detail = "REJECTED: SES rejected the email (MessageRejected";
      assertThat(LocalStack.functionLogSince("CreateAuthChallenge", mark, detail))
          .contains(detail)
          .contains("Verify the sender identity no-reply@example.com", "SES sandbox");
      assertThat(rejecting.requests()).isEqualTo(1);
    } finally {
      stack.ses.start();
    }
    assertThat(
            stack
                .signInFlow(said::add)
                .signIn(email, LocalStack.PASSWORD, stack.emailedCodes(email))
                .idToken())
        .isNotBlank();
  }

  @Test
  void fiftyUsersSignInAtOnceEachWithTheirOwnCode(LocalStack stack) throws Exception {
    List<String> emails = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      emails.add(stack.newUser());
    }
    long gateLog = LocalStack.functionLogMark("TokenGate");
    // Fifty at once on a loaded two-core machine can keep dynalite from answering the gate within
    // its 1 s budget: the gate then fails closed and the user signs in again, as a real one would.
    // Below, every such refusal must be the store's timeout, never a missing pass.
    java.util.Set<String> signedInAgain = java.util.concurrent.ConcurrentHashMap.newKeySet();
    List<Callable<AuthenticationResultType>> signIns = new ArrayList<>();
    for (String email : emails) {
      signIns.add(
          () -> {
            try {
              return stack
                  .signInFlow(line -> {})
                  .signIn(email, LocalStack.PASSWORD, stack.emailedCodes(email));
            } catch (io.github.cognitoemailotp.client.SignInException e) {
              if (!e.getMessage().contains(TokenRefusal.SIGN_IN_AGAIN)
                  || !signedInAgain.add(email)) {
                throw e;
              }
              return stack
                  .signInFlow(line -> {})
                  .signIn(email, LocalStack.PASSWORD, stack.emailedCodes(email));
            }
          });
    }
    try (ExecutorService pool = Executors.newFixedThreadPool(50)) {
      List<Future<AuthenticationResultType>> results = pool.invokeAll(signIns);
      for (int i = 0; i < results.size(); i++) {
        String sub =
            stack.tokenVerifier().verify(results.get(i).get().idToken()).getStringClaim("email");
        assertThat(sub).isEqualTo(emails.get(i));
      }
    }
    if (!signedInAgain.isEmpty()) {
      String log = LocalStack.functionLogSince("TokenGate", gateLog, "REFUSED_UNAVAILABLE");
      for (String email : signedInAgain) {
        String sub = subOf(stack, email);
        List<String> refusals =
            log.lines().filter(line -> line.contains(sub) && line.contains("REFUSED")).toList();
        assertThat(refusals)
            .as("%s was refused only because the pass store did not answer in time", email)
            .isNotEmpty()
            .allMatch(line -> line.contains("\"outcome\":\"REFUSED_UNAVAILABLE\""));
      }
    }
    List<String> codes = new ArrayList<>();
    for (String email : emails) {
      List<SesEmulator.Email> received = stack.ses.emailsTo(email);
      // Under this load the emulator can answer after an attempt's timeout; the SDK then sends the
      // same email again (the same code), never a second code in one sign-in.
      int signInsOfUser = signedInAgain.contains(email) ? 2 : 1;
      assertThat(received).as(email).hasSizeBetween(signInsOfUser, 2 * signInsOfUser);
      assertThat(received.stream().map(SesEmulator::codeIn).distinct())
          .as(email)
          .hasSize(signInsOfUser);
      codes.add(SesEmulator.codeIn(received.getFirst()));
    }
    assertThat(codes).hasSize(50);
  }

  static String subOf(LocalStack stack, String email) {
    return stack
        .admin
        .adminGetUser(request -> request.userPoolId(stack.cognito.userPoolId()).username(email))
        .userAttributes()
        .stream()
        .filter(attribute -> attribute.name().equals("sub"))
        .findFirst()
        .orElseThrow()
        .value();
  }
}
