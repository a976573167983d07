package io.github.cognitoemailotp.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;

/**
 * A stack deployed with {@code PasswordRecovery=email} and {@code AllowSelfSignUp=true}, with the
 * real functions: the mailbox alone resets the password, and the sign-in after it still needs the
 * emailed code; an unconfirmed self-signed-up user gets no code at all.
 */
class PasswordRecoveryEndToEndTest {

  static LocalStack stack;

  @BeforeAll
  static void start() {
    stack = LocalStack.start(Map.of("PasswordRecovery", "email", "AllowSelfSignUp", "true"), 1);
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  private static JavaScriptSignIn javaScript(String email, String password) throws Exception {
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
  void emailRecoverySetsANewPasswordAndTheSignInStillNeedsTheEmailedCode() throws Exception {
    String email = stack.newUser();
    var delivery =
        stack
            .anonymous
            .forgotPassword(r -> r.clientId(stack.cognito.clientId()).username(email))
            .codeDeliveryDetails();
    assertThat(delivery.deliveryMediumAsString()).isEqualTo("EMAIL");
    assertThat(delivery.destination()).endsWith("***").doesNotContain(email);
    String code = stack.cognito.cognitoMessagesTo(email).getLast().code();
    stack.anonymous.confirmForgotPassword(
        r ->
            r.clientId(stack.cognito.clientId())
                .username(email)
                .confirmationCode(code)
                .password("Rec0vered-pass"));
    assertThat(stack.ses.emailsTo(email)).as("no sign-in code yet").isEmpty();

    assertThat(javaScript(email, LocalStack.PASSWORD).output())
        .contains("Incorrect username or password.");
    JavaScriptSignIn signedIn = javaScript(email, "Rec0vered-pass");
    assertThat(signedIn.signedIn()).as(signedIn.output()).isTrue();
    assertThat(signedIn.output()).contains("\"steps\":[\"CUSTOM_CHALLENGE\"]");
    assertThat(stack.ses.emailsTo(email)).hasSize(1);
  }

  @Test
  void unconfirmedUserIsRefusedWithoutAnEmailWhateverThePassword() throws Exception {
    String email = "stranger-" + System.nanoTime() + "@example.com";
    stack.anonymous.signUp(
        r -> r.clientId(stack.cognito.clientId()).username(email).password(LocalStack.PASSWORD));
    for (String password : new String[] {LocalStack.PASSWORD, "Wr0ng-password"}) {
      JavaScriptSignIn refused = javaScript(email, password);
      assertThat(refused.signedIn()).isFalse();
      assertThat(refused.output()).contains("UserNotConfirmedException", "User is not confirmed.");
    }
    assertThatThrownBy(
            () ->
                SrpPasswordProof.answer(
                    stack.anonymous,
                    stack.cognito.userPoolId(),
                    stack.cognito.clientId(),
                    AuthFlowType.CUSTOM_AUTH,
                    email,
                    LocalStack.PASSWORD))
        .hasMessageStartingWith("User is not confirmed.");
    assertThat(stack.ses.emailsTo(email)).as("Create never ran").isEmpty();
  }
}
