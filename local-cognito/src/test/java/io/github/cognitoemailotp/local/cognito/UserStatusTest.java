package io.github.cognitoemailotp.local.cognito;

import static io.github.cognitoemailotp.local.cognito.LocalPool.CLIENT;
import static io.github.cognitoemailotp.local.cognito.LocalPool.CODE;
import static io.github.cognitoemailotp.local.cognito.LocalPool.PASSWORD;
import static io.github.cognitoemailotp.local.cognito.LocalPool.POOL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PasswordResetRequiredException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotConfirmedException;

/**
 * Users Cognito refuses at InitiateAuth, before any trigger and whatever the password: unconfirmed,
 * disabled, waiting for a password reset; on a client with PreventUserExistenceErrors ENABLED (the
 * stack's), as on AWS.
 */
class UserStatusTest {

  @TempDir Path directory;
  private LocalPool pool;

  @AfterEach
  void stop() {
    if (pool != null) {
      pool.close();
    }
  }

  private String tokensFor(String email) {
    var challenge = pool.customAuthPassword(email, PASSWORD);
    return pool.answer(challenge, CODE, Map.of()).authenticationResult().refreshToken();
  }

  @ParameterizedTest
  @ValueSource(strings = {PASSWORD, "Wrong-passw0rd"})
  void unconfirmedUserIsRefusedBeforeAnyTriggerWhateverThePassword(String password)
      throws Exception {
    pool = new LocalPool(directory, Map.of("AllowSelfSignUp", "true"));
    String email = "unconfirmed-" + System.nanoTime() + "@example.com";
    pool.anonymous.signUp(request -> request.clientId(CLIENT).username(email).password(PASSWORD));
    assertThatThrownBy(() -> pool.customAuthPassword(email, password))
        .isInstanceOf(UserNotConfirmedException.class)
        .hasMessageStartingWith("User is not confirmed.");
    assertThat(pool.triggersCalled()).isEmpty();
  }

  @Test
  void disabledUserIsRefusedAndItsRefreshTokensStayRevokedOnceEnabledAgain() throws Exception {
    pool = new LocalPool(directory, Map.of());
    String email = pool.confirmedUser("disabled");
    String refreshToken = tokensFor(email);
    pool.admin.adminDisableUser(request -> request.userPoolId(POOL).username(email));
    assertThat(pool.admin.adminGetUser(r -> r.userPoolId(POOL).username(email)).enabled())
        .isFalse();
    pool.calls.clear();
    assertThatThrownBy(() -> pool.customAuthPassword(email, "Wrong-passw0rd"))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageStartingWith("User is disabled.");
    assertThatThrownBy(() -> refresh(refreshToken))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageStartingWith("User is disabled.");
    assertThat(pool.triggersCalled()).isEmpty();

    pool.admin.adminEnableUser(request -> request.userPoolId(POOL).username(email));
    assertThatThrownBy(() -> refresh(refreshToken))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageStartingWith("Refresh Token has been revoked");
    String fresh = tokensFor(email);
    assertThat(refresh(fresh)).isNotBlank();
  }

  @Test
  void resetRequiredUserIsRefusedUntilTheMailedCodeSetsANewPassword() throws Exception {
    pool = new LocalPool(directory, Map.of());
    String email = pool.confirmedUser("reset");
    pool.admin.adminResetUserPassword(request -> request.userPoolId(POOL).username(email));
    assertThat(
            pool.admin.adminGetUser(r -> r.userPoolId(POOL).username(email)).userStatusAsString())
        .isEqualTo("RESET_REQUIRED");
    assertThatThrownBy(() -> pool.customAuthPassword(email, PASSWORD))
        .isInstanceOf(PasswordResetRequiredException.class)
        .hasMessageStartingWith("Password reset required for the user");
    assertThat(pool.triggersCalled()).isEmpty();
    String code = pool.service.messagesTo(email).getLast().code();
    pool.anonymous.confirmForgotPassword(
        request ->
            request
                .clientId(CLIENT)
                .username(email)
                .confirmationCode(code)
                .password("N3w-passw0rd"));
    assertThat(
            pool.admin.adminGetUser(r -> r.userPoolId(POOL).username(email)).userStatusAsString())
        .isEqualTo("CONFIRMED");
    var challenge = pool.customAuthPassword(email, "N3w-passw0rd");
    assertThat(challenge.challengeNameAsString()).isEqualTo("CUSTOM_CHALLENGE");
  }

  @Test
  void userSrpAuthRefusesTheSameUsers() throws Exception {
    pool = new LocalPool(directory, Map.of());
    String legacy =
        pool.admin
            .createUserPoolClient(r -> r.userPoolId(POOL).clientName("legacy"))
            .userPoolClient()
            .clientId();
    String email = pool.confirmedUser("srp");
    pool.admin.adminDisableUser(request -> request.userPoolId(POOL).username(email));
    assertThatThrownBy(() -> pool.password(AuthFlowType.USER_SRP_AUTH, email, PASSWORD, legacy))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageStartingWith("User is disabled.");
  }

  private String refresh(String refreshToken) {
    return pool.anonymous
        .initiateAuth(
            request ->
                request
                    .clientId(CLIENT)
                    .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                    .authParameters(Map.of("REFRESH_TOKEN", refreshToken)))
        .authenticationResult()
        .idToken();
  }
}
