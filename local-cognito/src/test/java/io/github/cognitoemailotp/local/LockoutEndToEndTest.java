package io.github.cognitoemailotp.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The lockout on the whole local stack, with the real functions through the Lambda runtime client
 * (issue 23): {@code MaxConsecutiveWrongCodes=5} and {@code PasswordRecovery=email}. Five wrong
 * codes over two sign-ins lock the user; a right code typed after that gets nothing; the next
 * sign-in gets no code email and says it is locked; the lock email arrives once; a password reset
 * unlocks; a success in between means no lock; 50 answers at once lock at exactly the limit; and
 * the store down locks nobody and lets nobody in.
 */
class LockoutEndToEndTest {

  static final String LOCKED =
      "Sign-in codes are paused for this account after too many wrong codes.";
  static final String LOCK_SUBJECT = "Sign-in codes paused for your account";

  static LocalStack stack;
  static DynamoDbClient dynamo;

  @BeforeAll
  static void start() {
    stack =
        LocalStack.start(
            Map.of(
                "MaxConsecutiveWrongCodes", "5",
                "PasswordRecovery", "email",
                "MaxCodeEmailsPerHour", "100",
                "MaxCodeEmailsPerDay", "1000"),
            2);
    dynamo =
        DynamoDbClient.builder()
            .region(Region.US_EAST_1)
            .endpointOverride(URI.create(stack.cognito.dynamoDb().endpoint()))
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
  }

  @AfterAll
  static void stop() {
    dynamo.close();
    stack.close();
  }

  static String sub(String email) {
    return stack
        .admin
        .adminGetUser(r -> r.userPoolId(stack.cognito.userPoolId()).username(email))
        .userAttributes()
        .stream()
        .filter(a -> a.name().equals("sub"))
        .map(AttributeType::value)
        .findFirst()
        .orElseThrow();
  }

  /** The user's item in the lock table, empty when there is none. */
  static Map<String, AttributeValue> lockItem(String email) {
    Map<String, AttributeValue> item =
        dynamo
            .getItem(
                r ->
                    r.tableName("UserLockTable")
                        .key(Map.of("sub", AttributeValue.fromS(sub(email))))
                        .consistentRead(true))
            .item();
    return item == null ? Map.of() : item;
  }

  static long lockEmails(String email) {
    return stack.ses.emailsTo(email).stream().filter(e -> e.subject().equals(LOCK_SUBJECT)).count();
  }

  /** The code of the newest code email to {@code email}. */
  static String newestCode(String email) {
    List<SesEmulator.Email> codes =
        stack.ses.emailsTo(email).stream().filter(e -> !e.subject().equals(LOCK_SUBJECT)).toList();
    return SesEmulator.codeIn(codes.getLast());
  }

  static String wrongCodeFor(String code) {
    return code.equals("000000") ? "111111" : "000000";
  }

  /** Answers a wrong code; returns the next challenge, or throws what Cognito answered. */
  static RespondToAuthChallengeResponse answerWrong(StepwiseSignIn signIn) {
    return signIn.answer(wrongCodeFor(newestCode(signIn.email())));
  }

  @Test
  void fiveWrongCodesOverTwoSignInsLockTheUserUntilAPasswordResetAndTheUserIsToldOnce()
      throws Exception {
    String email = stack.newUser();
    // Sign-in 1: three wrong codes use its attempts (MaxAttempts 3).
    StepwiseSignIn first = StepwiseSignIn.start(stack, email);
    answerWrong(first);
    answerWrong(first);
    assertThatThrownBy(() -> answerWrong(first))
        .isInstanceOf(CognitoIdentityProviderException.class)
        .hasMessageNotContaining(LOCKED);
    assertThat(lockItem(email)).containsEntry("wrongCodes", AttributeValue.fromN("3"));

    // A sign-in started before the lock, holding a right code.
    StepwiseSignIn waiting = StepwiseSignIn.start(stack, email);
    String waitingCode = newestCode(email);

    // Sign-in 2: the fourth and fifth wrong codes; the fifth locks and ends it.
    StepwiseSignIn second = StepwiseSignIn.start(stack, email);
    String secondCode = newestCode(email);
    second.answer(wrongCodeFor(secondCode));
    assertThatThrownBy(() -> second.answer(wrongCodeFor(secondCode)))
        .isInstanceOf(CognitoIdentityProviderException.class)
        .hasMessageContaining(LOCKED);
    assertThat(lockItem(email))
        .containsEntry("wrongCodes", AttributeValue.fromN("5"))
        .containsKey("lockedAt");

    // The right code of the waiting sign-in, typed after the fifth wrong one, gets nothing.
    assertThatThrownBy(() -> waiting.answer(waitingCode))
        .isInstanceOf(CognitoIdentityProviderException.class)
        .hasMessageContaining(LOCKED);
    assertThat(waiting.tokens()).isNull();

    // The next sign-in: no code email, and it says the account is locked.
    int emailsBefore = stack.ses.emailsTo(email).size();
    assertThatThrownBy(() -> StepwiseSignIn.start(stack, email))
        .isInstanceOf(CognitoIdentityProviderException.class)
        .hasMessageContaining(LOCKED);
    assertThat(stack.ses.emailsTo(email)).hasSize(emailsBefore);

    // One lock email, with no code in it, saying how to get back in.
    assertThat(lockEmails(email)).isEqualTo(1);
    SesEmulator.Email notice =
        stack.ses.emailsTo(email).stream()
            .filter(e -> e.subject().equals(LOCK_SUBJECT))
            .findFirst()
            .orElseThrow();
    assertThat(notice.text())
        .contains("5 wrong codes in a row", "Forgot password")
        .doesNotContain(waitingCode, secondCode);

    // A password reset through ConfirmForgotPassword lifts the lock.
    stack.anonymous.forgotPassword(r -> r.clientId(stack.cognito.clientId()).username(email));
    String resetCode = stack.cognito.cognitoMessagesTo(email).getLast().code();
    stack.anonymous.confirmForgotPassword(
        r ->
            r.clientId(stack.cognito.clientId())
                .username(email)
                .confirmationCode(resetCode)
                .password(LocalStack.PASSWORD));
    assertThat(lockItem(email)).as("the reset deleted the lock item").isEmpty();
    assertThat(
            stack
                .signInFlow(line -> {})
                .signIn(email, LocalStack.PASSWORD, stack.emailedCodes(email))
                .idToken())
        .isNotBlank();
    assertThat(lockEmails(email)).isEqualTo(1);
  }

