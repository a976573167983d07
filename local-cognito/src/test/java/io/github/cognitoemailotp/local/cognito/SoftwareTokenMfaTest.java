package io.github.cognitoemailotp.local.cognito;

import static io.github.cognitoemailotp.local.cognito.LocalPool.CLIENT;
import static io.github.cognitoemailotp.local.cognito.LocalPool.CODE;
import static io.github.cognitoemailotp.local.cognito.LocalPool.PASSWORD;
import static io.github.cognitoemailotp.local.cognito.LocalPool.POOL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cognitoemailotp.local.lambda.Trigger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeMismatchException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.EnableSoftwareTokenMfaException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolMfaType;

/**
 * Pool MFA with software tokens (real TOTP): SOFTWARE_TOKEN_MFA or MFA_SETUP after a correct
 * PASSWORD_VERIFIER instead of Define, then tokens without Define (the worst case reported,
 * aws-amplify/amplify-js #3876).
 */
class SoftwareTokenMfaTest {

  @TempDir Path directory;
  private LocalPool pool;

  @BeforeEach
  void start() throws Exception {
    pool = new LocalPool(directory, Map.of());
  }

  @AfterEach
  void stop() {
    pool.close();
  }

  private void mfa(UserPoolMfaType configuration) {
    pool.admin.setUserPoolMfaConfig(
        r ->
            r.userPoolId(POOL)
                .mfaConfiguration(configuration)
                .softwareTokenMfaConfiguration(c -> c.enabled(true)));
  }

  /** A user who set up TOTP with an access token and turned it on; returns the secret. */
  private String totpUser(String email) {
    var challenge = pool.customAuthPassword(email, PASSWORD);
    String accessToken =
        pool.answer(challenge, CODE, Map.of()).authenticationResult().accessToken();
    String secret =
        pool.anonymous.associateSoftwareToken(r -> r.accessToken(accessToken)).secretCode();
    String wrong = Totp.code(secret, Instant.now().plusSeconds(300));
    assertThatThrownBy(
            () ->
                pool.anonymous.verifySoftwareToken(r -> r.accessToken(accessToken).userCode(wrong)))
        .isInstanceOf(EnableSoftwareTokenMfaException.class);
    assertThat(
            pool.anonymous
                .verifySoftwareToken(
                    r -> r.accessToken(accessToken).userCode(Totp.code(secret, Instant.now())))
                .statusAsString())
        .isEqualTo("SUCCESS");
    pool.admin.adminSetUserMFAPreference(
        r ->
            r.userPoolId(POOL)
                .username(email)
                .softwareTokenMfaSettings(s -> s.enabled(true).preferredMfa(true)));
    pool.calls.clear();
    return secret;
  }

  private RespondToAuthChallengeResponse answerTotp(
      RespondToAuthChallengeResponse challenge, String code) {
    return pool.anonymous.respondToAuthChallenge(
        r ->
            r.clientId(CLIENT)
                .challengeName(ChallengeNameType.SOFTWARE_TOKEN_MFA)
                .session(challenge.session())
                .challengeResponses(
                    Map.of(
                        "USERNAME",
                        challenge.challengeParameters().get("USER_ID_FOR_SRP"),
                        "SOFTWARE_TOKEN_MFA_CODE",
                        code)));
  }

  @Test
  void poolMfaIsOffUntilSetAndNeedsAnEnabledFactor() {
    assertThat(pool.admin.getUserPoolMfaConfig(r -> r.userPoolId(POOL)).mfaConfigurationAsString())
        .isEqualTo("OFF");
    assertThatThrownBy(
            () ->
                pool.admin.setUserPoolMfaConfig(
                    r -> r.userPoolId(POOL).mfaConfiguration(UserPoolMfaType.ON)))
        .isInstanceOf(InvalidParameterException.class);
    mfa(UserPoolMfaType.OPTIONAL);
    assertThat(
            pool.admin
                .describeUserPool(r -> r.userPoolId(POOL))
                .userPool()
                .mfaConfigurationAsString())
        .isEqualTo("OPTIONAL");
  }

