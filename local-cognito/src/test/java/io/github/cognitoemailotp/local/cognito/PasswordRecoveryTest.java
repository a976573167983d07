package io.github.cognitoemailotp.local.cognito;

import static io.github.cognitoemailotp.local.cognito.LocalPool.CLIENT;
import static io.github.cognitoemailotp.local.cognito.LocalPool.POOL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cognitoemailotp.local.lambda.Trigger;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeMismatchException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserLambdaValidationException;

/** ForgotPassword and ConfirmForgotPassword under the pool's AccountRecoverySetting. */
class PasswordRecoveryTest {

  @TempDir Path directory;
  private LocalPool pool;

  @AfterEach
  void stop() {
    if (pool != null) {
      pool.close();
    }
  }

  private void forgot(String email) {
    pool.anonymous.forgotPassword(r -> r.clientId(CLIENT).username(email));
  }

  private void confirm(String email, String code, String password) {
    pool.anonymous.confirmForgotPassword(
        r -> r.clientId(CLIENT).username(email).confirmationCode(code).password(password));
  }

  @Test
  void adminOnlyRecoveryRefusesForgotPasswordAndSendsNothing() throws Exception {
    pool = new LocalPool(directory, Map.of());
    String email = pool.confirmedUser("admin-only");
    assertThatThrownBy(() -> forgot(email))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageStartingWith("Contact administrator to reset password.");
    assertThat(pool.service.messagesTo(email)).isEmpty();
    assertThat(
            pool.admin
                .describeUserPool(r -> r.userPoolId(POOL))
                .userPool()
                .accountRecoverySetting()
                .recoveryMechanisms())
        .singleElement()
        .satisfies(m -> assertThat(m.nameAsString()).isEqualTo("admin_only"));
  }

  @Test
  void emailRecoveryMailsACodeThatSetsANewPasswordWithoutTheCustomTriggers() throws Exception {
    pool = new LocalPool(directory, Map.of("PasswordRecovery", "email"));
    String email = pool.confirmedUser("recover");
    var delivery =
        pool.anonymous
            .forgotPassword(r -> r.clientId(CLIENT).username(email).clientMetadata(Map.of()))
            .codeDeliveryDetails();
    assertThat(delivery.destination()).isEqualTo("r***@e***");
    assertThat(delivery.deliveryMediumAsString()).isEqualTo("EMAIL");
    String code = pool.service.messagesTo(email).getLast().code();
    assertThatThrownBy(
            () -> confirm(email, code.equals("000000") ? "111111" : "000000", "N3w-pass"))
        .isInstanceOf(CodeMismatchException.class);
    assertThatThrownBy(() -> confirm(email, code, "short"))
        .isInstanceOf(InvalidPasswordException.class);
    confirm(email, code, "N3w-passw0rd");
    assertThat(pool.triggersCalled()).containsExactly(Trigger.POST_CONFIRMATION);
    assertThat(pool.calls.getLast().source()).isEqualTo("PostConfirmation_ConfirmForgotPassword");
    assertThatThrownBy(() -> confirm(email, code, "Again-passw0rd"))
        .as("single use")
        .isInstanceOf(CodeMismatchException.class);
    assertThat(pool.customAuthPassword(email, "N3w-passw0rd").challengeNameAsString())
        .isEqualTo("CUSTOM_CHALLENGE");
  }

  @Test
  void postConfirmationThatThrowsIsAUserLambdaValidationException() throws Exception {
    pool = new LocalPool(directory, Map.of("PasswordRecovery", "email"));
    String email = pool.confirmedUser("post");
    forgot(email);
    pool.postConfirmationFails = "boom";
    String code = pool.service.messagesTo(email).getLast().code();
    assertThatThrownBy(() -> confirm(email, code, "N3w-passw0rd"))
        .isInstanceOf(UserLambdaValidationException.class)
        .hasMessageStartingWith("PostConfirmation failed with error boom.");
  }

  @Test
  void invitedUserCannotResetAndUnverifiedEmailHasNoWay() throws Exception {
    pool = new LocalPool(directory, Map.of("PasswordRecovery", "email"));
    String invited = "invited-" + System.nanoTime() + "@example.com";
    pool.admin.adminCreateUser(
        r ->
            r.userPoolId(POOL)
                .username(invited)
                .userAttributes(
                    AttributeType.builder().name("email_verified").value("true").build()));
    assertThatThrownBy(() -> forgot(invited))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageStartingWith("User password cannot be reset in the current state.");
    String unverified = pool.confirmedUser("unverified");
    pool.admin.adminUpdateUserAttributes(
        r ->
            r.userPoolId(POOL)
                .username(unverified)
                .userAttributes(
                    AttributeType.builder().name("email_verified").value("false").build()));
    assertThatThrownBy(() -> forgot(unverified))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith(
            "Cannot reset password for the user as there is no registered/verified email or"
                + " phone_number");
  }

  @Test
  void unknownUserGetsAPlausibleAnswerAndNoMail() throws Exception {
    pool = new LocalPool(directory, Map.of("PasswordRecovery", "email"));
    String nobody = "nobody-" + System.nanoTime() + "@example.com";
    assertThat(
            pool.anonymous
                .forgotPassword(r -> r.clientId(CLIENT).username(nobody))
                .codeDeliveryDetails()
                .destination())
        .isEqualTo("n***@e***");
    assertThat(pool.service.messagesTo(nobody)).isEmpty();
    assertThatThrownBy(() -> confirm(nobody, "123456", "N3w-passw0rd"))
        .isInstanceOf(CodeMismatchException.class);
  }

  @Test
  void withoutAccountRecoverySettingAVerifiedPhoneComesFirst() throws Exception {
    pool =
        new LocalPool(
            directory,
            Map.of(),
            text -> {
              String without =
                  text.replaceAll(
                      "(?s)      AccountRecoverySetting:\\n        RecoveryMechanisms:\\n.*?Priority: 1\\n",
                      "");
              assertThat(without).doesNotContain("AccountRecoverySetting");
              return without;
            });
    String email = pool.confirmedUser("legacy");
    assertThat(pool.service.messagesTo(email)).isEmpty();
    forgot(email);
    assertThat(pool.service.messagesTo(email)).hasSize(1);
    pool.admin.adminUpdateUserAttributes(
        r ->
            r.userPoolId(POOL)
                .username(email)
                .userAttributes(
                    AttributeType.builder().name("phone_number").value("+15555550123").build(),
                    AttributeType.builder().name("phone_number_verified").value("true").build()));
    var delivery =
        pool.anonymous
            .forgotPassword(r -> r.clientId(CLIENT).username(email))
            .codeDeliveryDetails();
    assertThat(delivery.deliveryMediumAsString()).isEqualTo("SMS");
    assertThat(pool.service.messagesTo("+15555550123")).hasSize(1);
  }
}
