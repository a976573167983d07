package io.github.cognitoemailotp.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;

/**
 * The pool's rules from template.yaml, through the AWS SDK's client: nobody signs up on their own,
 * an access token cannot move the second factor to another mailbox (only an administrator changes
 * the address), and the code email keeps the code out of its subject.
 */
@ExtendWith(LocalStack.Extension.class)
class PoolRulesEndToEndTest {

  private static String accessTokenOf(LocalStack stack, String email) throws Exception {
    return stack
        .signInFlow(line -> {})
        .signIn(email, LocalStack.PASSWORD, stack.emailedCodes(email))
        .accessToken();
  }

  private static Map<String, String> attributesOf(LocalStack stack, String email) {
    return stack
        .admin
        .adminGetUser(request -> request.userPoolId(stack.cognito.userPoolId()).username(email))
        .userAttributes()
        .stream()
        .collect(Collectors.toMap(AttributeType::name, AttributeType::value));
  }

  private static AttributeType attribute(String name, String value) {
    return AttributeType.builder().name(name).value(value).build();
  }

  private static String stranger() {
    return "stranger-" + System.nanoTime() + "@example.com";
  }

  @Test
  void signUpIsRefusedWithCognitosMessage(LocalStack stack) {
    assertThatThrownBy(
            () ->
                stack.anonymous.signUp(
                    request ->
                        request
                            .clientId(stack.cognito.clientId())
                            .username(stranger())
                            .password(LocalStack.PASSWORD)))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageStartingWith("SignUp is not permitted for this user pool");
  }

  @Test
  void signUpWithAnExistingAddressSaysNothingAboutTheUser(LocalStack stack) {
    String existing = stack.newUser();
    assertThatThrownBy(
            () ->
                stack.anonymous.signUp(
                    request ->
                        request
                            .clientId(stack.cognito.clientId())
                            .username(existing)
                            .password(LocalStack.PASSWORD)))
        .as("the same answer as for a stranger, not UsernameExistsException")
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageStartingWith("SignUp is not permitted for this user pool");
    assertThat(stack.cognito.cognitoMessagesTo(existing)).isEmpty();
  }

  @Test
  void accessTokenCannotMoveTheCodesToAnotherMailbox(LocalStack stack) throws Exception {
    String email = stack.newUser();
    String accessToken = accessTokenOf(stack, email);
    String attacker = "attacker-" + System.nanoTime() + "@example.net";
    for (AttributeType change :
        new AttributeType[] {attribute("email", attacker), attribute("email_verified", "false")}) {
      assertThatThrownBy(
              () ->
                  stack.anonymous.updateUserAttributes(
                      request -> request.accessToken(accessToken).userAttributes(change)))
          .as(change.name())
          .isInstanceOf(NotAuthorizedException.class)
          .hasMessageStartingWith("A client attempted to write unauthorized attribute");
    }
    assertThat(attributesOf(stack, email))
        .containsEntry("email", email)
        .containsEntry("email_verified", "true");
    accessTokenOf(stack, email);
    assertThat(stack.ses.emailsTo(email)).hasSize(2);
    assertThat(stack.ses.emailsTo(attacker)).isEmpty();
    assertThat(stack.cognito.cognitoMessagesTo(attacker)).isEmpty();
  }

  @Test
  void accessTokenMayChangeTheLocaleAndTheNextCodeComesInThatLanguage(LocalStack stack)
      throws Exception {
    String email = stack.newUser();
    String accessToken = accessTokenOf(stack, email);
    stack.anonymous.updateUserAttributes(
        request -> request.accessToken(accessToken).userAttributes(attribute("locale", "ja-JP")));
    GetUserResponse user = stack.anonymous.getUser(request -> request.accessToken(accessToken));
    Map<String, String> attributes =
        user.userAttributes().stream()
            .collect(Collectors.toMap(AttributeType::name, AttributeType::value));
    assertThat(attributes)
        .containsEntry("locale", "ja-JP")
        .containsEntry("email", email)
        .containsEntry("email_verified", "true")
        .containsKey("sub");
    accessTokenOf(stack, email);
    assertThat(stack.ses.emailsTo(email).getLast().text()).contains("サインイン確認コードは");
  }

