package io.github.cognitoemailotp.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * AWS's JavaScript client (amazon-cognito-identity-js, src/test/js/sign-in-paths.js) signing in
 * with CUSTOM_AUTH and answering whatever Cognito asks after the password: a new password, a TOTP
 * code, the emailed code.
 *
 * @param exitCode 0 with tokens, 1 without
 * @param output its one JSON line: {@code ok}, the {@code steps} seen, and the error if any
 */
record JavaScriptSignIn(int exitCode, String output) {

  /**
   * @param newPassword the answer to NEW_PASSWORD_REQUIRED, or null
   * @param totpSecret the base32 secret for SOFTWARE_TOKEN_MFA, or null
   */
  static JavaScriptSignIn run(
      String endpoint,
      String userPoolId,
      String clientId,
      String username,
      String password,
      String sesUrl,
      String newPassword,
      String totpSecret)
      throws IOException, InterruptedException {
    Process node =
        new ProcessBuilder(
                "node",
                "src/test/js/sign-in-paths.js",
                endpoint,
                userPoolId,
                clientId,
                username,
                password,
                sesUrl,
                newPassword == null ? "-" : newPassword,
                totpSecret == null ? "-" : totpSecret)
            .redirectErrorStream(true)
            .start();
    String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new JavaScriptSignIn(node.exitValue(), output);
  }

  boolean signedIn() {
    return exitCode == 0 && output.contains("\"ok\":true");
  }
}
