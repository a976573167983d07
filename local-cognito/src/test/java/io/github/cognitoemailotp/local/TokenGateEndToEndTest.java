package io.github.cognitoemailotp.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cognitoemailotp.layer.gate.TokenRefusal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same existing pool as {@link WithoutTokenGateEndToEndTest} (MFA OPTIONAL, a TOTP user, an
 * invited user), with template.yaml as it is, its token gate wired: on the paths where Cognito
 * issues tokens without asking Define again, no tokens come without the emailed code; an invited
 * user still gets in with the new password and the code.
 */
class TokenGateEndToEndTest {

  static ExistingPoolWithMfa pool;

  @BeforeAll
  static void start() throws Exception {
    assertThat(TokenGateTemplates.templateHasTokenGate())
        .as("template.yaml wires the token gate")
        .isTrue();
    pool = ExistingPoolWithMfa.start(TokenGateTemplates.TEMPLATE, "function-logs-token-gate");
    assertThat(pool.cognito.lambdaConfig()).containsKey("PreTokenGeneration");
  }

  @AfterAll
  static void stop() {
    if (pool != null) {
      pool.close();
    }
  }

  @Test
  void withTheGateATotpUserGetsNoTokensWithoutTheEmailedCode() throws Exception {
    JavaScriptSignIn run =
        pool.javaScript(pool.totpUser, ExistingPoolWithMfa.PASSWORD, null, pool.totpSecret);
    assertThat(run.signedIn()).as(run.output()).isFalse();
    assertThat(run.output())
        .contains("\"steps\":[\"SOFTWARE_TOKEN_MFA\"]")
        .contains("UserLambdaValidationException")
        .contains("PreTokenGeneration failed with error " + TokenRefusal.SIGN_IN_AGAIN);
    assertThat(pool.ses.emailsTo(pool.totpUser)).isEmpty();
  }

  @Test
  void withTheGateAnInvitedUserSetsTheNewPasswordThenSignsInWithTheEmailedCode() throws Exception {
    JavaScriptSignIn first =
        pool.javaScript(
            pool.invitedUser, ExistingPoolWithMfa.TEMPORARY_PASSWORD, "Ch0sen-passw0rd", null);
    assertThat(first.signedIn()).as(first.output()).isFalse();
    assertThat(first.output())
        .contains("\"steps\":[\"NEW_PASSWORD_REQUIRED\"]")
        .contains("PreTokenGeneration failed with error " + TokenRefusal.PASSWORD_CHANGED);
    assertThat(pool.ses.emailsTo(pool.invitedUser)).isEmpty();

    JavaScriptSignIn again = pool.javaScript(pool.invitedUser, "Ch0sen-passw0rd", null, null);
    assertThat(again.signedIn()).as(again.output()).isTrue();
    assertThat(again.output()).contains("\"steps\":[\"CUSTOM_CHALLENGE\"]");
    assertThat(pool.ses.emailsTo(pool.invitedUser)).hasSize(1);
  }
}
