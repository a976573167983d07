package io.github.cognitoemailotp.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cognitoemailotp.client.CodePrompt;
import io.github.cognitoemailotp.client.SignInException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The per-user code-email budgets on the whole local stack (dynalite as the table, the template's
 * defaults: 10 emails per hour, 30 per day): sequential sign-ins until the budget is spent, 50
 * sign-ins of one user at once, resends spending it too, and the store stopped mid-run.
 */
@ExtendWith(LocalStack.Extension.class)
class BudgetEndToEndTest {

  static final int PER_HOUR = 10;

  static String signInOnce(LocalStack stack, String email) throws SignInException {
    return stack
        .signInFlow(line -> {})
        .signIn(email, LocalStack.PASSWORD, stack.emailedCodes(email))
        .idToken();
  }

  static SignInException failure(LocalStack stack, String email) {
    try {
      signInOnce(stack, email);
    } catch (SignInException e) {
      return e;
    }
    throw new AssertionError("the sign-in should have failed");
  }

  @Test
  void sequentialSignInsSucceedUntilTheHourlyBudgetIsSpentThenSayWhenToTryAgain(LocalStack stack)
      throws Exception {
    String email = stack.newUser();
    for (int i = 0; i < PER_HOUR; i++) {
      assertThat(signInOnce(stack, email)).isNotBlank();
    }
    SignInException spent = failure(stack, email);
    assertThat(spent.getMessage())
        .contains("Too many sign-in codes were sent to this account. Try again after")
        .contains("MAX_CODE_EMAILS_PER_HOUR");
    assertThat(stack.ses.emailsTo(email)).hasSize(PER_HOUR);
    assertThat(signInOnce(stack, stack.newUser())).as("another user is not affected").isNotBlank();
  }

  @Test
  void resendsSpendTheBudgetAndAreRefusedOnceItIsSpent(LocalStack stack) throws Exception {
    String email = stack.newUser();
    // Three sign-ins of a first code and two resends each: 9 emails.
    for (int signIn = 0; signIn < 3; signIn++) {
      int[] asked = {0};
      int before = stack.ses.emailsTo(email).size();
      CodePrompt resendTwice =
          challenge -> {
            SesEmulator.Email newest = stack.ses.awaitEmail(email, before + asked[0]);
            if (asked[0] < 2) {
              asked[0]++;
              return CodePrompt.RESEND;
            }
            return SesEmulator.codeIn(newest);
          };
      assertThat(
              stack
                  .signInFlow(line -> {})
                  .signIn(email, LocalStack.PASSWORD, resendTwice)
                  .idToken())
          .isNotBlank();
    }
    assertThat(stack.ses.emailsTo(email)).hasSize(9);
    // The tenth email is this sign-in's first code; its resend is refused, the code stays.
    List<String> resendAnswers = new ArrayList<>();
    int before = stack.ses.emailsTo(email).size();
    CodePrompt refusedResend =
        challenge -> {
          SesEmulator.Email first = stack.ses.awaitEmail(email, before);
          if (resendAnswers.isEmpty()) {
            resendAnswers.add("asked");
            return CodePrompt.RESEND;
          }
          resendAnswers.add(challenge.resend());
          resendAnswers.add(challenge.resendMessage());
          return SesEmulator.codeIn(first);
        };
    assertThat(
            stack
                .signInFlow(line -> {})
                .signIn(email, LocalStack.PASSWORD, refusedResend)
                .idToken())
        .as("the code already sent still works")
        .isNotBlank();
    assertThat(resendAnswers.get(1)).isEqualTo("REFUSED_BUDGET");
    assertThat(resendAnswers.get(2)).contains("too many codes were sent to this account");
    assertThat(stack.ses.emailsTo(email)).hasSize(PER_HOUR);
  }

  @Test
  void fiftySignInsOfOneUserAtOnceSendNoMoreThanTheBudgetAndTokensOnlyWithAnEmail(LocalStack stack)
      throws Exception {
    String email = stack.newUser();
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger tokens = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    try (ExecutorService pool = Executors.newFixedThreadPool(50)) {
      List<Future<?>> signIns = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        signIns.add(
            pool.submit(
                () -> {
                  start.await();
                  try {
                    // Each answers with the newest code emailed to the user, which is its own
                    // only when no other email came after it: tokens can never outnumber emails.
                    String token =
                        stack
                            .signInFlow(line -> {})
                            .signIn(
                                email,
                                LocalStack.PASSWORD,
                                challenge -> SesEmulator.codeIn(stack.ses.awaitEmail(email, 0)))
                            .idToken();
                    if (!token.isBlank()) {
                      tokens.incrementAndGet();
                    }
                  } catch (Exception e) {
                    failed.incrementAndGet();
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> signIn : signIns) {
        signIn.get();
      }
    }
    // Answers with another sign-in's code are wrong codes: after MaxConsecutiveWrongCodes of them
    // the user is locked and told once, in an email that holds no code and is no budget's.
    List<SesEmulator.Email> all = stack.ses.emailsTo(email);
    long lockEmails =
        all.stream().filter(e -> e.subject().equals(LockoutEndToEndTest.LOCK_SUBJECT)).count();
    assertThat(lockEmails).isLessThanOrEqualTo(1);
    int emails = all.size() - (int) lockEmails;
    assertThat(emails).isLessThanOrEqualTo(PER_HOUR);
    assertThat(tokens.get()).as("tokens only with an email").isLessThanOrEqualTo(emails);
    assertThat(tokens.get() + failed.get()).isEqualTo(50);
    assertThat(failed.get()).as("the sign-ins past the budget failed").isGreaterThanOrEqualTo(40);
    assertThat(emails).isPositive();
  }

  @Test
  void theStoreStoppedMidRunFailsSignInsClosedThenTheyWorkAgain(LocalStack stack) throws Exception {
    String email = stack.newUser();
    assertThat(signInOnce(stack, email)).isNotBlank();
    stack.cognito.dynamoDb().stop();
    try {
      SignInException down = failure(stack, email);
      assertThat(down.getMessage())
          .contains("The sign-in code could not be sent. Try again in a moment")
          .doesNotContain("table");
      assertThat(stack.ses.emailsTo(email)).as("no email while the store is down").hasSize(1);
    } finally {
      stack.cognito.dynamoDb().restart();
    }
    assertThat(signInOnce(stack, email)).isNotBlank();
  }
}