  @Test
  void badAccessTokenIsRefused(LocalStack stack) throws Exception {
    String email = stack.newUser();
    String accessToken = accessTokenOf(stack, email);
    String forged = accessToken.substring(0, accessToken.lastIndexOf('.') + 1) + "AAAA";
    assertThatThrownBy(() -> stack.anonymous.getUser(request -> request.accessToken(forged)))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageStartingWith("Invalid Access Token");
  }

  @Test
  void operatorMovesTheAddressWithTheAdminApiAndTheCodesFollow(LocalStack stack) throws Exception {
    String email = stack.newUser();
    String moved = "moved-" + System.nanoTime() + "@example.com";
    stack.admin.adminUpdateUserAttributes(
        request ->
            request
                .userPoolId(stack.cognito.userPoolId())
                .username(email)
                .userAttributes(attribute("email", moved), attribute("email_verified", "true")));
    assertThat(attributesOf(stack, moved)).containsEntry("email", moved);
    stack.signInFlow(line -> {}).signIn(moved, LocalStack.PASSWORD, stack.emailedCodes(moved));
    assertThat(stack.ses.emailsTo(moved)).hasSize(1);
    assertThat(stack.ses.emailsTo(email)).isEmpty();
  }

  @Test
  void unverifiedNewAddressWaitsAndTheCodesKeepGoingToTheOldOne(LocalStack stack) throws Exception {
    String email = stack.newUser();
    String unverified = "unverified-" + System.nanoTime() + "@example.com";
    stack.admin.adminUpdateUserAttributes(
        request ->
            request
                .userPoolId(stack.cognito.userPoolId())
                .username(email)
                .userAttributes(attribute("email", unverified)));
    assertThat(attributesOf(stack, email))
        .as("AttributesRequireVerificationBeforeUpdate: [email]")
        .containsEntry("email", email)
        .containsEntry("email_verified", "true");
    assertThat(stack.cognito.cognitoMessagesTo(unverified))
        .singleElement()
        .satisfies(message -> assertThat(message.purpose()).isEqualTo("VerifyUserAttribute"));
    accessTokenOf(stack, email);
    assertThat(stack.ses.emailsTo(email)).hasSize(1);
    assertThat(stack.ses.emailsTo(unverified)).isEmpty();
  }

  @Test
  void refreshTokenWorksForRefreshTokenValidityAndNotAfter(LocalStack stack) throws Exception {
    String email = stack.newUser();
    String refreshToken =
        stack
            .signInFlow(line -> {})
            .signIn(email, LocalStack.PASSWORD, stack.emailedCodes(email))
            .refreshToken();
    try {
      stack.cognitoClock().advance(Duration.ofDays(30).minusMinutes(1));
      assertThat(refresh(stack, refreshToken).idToken()).isNotBlank();
      stack.cognitoClock().advance(Duration.ofMinutes(2));
      assertThatThrownBy(() -> refresh(stack, refreshToken))
          .as("RefreshTokenValidity's default, 30 days, then a new sign-in and a new code")
          .isInstanceOf(NotAuthorizedException.class)
          .hasMessageStartingWith("Invalid Refresh Token");
    } finally {
      stack.cognitoClock().reset();
    }
  }

  private static AuthenticationResultType refresh(LocalStack stack, String refreshToken) {
    return stack
        .anonymous
        .initiateAuth(
            request ->
                request
                    .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                    .clientId(stack.cognito.clientId())
                    .authParameters(Map.of("REFRESH_TOKEN", refreshToken)))
        .authenticationResult();
  }

  @Test
  void codeEmailKeepsTheCodeOutOfItsSubject(LocalStack stack) throws Exception {
    String email = stack.newUser();
    accessTokenOf(stack, email);
    SesEmulator.Email sent = stack.ses.emailsTo(email).getFirst();
    String code = SesEmulator.codeIn(sent);
    assertThat(sent.subject()).isEqualTo("Your sign-in code").doesNotContain(code);
    assertThat(sent.text()).contains(code);
    assertThat(sent.html()).contains(code);
  }
}
