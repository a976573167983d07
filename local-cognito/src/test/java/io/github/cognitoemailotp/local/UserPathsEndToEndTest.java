package io.github.cognitoemailotp.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;

/**
 * Users Cognito refuses before any trigger (disabled, RESET_REQUIRED), and ForgotPassword under the
 * template's default PasswordRecovery (admin-only), on the shared stack with the real functions: no
 * email is sent to a refused user, and a refused user's refresh token is refused too.
 */
@ExtendWith(LocalStack.Extension.class)
class UserPathsEndToEndTest {

  private static String refresh(LocalStack stack, String refreshToken) {
    return stack
        .anonymous
        .initiateAuth(
            request ->
                request
                    .clientId(stack.cognito.clientId())
                    .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                    .authParameters(Map.of("REFRESH_TOKEN", refreshToken)))
        .authenticationResult()
        .idToken();
  }

  private static JavaScriptSignIn javaScript(LocalStack stack, String email, String password)
      throws Exception {
    return JavaScriptSignIn.run(
        stack.cognito.endpoint(),
        stack.cognito.userPoolId(),
        stack.cognito.clientId(),
        email,
        password,
        stack.ses.url(),
        null,
        null);
  }

  @Test
  void disabledUserIsRefusedWithoutAnEmailAndItsRefreshTokenStaysRevoked(LocalStack stack)
      throws Exception {
    String email = stack.newUser();
    AuthenticationResultType tokens =
        stack.signInFlow(line -> {}).signIn(email, LocalStack.PASSWORD, stack.emailedCodes(email));
    assertThat(stack.ses.emailsTo(email)).hasSize(1);
    stack.admin.adminDisableUser(r -> r.userPoolId(stack.cognito.userPoolId()).username(email));

    JavaScriptSignIn refused = javaScript(stack, email, LocalStack.PASSWORD);
    assertThat(refused.signedIn()).isFalse();
    assertThat(refused.output()).contains("NotAuthorizedException", "User is disabled.");
    assertThat(javaScript(stack, email, "Wr0ng-password").output()).contains("User is disabled.");
    assertThatThrownBy(() -> refresh(stack, tokens.refreshToken()))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageStartingWith("User is disabled.");
    assertThat(stack.ses.emailsTo(email)).as("no code mailed to a disabled user").hasSize(1);

    stack.admin.adminEnableUser(r -> r.userPoolId(stack.cognito.userPoolId()).username(email));
    assertThatThrownBy(() -> refresh(stack, tokens.refreshToken()))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageStartingWith("Refresh Token has been revoked");
    JavaScriptSignIn again = javaScript(stack, email, LocalStack.PASSWORD);
    assertThat(again.signedIn()).as(again.output()).isTrue();
    assertThat(again.output()).contains("\"steps\":[\"CUSTOM_CHALLENGE\"]");
    assertThat(stack.ses.emailsTo(email)).hasSize(2);
  }

  @Test
  void resetRequiredUserIsRefusedWithoutAnEmailUntilItSetsANewPasswordThenNeedsTheCode(
      LocalStack stack) throws Exception {
    String email = stack.newUser();
    stack.admin.adminResetUserPassword(
        r -> r.userPoolId(stack.cognito.userPoolId()).username(email));
    JavaScriptSignIn refused = javaScript(stack, email, LocalStack.PASSWORD);
    assertThat(refused.output())
        .contains("PasswordResetRequiredException", "Password reset required for the user");
    assertThat(stack.ses.emailsTo(email)).isEmpty();

    String code = stack.cognito.cognitoMessagesTo(email).getLast().code();
    stack.anonymous.confirmForgotPassword(
        r ->
            r.clientId(stack.cognito.clientId())
                .username(email)
                .confirmationCode(code)
                .password("N3w-passw0rd"));
    JavaScriptSignIn signedIn = javaScript(stack, email, "N3w-passw0rd");
    assertThat(signedIn.signedIn()).as(signedIn.output()).isTrue();
    assertThat(signedIn.output()).contains("\"steps\":[\"CUSTOM_CHALLENGE\"]");
    assertThat(stack.ses.emailsTo(email)).hasSize(1);
  }

  @Test
  void forgotPasswordIsRefusedUnderTheDefaultAdminOnlyRecovery(LocalStack stack) {
    String email = stack.newUser();
    assertThatThrownBy(
            () ->
                stack.anonymous.forgotPassword(
                    r -> r.clientId(stack.cognito.clientId()).username(email)))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageStartingWith("Contact administrator to reset password.");
    assertThat(stack.cognito.cognitoMessagesTo(email)).isEmpty();
  }
}
