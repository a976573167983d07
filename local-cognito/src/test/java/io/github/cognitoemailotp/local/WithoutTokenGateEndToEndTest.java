package io.github.cognitoemailotp.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bypasses a token gate has to close, shown on template.yaml with the gate unwired ({@link
 * TokenGateTemplates#withoutTokenGate}) on an existing pool with MFA and an invited user, through
 * the real functions and AWS's JavaScript client: Cognito's own challenges after the password
 * (SOFTWARE_TOKEN_MFA, NEW_PASSWORD_REQUIRED) end in tokens without Define being asked again, so
 * without the emailed code. These tests pass because local-cognito models the worst case reported;
 * with the gate wired, TokenGateEndToEndTest shows no tokens on the same paths.
 */
class WithoutTokenGateEndToEndTest {

  static ExistingPoolWithMfa pool;

  @BeforeAll
  static void start() throws Exception {
    pool =
        ExistingPoolWithMfa.start(
            TokenGateTemplates.withoutTokenGate(), "function-logs-without-token-gate");
    assertThat(pool.cognito.lambdaConfig()).doesNotContainKey("PreTokenGeneration");
  }

  @AfterAll
  static void stop() {
    if (pool != null) {
      pool.close();
    }
  }

  @Test
  void withoutTheGateATotpUserGetsTokensWithoutTheEmailedCode() throws Exception {
    JavaScriptSignIn run =
        pool.javaScript(pool.totpUser, ExistingPoolWithMfa.PASSWORD, null, pool.totpSecret);
    assertThat(run.signedIn()).as(run.output()).isTrue();
    assertThat(run.output()).contains("\"steps\":[\"SOFTWARE_TOKEN_MFA\"]");
    assertThat(pool.ses.emailsTo(pool.totpUser)).as("no code was ever sent").isEmpty();
  }

  @Test
  void withoutTheGateAnInvitedUserGetsTokensWithoutTheEmailedCode() throws Exception {
    JavaScriptSignIn run =
        pool.javaScript(
            pool.invitedUser, ExistingPoolWithMfa.TEMPORARY_PASSWORD, "Ch0sen-passw0rd", null);
    assertThat(run.signedIn()).as(run.output()).isTrue();
    assertThat(run.output()).contains("\"steps\":[\"NEW_PASSWORD_REQUIRED\"]");
    assertThat(pool.ses.emailsTo(pool.invitedUser)).as("no code was ever sent").isEmpty();
  }
}
