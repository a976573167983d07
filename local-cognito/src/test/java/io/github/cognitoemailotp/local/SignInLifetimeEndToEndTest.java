package io.github.cognitoemailotp.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;

/**
 * The end of a sign-in on the whole local stack, in real time: a sign-in kept alive by resends,
 * renewals and wrong codes, each step well inside its session's AuthSessionValidity, ends
 * MaxSignInMinutes after its first code, and not before.
 *
 * <p>The functions run in their own JVMs on the system clock, as on Lambda, and MaxSignInMinutes'
 * least value is 3, so this test waits for 3 minutes of real time: there is no clock to move in the
 * product, and none is added for tests. To spend those minutes once, three sign-ins of three users
 * run side by side on one schedule, each its own story:
 *
 * <ul>
 *   <li>the resender asks for new codes: its one resend (MaxResends=1) granted and the next
 *       refused, then a new code after each expiry all the same (RESEND_RENEWED), refused again 10
 *       s before the end; after the end its correct, unexpired code gets nothing;
 *   <li>the guesser answers wrong: a new code after each expiry (RENEWED), the same code before it;
 *       after the end its resend request fails, and no email is sent;
 *   <li>the finisher renews its code by resends (not counted as resends) and answers it 10 s before
 *       the end: tokens.
 * </ul>
 */
class SignInLifetimeEndToEndTest {

  private static final int MAX_SIGN_IN_MINUTES = 3;

  /** Long enough that the last renewal's code outlives the sign-in (two renewals, then 180 s). */
  private static final int CODE_TTL_SECONDS = 70;

  /** The parameters: the shortest sign-in, sessions and codes; budgets and attempts to spare. */
  private static final Map<String, String> PARAMETERS =
      Map.of(
          "MaxSignInMinutes", Integer.toString(MAX_SIGN_IN_MINUTES),
          "AuthSessionMinutes", "3",
          "CodeTtlSeconds", Integer.toString(CODE_TTL_SECONDS),
          "MaxResends", "1",
          "MaxAttempts", "5",
          "MaxCodeEmailsPerHour", "100",
          "MaxCodeEmailsPerDay", "1000");

  private static final Path LOGS = Path.of("target", "function-logs-lifetime");

  private final Set<String> sessions = new HashSet<>();

  @Test
  void resendsRenewalsAndWrongCodesKeepASignInAliveUntilMaxSignInMinutesAndNoLonger()
      throws Exception {
    try (LocalStack stack = LocalStack.start(PARAMETERS, 1, LOGS)) {
      StepwiseSignIn resender = started(stack, stack.newUser());
      StepwiseSignIn guesser = started(stack, stack.newUser());
      StepwiseSignIn finisher = started(stack, stack.newUser());
      Instant resenderEnd = endOf(resender);
      Instant guesserEnd = endOf(guesser);
      Instant finisherEnd = endOf(finisher);

      // At once: the one resend MaxResends allows is granted, the next refused.
      Instant before = resender.codeExpiresAt();
      resender.resend();
      assertNewSession(resender);
      assertThat(resender.parameter("resend")).isEqualTo("SENT");
      assertNewCode(stack, resender, 2, before, "0");
      before = resender.codeExpiresAt();
      resender.resend();
      assertNewSession(resender);
      assertThat(resender.parameter("resend")).isEqualTo("REFUSED_LIMIT");
      assertSameCode(stack, resender, 2, before);

      // Twice, each after the code in force expired: the resender's resends renew it whatever
      // MaxResends says, the guesser's wrong answers renew it, the finisher's resends renew it
      // without spending its resend.
      for (int renewal = 1; renewal <= 2; renewal++) {
        sleepUntil(resender.codeExpiresAt().plusSeconds(2));
        before = resender.codeExpiresAt();
        resender.resend();
        assertNewSession(resender);
        assertThat(resender.parameter("resend")).as("renewed after expiry").isEqualTo("SENT");
        assertNewCode(stack, resender, 2 + renewal, before.plusSeconds(CODE_TTL_SECONDS), "0");

        sleepUntil(guesser.codeExpiresAt().plusSeconds(2));
        before = guesser.codeExpiresAt();
        guesser.answer(wrongCode(stack, guesser));
        assertNewSession(guesser);
        assertNewCode(stack, guesser, 1 + renewal, before.plusSeconds(CODE_TTL_SECONDS), "1");
        assertThat(guesser.parameter("attemptsLeft")).isEqualTo(Integer.toString(5 - renewal));

        sleepUntil(finisher.codeExpiresAt().plusSeconds(2));
        before = finisher.codeExpiresAt();
        finisher.resend();
        assertNewSession(finisher);
        assertNewCode(stack, finisher, 1 + renewal, before.plusSeconds(CODE_TTL_SECONDS), "1");
      }

      // 10 s before the end, each code still valid: still alive.
      sleepUntil(resenderEnd.minusSeconds(10));
      Instant lastCodeExpiresAt = resender.codeExpiresAt();
      resender.resend();
      assertNewSession(resender);
      assertThat(resender.parameter("resend")).isEqualTo("REFUSED_LIMIT");
      assertSameCode(stack, resender, 4, lastCodeExpiresAt);

      sleepUntil(guesserEnd.minusSeconds(10));
      before = guesser.codeExpiresAt();
      guesser.answer(wrongCode(stack, guesser));
      assertNewSession(guesser);
      assertSameCode(stack, guesser, 3, before);
      assertThat(guesser.parameter("attemptsLeft")).isEqualTo("2");

      sleepUntil(finisherEnd.minusSeconds(10));
      finisher.answer(newestCode(stack, finisher));
      assertThat(finisher.tokens()).as("tokens 10 s before the end").isNotNull();
      assertThat(finisher.tokens().idToken()).isNotBlank();

      // Past the end: the resender's correct code, still inside its own CodeTtlSeconds, and the
      // guesser's resend request both end the sign-in as Cognito ends a failed one.
      long defineLog = size(LOGS.resolve("DefineAuthChallenge.log"));
      sleepUntil(resenderEnd.plusSeconds(3));
      String correct = newestCode(stack, resender);
      assertThat(lastCodeExpiresAt).as("the code itself is still valid").isAfter(Instant.now());
      assertThatThrownBy(() -> resender.answer(correct))
          .isInstanceOf(NotAuthorizedException.class)
          .hasMessageContaining("Incorrect username or password.");
      assertThat(resender.tokens()).isNull();

      sleepUntil(guesserEnd.plusSeconds(3));
      assertThatThrownBy(guesser::resend)
          .isInstanceOf(NotAuthorizedException.class)
          .hasMessageContaining("Incorrect username or password.");
      Thread.sleep(2_000);
      assertThat(stack.ses.emailsTo(guesser.email())).as("no email after the end").hasSize(3);
      assertThat(stack.ses.emailsTo(resender.email())).hasSize(4);
      assertThat(defineLogSince(defineLog, 2))
          .as("Define's reason, twice")
          .contains("longer than MAX_SIGN_IN_MINUTES (" + MAX_SIGN_IN_MINUTES + ") allows");
    }
  }

