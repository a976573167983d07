package io.github.cognitoemailotp.local;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UnauthorizedException;

/**
 * Signing out with RevokeToken, as both web libraries do: the refresh token, and the access tokens
 * issued with it, stop working; only the client the token was issued to may revoke it.
 */
@ExtendWith(LocalStack.Extension.class)
class SignOutEndToEndTest {

  final List<String> said = new ArrayList<>();

  AuthenticationResultType signIn(LocalStack stack) throws Exception {
    String email = stack.newUser();
    return stack
        .signInFlow(said::add)
        .signIn(email, LocalStack.PASSWORD, stack.emailedCodes(email));
  }

  static void refresh(LocalStack stack, String refreshToken) {
    stack.anonymous.initiateAuth(
        request ->
            request
                .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .clientId(stack.cognito.clientId())
                .authParameters(Map.of("REFRESH_TOKEN", refreshToken)));
  }

  @Test
  void aRevokedRefreshTokenNoLongerRefreshesAndItsAccessTokenStops(LocalStack stack)
      throws Exception {
    AuthenticationResultType tokens = signIn(stack);
    refresh(stack, tokens.refreshToken());
    stack.anonymous.getUser(request -> request.accessToken(tokens.accessToken()));

    stack.anonymous.revokeToken(
        request -> request.clientId(stack.cognito.clientId()).token(tokens.refreshToken()));

    assertThatThrownBy(() -> refresh(stack, tokens.refreshToken()))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageContaining("Refresh Token has been revoked");
    assertThatThrownBy(
            () -> stack.anonymous.getUser(request -> request.accessToken(tokens.accessToken())))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageContaining("Access Token has been revoked");
  }

  @Test
  void anotherSignInsTokensStayValid(LocalStack stack) throws Exception {
    AuthenticationResultType first = signIn(stack);
    AuthenticationResultType second = signIn(stack);
    stack.anonymous.revokeToken(
        request -> request.clientId(stack.cognito.clientId()).token(first.refreshToken()));
    refresh(stack, second.refreshToken());
  }

  @Test
  void onlyTheTokensClientMayRevokeIt(LocalStack stack) throws Exception {
    AuthenticationResultType tokens = signIn(stack);
    assertThatThrownBy(
            () ->
                stack.anonymous.revokeToken(
                    request -> request.clientId("someotherclient").token(tokens.refreshToken())))
        .hasMessageContaining("someotherclient");
    assertThatThrownBy(
            () ->
                stack.anonymous.revokeToken(
                    request -> request.clientId(stack.cognito.clientId()).token("not-a-token")))
        .isInstanceOf(UnauthorizedException.class);
    refresh(stack, tokens.refreshToken());
  }
}