  @Test
  void totpUserOnAnOptionalPoolGetsTokensAfterTheTotpCodeWithoutDefine() {
    mfa(UserPoolMfaType.OPTIONAL);
    String email = pool.confirmedUser("totp");
    String secret = totpUser(email);
    var user = pool.admin.adminGetUser(r -> r.userPoolId(POOL).username(email));
    assertThat(user.userMFASettingList()).containsExactly("SOFTWARE_TOKEN_MFA");
    assertThat(user.preferredMfaSetting()).isEqualTo("SOFTWARE_TOKEN_MFA");

    RespondToAuthChallengeResponse challenge = pool.customAuthPassword(email, PASSWORD);
    assertThat(challenge.challengeNameAsString()).isEqualTo("SOFTWARE_TOKEN_MFA");
    assertThat(pool.triggersCalled()).containsExactly(Trigger.DEFINE_AUTH_CHALLENGE);
    var tokens = answerTotp(challenge, Totp.code(secret, Instant.now()));
    assertThat(tokens.authenticationResult().idToken()).isNotBlank();
    assertThat(pool.triggersCalled())
        .containsExactly(Trigger.DEFINE_AUTH_CHALLENGE, Trigger.PRE_TOKEN_GENERATION);
    assertThat(pool.calls.getLast().source()).isEqualTo("TokenGeneration_Authentication");
  }

  @Test
  void wrongTotpCodeIsACodeMismatch() {
    String email = pool.confirmedUser("totp-wrong");
    String secret = totpUser(email);
    mfa(UserPoolMfaType.ON);
    RespondToAuthChallengeResponse challenge = pool.customAuthPassword(email, PASSWORD);
    assertThatThrownBy(
            () -> answerTotp(challenge, Totp.code(secret, Instant.now().plusSeconds(300))))
        .isInstanceOf(CodeMismatchException.class);
    assertThat(pool.triggersCalled()).containsExactly(Trigger.DEFINE_AUTH_CHALLENGE);
  }

  @Test
  void userWithoutMfaOnAnOptionalPoolGoesOnToDefine() {
    mfa(UserPoolMfaType.OPTIONAL);
    String email = pool.confirmedUser("no-mfa");
    assertThat(pool.customAuthPassword(email, PASSWORD).challengeNameAsString())
        .isEqualTo("CUSTOM_CHALLENGE");
  }

  @Test
  void userWithoutMfaOnAPoolWithMfaOnSetsUpTotpAndGetsTokensWithoutDefine() {
    mfa(UserPoolMfaType.ON);
    String email = pool.confirmedUser("setup");
    RespondToAuthChallengeResponse challenge = pool.customAuthPassword(email, PASSWORD);
    assertThat(challenge.challengeNameAsString()).isEqualTo("MFA_SETUP");
    assertThat(challenge.challengeParameters())
        .containsEntry("MFAS_CAN_SETUP", "[\"SOFTWARE_TOKEN_MFA\"]");
    var associated = pool.anonymous.associateSoftwareToken(r -> r.session(challenge.session()));
    var verified =
        pool.anonymous.verifySoftwareToken(
            r ->
                r.session(associated.session())
                    .userCode(Totp.code(associated.secretCode(), Instant.now())));
    assertThat(verified.statusAsString()).isEqualTo("SUCCESS");
    var tokens =
        pool.anonymous.respondToAuthChallenge(
            r ->
                r.clientId(CLIENT)
                    .challengeName(ChallengeNameType.MFA_SETUP)
                    .session(verified.session())
                    .challengeResponses(Map.of("USERNAME", email)));
    assertThat(tokens.authenticationResult().idToken()).isNotBlank();
    assertThat(pool.triggersCalled())
        .containsExactly(Trigger.DEFINE_AUTH_CHALLENGE, Trigger.PRE_TOKEN_GENERATION);
    assertThat(pool.customAuthPassword(email, PASSWORD).challengeNameAsString())
        .isEqualTo("SOFTWARE_TOKEN_MFA");
  }
}
