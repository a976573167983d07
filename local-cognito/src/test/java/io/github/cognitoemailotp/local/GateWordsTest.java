package io.github.cognitoemailotp.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cognitoemailotp.client.SignInFlow;
import io.github.cognitoemailotp.layer.gate.TokenRefusal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The clients recognise the token gate's refusal after a new password by its words, which the layer
 * declares once ({@link TokenRefusal#PASSWORD_CHANGED}): the example client and the web page must
 * still match them, or an invited user's first sign-in would stop instead of signing in again.
 */
class GateWordsTest {

  @Test
  void theExampleClientMatchesTheGatesPasswordChangedRefusal() {
    assertThat(SignInFlow.GATE_PASSWORD_CHANGED).isEqualTo(TokenRefusal.PASSWORD_CHANGED);
  }

  @Test
  void theWebPageMatchesTheGatesPasswordChangedRefusal() throws IOException {
    String page = Files.readString(Path.of("..", "example-client", "web", "src", "page.js"));
    assertThat(page).contains("/^PreTokenGeneration failed with error Password changed\\./");
    assertThat(TokenRefusal.PASSWORD_CHANGED).startsWith("Password changed.");
  }

  @Test
  void theWebPageShowsTheGatesRefusalsAsTheyAre() throws IOException {
    String failures =
        Files.readString(Path.of("..", "example-client", "web", "src", "failures.js"));
    assertThat(failures)
        .contains(
            "/^PreTokenGeneration failed with error (Password changed|Sign-in needs the emailed"
                + " code)\\./");
    assertThat(TokenRefusal.SIGN_IN_AGAIN).startsWith("Sign-in needs the emailed code.");
  }

  @Test
  void theWebPageShowsTheLockAndTheStoresFailuresAsTheyAre() throws IOException {
    String failures =
        Files.readString(Path.of("..", "example-client", "web", "src", "failures.js"));
    assertThat(failures)
        .contains("(Sign-in codes are paused|The code was right, but|The code was wrong, and)");
    assertThat(io.github.cognitoemailotp.layer.lock.UserLock.LOCKED_MESSAGE)
        .startsWith("Sign-in codes are paused");
    assertThat(io.github.cognitoemailotp.layer.VerifyAuthChallenge.NOT_RECORDED)
        .startsWith("The code was right, but");
    assertThat(io.github.cognitoemailotp.layer.VerifyAuthChallenge.NOT_COUNTED)
        .startsWith("The code was wrong, and");
  }
}
