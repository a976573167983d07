package io.github.cognitoemailotp.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cognitoemailotp.client.ExitCode;
import io.github.cognitoemailotp.client.NewPasswordPrompt;
import io.github.cognitoemailotp.client.SignInException;
import io.github.cognitoemailotp.client.audit.StackFunctions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;

/**
 * An invited user's first sign-in through the example client against the local stack: the temporary
 * password, NEW_PASSWORD_REQUIRED answered with the new password typed twice, then either (the
 * stack's token gate) the gate's refusal and a new sign-in with the new password and the emailed
 * code, or (a template without the gate) tokens without the code, which the client refuses with
 * exit code 12. Never tokens accepted without the code.
 */
@ExtendWith(LocalStack.Extension.class)
class InvitedUserEndToEndTest {

  static final String TEMPORARY = "Temp-passw0rd1";
  static final String CHOSEN = "Ch0sen-passw0rd1";

  static String invite(LocalStack stack) {
    String email = "invited-" + System.nanoTime() + "@example.com";
    stack.admin.adminCreateUser(
        request ->
            request
                .userPoolId(stack.cognito.userPoolId())
                .username(email)
                .temporaryPassword(TEMPORARY)
                .messageAction("SUPPRESS")
                .userAttributes(
                    AttributeType.builder().name("email").value(email).build(),
                    AttributeType.builder().name("email_verified").value("true").build()));
    return email;
  }

  static boolean hasTheGate(LocalStack stack) {
    return stack.cognito.lambdaConfig().containsKey(StackFunctions.TOKEN_GATE_TRIGGER);
  }

  static NewPasswordPrompt typed(String... entries) {
    Deque<String> queue = new ArrayDeque<>(List.of(entries));
    return prompt -> queue.pollFirst();
  }

  String status(LocalStack stack, String email) {
    return stack
        .admin
        .adminGetUser(r -> r.userPoolId(stack.cognito.userPoolId()).username(email))
        .userStatusAsString();
  }

  @Test
  void theFirstSignInSetsTheNewPasswordAndNeverTakesTokensWithoutTheCode(LocalStack stack)
      throws Exception {
    String email = invite(stack);
    List<String> said = new ArrayList<>();
    if (hasTheGate(stack)) {
      String idToken =
          stack
              .signInFlow(said::add)
              .signIn(email, TEMPORARY, stack.emailedCodes(email), typed(CHOSEN, CHOSEN))
              .idToken();
      assertThat(stack.tokenVerifier().verify(idToken).getStringClaim("email")).isEqualTo(email);
      assertThat(said)
          .contains("The new password is set. Signing in again with it, to get the emailed code.");
      assertThat(stack.ses.emailsTo(email)).hasSize(1);
    } else {
      assertThatThrownBy(
              () ->
                  stack
                      .signInFlow(said::add)
                      .signIn(email, TEMPORARY, stack.emailedCodes(email), typed(CHOSEN, CHOSEN)))
          .hasMessageContaining("without the emailed code")
          .extracting(e -> ((SignInException) e).exitCode())
          .isEqualTo(ExitCode.TOKENS_WITHOUT_CODE);
      assertThat(stack.ses.emailsTo(email)).isEmpty();
    }
    assertThat(status(stack, email)).isEqualTo("CONFIRMED");
    assertThat(
            stack.signInFlow(line -> {}).signIn(email, CHOSEN, stack.emailedCodes(email)).idToken())
        .as("afterwards the new password and the code sign in")
        .isNotBlank();
  }

  @Test
  void newPasswordEntriesThatNeverAgreeLeaveTheTemporaryPassword(LocalStack stack) {
    String email = invite(stack);
    assertThatThrownBy(
            () ->
                stack
                    .signInFlow(line -> {})
                    .signIn(
                        email,
                        TEMPORARY,
                        stack.emailedCodes(email),
                        typed(
                            "A-passw0rd1",
                            "B-passw0rd1",
                            "A-passw0rd1",
                            "B-passw0rd1",
                            "A-1",
                            "B-1")))
        .extracting(e -> ((SignInException) e).exitCode())
        .isEqualTo(ExitCode.NEW_PASSWORD_NOT_SET);
    assertThat(status(stack, email)).isEqualTo("FORCE_CHANGE_PASSWORD");
    assertThat(stack.ses.emailsTo(email)).isEmpty();
  }

  @Test
  void theCommandLineReadsTheNewPasswordTwiceFromStdin(LocalStack stack) throws Exception {
    String email = invite(stack);
    Path jar = Path.of("..", "example-client", "target", "example-client.jar");
    assertThat(jar).as("built by the example-client module").exists();
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-jar",
            jar.toString(),
            "--endpoint-url",
            stack.cognito.endpoint(),
            "--pool-id",
            stack.cognito.userPoolId(),
            "--client-id",
            stack.cognito.clientId(),
            "--username",
            email);
    Process client = builder.start();
    StringBuilder stderr = new StringBuilder();
    Thread errors =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    stderr.append(
                        new String(client.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
                  } catch (java.io.IOException e) {
                    stderr.append(e);
                  }
                });
    try (var stdin = client.getOutputStream()) {
      stdin.write(
          (TEMPORARY + "\n" + CHOSEN + "\n" + CHOSEN + "\n").getBytes(StandardCharsets.UTF_8));
      stdin.flush();
      if (hasTheGate(stack)) {
        String code = null;
        for (int i = 0; i < 400 && code == null; i++) {
          if (!stack.ses.emailsTo(email).isEmpty()) {
            code = SesEmulator.codeIn(stack.ses.emailsTo(email).getLast());
          } else {
            Thread.sleep(50);
          }
        }
        assertThat(code).as("a code was emailed after the new sign-in").isNotNull();
        stdin.write((code + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    assertThat(client.waitFor(60, TimeUnit.SECONDS)).isTrue();
    errors.join(5_000);
    String out = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (hasTheGate(stack)) {
      assertThat(client.exitValue()).as(stderr.toString()).isZero();
      assertThat(stderr).contains("Signing in again with it");
      assertThat(out).contains("Signed in as " + email);
    } else {
      assertThat(client.exitValue()).as(stderr.toString()).isEqualTo(12);
      assertThat(stderr).contains("WARNING", "without the emailed code");
      assertThat(out).isEmpty();
    }
  }
}