  private StepwiseSignIn started(LocalStack stack, String email) {
    StepwiseSignIn signIn = StepwiseSignIn.start(stack, email);
    stack.ses.awaitEmail(email, 0);
    assertThat(signIn.parameter("codeSent")).isEqualTo("true");
    assertThat(sessions.add(signIn.challenge().session())).isTrue();
    return signIn;
  }

  /** When the sign-in ends: MaxSignInMinutes after its first code was sent (the code's TTL ago). */
  private static Instant endOf(StepwiseSignIn signIn) {
    return signIn
        .codeExpiresAt()
        .minusSeconds(CODE_TTL_SECONDS)
        .plus(Duration.ofMinutes(MAX_SIGN_IN_MINUTES));
  }

  /** The step gave a code challenge with a session never seen before. */
  private void assertNewSession(StepwiseSignIn signIn) {
    assertThat(signIn.tokens()).isNull();
    assertThat(signIn.challenge().challengeNameAsString()).isEqualTo("CUSTOM_CHALLENGE");
    assertThat(sessions.add(signIn.challenge().session())).as("a new session").isTrue();
  }

  /**
   * A new code was emailed: the {@code emails}-th to the user, expiring no earlier than {@code
   * expiresNoEarlierThan} (codes expire in whole seconds, so a resend in the same second as the
   * code before expires with it).
   */
  private static void assertNewCode(
      LocalStack stack,
      StepwiseSignIn signIn,
      int emails,
      Instant expiresNoEarlierThan,
      String resendsLeft) {
    stack.ses.awaitEmail(signIn.email(), emails - 1);
    assertThat(stack.ses.emailsTo(signIn.email())).hasSize(emails);
    assertThat(signIn.parameter("codeSent")).isEqualTo("true");
    assertThat(signIn.codeExpiresAt()).isAfterOrEqualTo(expiresNoEarlierThan);
    assertThat(signIn.parameter("resendsLeft")).isEqualTo(resendsLeft);
  }

  /** No email: the code in force is the one before, with its expiry. */
  private static void assertSameCode(
      LocalStack stack, StepwiseSignIn signIn, int emails, Instant codeExpiresAt)
      throws InterruptedException {
    Thread.sleep(500);
    assertThat(stack.ses.emailsTo(signIn.email())).hasSize(emails);
    assertThat(signIn.parameter("codeSent")).isEqualTo("false");
    assertThat(signIn.codeExpiresAt()).isEqualTo(codeExpiresAt);
  }

  private static String newestCode(LocalStack stack, StepwiseSignIn signIn) {
    return SesEmulator.codeIn(stack.ses.emailsTo(signIn.email()).getLast());
  }

  private static String wrongCode(LocalStack stack, StepwiseSignIn signIn) {
    return newestCode(stack, signIn).equals("000000") ? "111111" : "000000";
  }

  private static void sleepUntil(Instant at) throws InterruptedException {
    long millis = Duration.between(Instant.now(), at).toMillis();
    if (millis > 0) {
      Thread.sleep(millis);
    }
  }

  private static long size(Path file) throws java.io.IOException {
    return Files.exists(file) ? Files.size(file) : 0;
  }

  /** Define's log after {@code mark}, once it holds {@code failures} failed sign-ins. */
  private static String defineLogSince(long mark, int failures) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    String text = "";
    while (System.nanoTime() < deadline) {
      byte[] all = Files.readAllBytes(LOGS.resolve("DefineAuthChallenge.log"));
      text = new String(all, (int) mark, all.length - (int) mark, StandardCharsets.UTF_8);
      if (text.split("longer than MAX_SIGN_IN_MINUTES", -1).length > failures) {
        return text;
      }
      Thread.sleep(50);
    }
    return text;
  }
}
