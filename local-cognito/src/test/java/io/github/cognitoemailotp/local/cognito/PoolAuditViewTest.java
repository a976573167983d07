package io.github.cognitoemailotp.local.cognito;

import static io.github.cognitoemailotp.local.cognito.LocalPool.POOL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

/** What an audit reads: ListUsers with Cognito's filters, and DescribeUserPool. */
class PoolAuditViewTest {

  @TempDir Path directory;
  private LocalPool pool;

  @AfterEach
  void stop() {
    if (pool != null) {
      pool.close();
    }
  }

  private java.util.List<String> usernames(String filter) {
    return pool.admin.listUsers(r -> r.userPoolId(POOL).filter(filter)).users().stream()
        .map(UserType::username)
        .toList();
  }

  @Test
  void listUsersFiltersOnStatusAndEnabled() throws Exception {
    pool = new LocalPool(directory, Map.of());
    String confirmed = pool.confirmedUser("confirmed");
    String invited = "invited-" + System.nanoTime() + "@example.com";
    pool.admin.adminCreateUser(r -> r.userPoolId(POOL).username(invited));
    pool.admin.adminDisableUser(r -> r.userPoolId(POOL).username(confirmed));
    String invitedName =
        pool.admin.adminGetUser(r -> r.userPoolId(POOL).username(invited)).username();
    String confirmedName =
        pool.admin.adminGetUser(r -> r.userPoolId(POOL).username(confirmed)).username();

    assertThat(usernames("cognito:user_status = \"FORCE_CHANGE_PASSWORD\""))
        .containsExactly(invitedName);
    assertThat(usernames("status = \"Disabled\"")).containsExactly(confirmedName);
    assertThat(usernames("status = \"Enabled\"")).containsExactly(invitedName);
    assertThat(usernames("email ^= \"invited-\"")).containsExactly(invitedName);
    assertThat(usernames("")).hasSize(2);
    assertThatThrownBy(() -> usernames("locale = \"en\""))
        .isInstanceOf(InvalidParameterException.class);
  }

  @Test
  void listUsersPages() throws Exception {
    pool = new LocalPool(directory, Map.of());
    for (int i = 0; i < 3; i++) {
      pool.confirmedUser("page" + i);
    }
    var first = pool.admin.listUsers(r -> r.userPoolId(POOL).limit(2));
    assertThat(first.users()).hasSize(2);
    var second =
        pool.admin.listUsers(
            r -> r.userPoolId(POOL).limit(2).paginationToken(first.paginationToken()));
    assertThat(second.users()).hasSize(1);
    assertThat(second.paginationToken()).isNull();
  }

  @Test
  void describeUserPoolShowsRecoveryMfaAndEveryTrigger() throws Exception {
    pool = new LocalPool(directory, Map.of("PasswordRecovery", "email"));
    var described = pool.admin.describeUserPool(r -> r.userPoolId(POOL)).userPool();
    assertThat(described.mfaConfigurationAsString()).isEqualTo("OFF");
    assertThat(described.accountRecoverySetting().recoveryMechanisms())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.nameAsString()).isEqualTo("verified_email");
              assertThat(m.priority()).isEqualTo(1);
            });
    assertThat(described.lambdaConfig().preTokenGeneration()).isNotBlank();
    assertThat(described.lambdaConfig().postConfirmation()).isNotBlank();
    assertThat(described.lambdaConfig().defineAuthChallenge()).isNotBlank();
  }
}