  @Test
  void wrongCodesWithASuccessInBetweenNeverLock() throws Exception {
    String email = stack.newUser();
    for (int round = 0; round < 3; round++) {
      // Four wrong codes over two sign-ins, then a sign-in with a wrong code and the right one.
      StepwiseSignIn one = StepwiseSignIn.start(stack, email);
      answerWrong(one);
      answerWrong(one);
      StepwiseSignIn two = StepwiseSignIn.start(stack, email);
      answerWrong(two);
      answerWrong(two);
      StepwiseSignIn three = StepwiseSignIn.start(stack, email);
      three.answer(newestCode(email));
      assertThat(three.tokens()).as("round " + round).isNotNull();
      assertThat(lockItem(email)).as("a right code clears the count").isEmpty();
    }
    assertThat(lockEmails(email)).isZero();
  }

  @Test
  void fiftyWrongAnswersAtOnceLockAtExactlyTheLimitAndEmailOnce() throws Exception {
    String email = stack.newUser();
    List<StepwiseSignIn> signIns = new ArrayList<>();
    List<String> codes = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      signIns.add(StepwiseSignIn.start(stack, email));
      codes.add(newestCode(email));
    }
    CountDownLatch go = new CountDownLatch(1);
    List<Future<String>> answers = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(50)) {
      for (int i = 0; i < 50; i++) {
        StepwiseSignIn signIn = signIns.get(i);
        String wrong = wrongCodeFor(codes.get(i));
        answers.add(
            pool.submit(
                () -> {
                  go.await();
                  try {
                    RespondToAuthChallengeResponse next = signIn.answer(wrong);
                    return next.authenticationResult() == null ? "WRONG" : "TOKENS";
                  } catch (CognitoIdentityProviderException e) {
                    return e.getMessage().contains(LOCKED) ? "LOCKED" : "FAILED: " + e.getMessage();
                  }
                }));
      }
      go.countDown();
      List<String> outcomes = new ArrayList<>();
      for (Future<String> answer : answers) {
        outcomes.add(answer.get());
      }
      assertThat(outcomes).doesNotContain("TOKENS");
      assertThat(outcomes).filteredOn(o -> o.startsWith("FAILED")).isEmpty();
      assertThat(outcomes).filteredOn("WRONG"::equals).hasSize(4);
      assertThat(outcomes).filteredOn("LOCKED"::equals).hasSize(46);
    }
    assertThat(lockItem(email))
        .containsEntry("wrongCodes", AttributeValue.fromN("5"))
        .containsKey("lockedAt");
    assertThat(lockEmails(email)).isEqualTo(1);
  }

  @Test
  void theStoreDownLocksNobodyAndLetsNobodyIn() throws Exception {
    String email = stack.newUser();
    StepwiseSignIn right = StepwiseSignIn.start(stack, email);
    String rightCode = newestCode(email);
    StepwiseSignIn wrong = StepwiseSignIn.start(stack, email);
    String wrongCode = wrongCodeFor(newestCode(email));
    stack.cognito.dynamoDb().stop();
    try {
      assertThatThrownBy(() -> right.answer(rightCode))
          .isInstanceOf(CognitoIdentityProviderException.class)
          .hasMessageContaining("The code was right, but the sign-in could not be completed");
      assertThat(right.tokens()).isNull();
      assertThatThrownBy(() -> wrong.answer(wrongCode))
          .isInstanceOf(CognitoIdentityProviderException.class)
          .hasMessageContaining("The code was wrong, and the sign-in cannot go on right now");
      assertThatThrownBy(() -> StepwiseSignIn.start(stack, email))
          .isInstanceOf(CognitoIdentityProviderException.class)
          .hasMessageContaining("The sign-in code could not be sent. Try again in a moment")
          .hasMessageNotContaining("Table");
    } finally {
      stack.cognito.dynamoDb().restart();
    }
    assertThat(lockItem(email)).as("nobody locked").isEmpty();
    assertThat(lockEmails(email)).isZero();
    assertThat(
            stack
                .signInFlow(line -> {})
                .signIn(email, LocalStack.PASSWORD, stack.emailedCodes(email))
                .idToken())
        .isNotBlank();
  }
}
