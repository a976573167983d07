package io.github.cognitoemailotp.client.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

/**
 * Finding a user by the sub of a log line: only a UUID is asked for, and only its user is taken.
 */
class UserLookupTest {

  static final String SUB = "0b5e9f1c-1111-4222-8333-444455556666";

  final CognitoIdentityProviderClient cognito = mock(CognitoIdentityProviderClient.class);

  @SuppressWarnings("unchecked")
  void listUsersAnswers(UserType... users) {
    when(cognito.listUsers(any(Consumer.class)))
        .thenReturn(ListUsersResponse.builder().users(users).build());
  }

  static UserType user(String sub) {
    return UserType.builder()
        .username("alice")
        .userStatus("CONFIRMED")
        .enabled(true)
        .attributes(AttributeType.builder().name("sub").value(sub).build())
        .build();
  }

  @Test
  void theUserWithTheSubIsFound() {
    listUsersAnswers(user(SUB));

    UserLookup.FoundUser found = new UserLookup(cognito, "us-east-1_Pool").bySub(SUB);

    assertThat(found).isEqualTo(new UserLookup.FoundUser(SUB, "CONFIRMED", true));
  }

  @Test
  void aSubThatIsNotAUuidIsNeverPutInAFilter() {
    assertThatThrownBy(
            () -> new UserLookup(cognito, "us-east-1_Pool").bySub(SUB + "\" or sub ^= \""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a sub");
    verifyNoInteractions(cognito);
  }

  @Test
  void noUserWithTheSubIsUserNotFound() {
    listUsersAnswers();

    assertThatThrownBy(() -> new UserLookup(cognito, "us-east-1_Pool").bySub(SUB))
        .isInstanceOf(UserNotFoundException.class);
  }

  @Test
  void anotherUserInTheAnswerIsRefusedNotTaken() {
    listUsersAnswers(user("99999999-1111-4222-8333-444455556666"));

    assertThatThrownBy(() -> new UserLookup(cognito, "us-east-1_Pool").bySub(SUB))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("with another user");
  }
}
