package io.github.cognitoemailotp.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cognitoemailotp.client.audit.Finding;
import io.github.cognitoemailotp.client.audit.Finding.Check;
import io.github.cognitoemailotp.client.audit.Finding.Kind;
import io.github.cognitoemailotp.client.audit.PoolAudit;
import io.github.cognitoemailotp.client.audit.StackFunctions;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;

/**
 * The audit against the local Cognito built from the template, on a stack of its own (it turns the
 * pool's MFA on): what GetUserPoolMfaConfig, ListUsers (filtered, paginated), DescribeUserPool's
 * AccountRecoverySetting and LambdaConfig.PreTokenGeneration, and DescribeUserPoolClient's
 * PreventUserExistenceErrors make of a pool with invited users, pool MFA and a legacy client.
 */
class PoolAuditPathsEndToEndTest {

  static LocalStack stack;

  @BeforeAll
  static void start() {
    stack = LocalStack.start(Map.of(), 1);
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  static StackFunctions stackFunctions() {
    return new StackFunctions(
        stack.cognito.lambdaConfig().entrySet().stream()
            .filter(entry -> StackFunctions.ALL.containsKey(entry.getKey()))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
  }

  static List<Finding> audit() {
    return new PoolAudit(stack.admin).audit(stack.cognito.userPoolId(), stackFunctions());
  }

  static boolean templateHasTheGate() {
    return stack.cognito.lambdaConfig().containsKey(StackFunctions.TOKEN_GATE_TRIGGER);
  }

  static void invite(String email) {
    stack.admin.adminCreateUser(
        request ->
            request
                .userPoolId(stack.cognito.userPoolId())
                .username(email)
                .temporaryPassword("Temp-passw0rd1")
                .messageAction("SUPPRESS")
                .userAttributes(
                    AttributeType.builder().name("email").value(email).build(),
                    AttributeType.builder().name("email_verified").value("true").build()));
  }

  @Test
  void theAuditSeesInvitedUsersPoolMfaRecoveryAndALegacyClient() {
    List<Finding> before = audit();
    assertThat(before)
        .filteredOn(f -> f.check() == Check.ACCOUNT_RECOVERY)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo(Kind.NOTE);
              assertThat(f.message()).contains("admin_only");
            });
    assertThat(before)
        .noneMatch(f -> f.check() == Check.POOL_MFA || f.check() == Check.FORCE_CHANGE_PASSWORD);

    for (int i = 0; i < 3; i++) {
      invite("invited" + i + "-" + System.nanoTime() + "@example.com");
    }
    stack.newUser();
    stack.admin.setUserPoolMfaConfig(
        request ->
            request
                .userPoolId(stack.cognito.userPoolId())
                .mfaConfiguration("OPTIONAL")
                .softwareTokenMfaConfiguration(c -> c.enabled(true)));
    String legacyClient =
        stack
            .admin
            .createUserPoolClient(
                request ->
                    request
                        .userPoolId(stack.cognito.userPoolId())
                        .clientName("legacy-app")
                        .explicitAuthFlowsWithStrings(
                            "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")
                        .preventUserExistenceErrors("LEGACY")
                        .readAttributes("email")
                        .writeAttributes("locale"))
            .userPoolClient()
            .clientId();

    List<Finding> after = audit();
    Kind withoutTheGate = templateHasTheGate() ? Kind.NOTE : Kind.FINDING;
    assertThat(after)
        .filteredOn(f -> f.check() == Check.FORCE_CHANGE_PASSWORD)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.message()).startsWith("3 users are in FORCE_CHANGE_PASSWORD");
              assertThat(f.kind()).isEqualTo(withoutTheGate);
            });
    assertThat(after)
        .filteredOn(f -> f.check() == Check.POOL_MFA)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.message()).contains("MfaConfiguration is OPTIONAL");
              assertThat(f.kind()).isEqualTo(withoutTheGate);
            });
    assertThat(after)
        .filteredOn(f -> legacyClient.equals(f.clientId()))
        .extracting(Finding::check)
        .containsExactlyInAnyOrder(Check.PASSWORD_FLOW, Check.USER_EXISTENCE_ERRORS);
    assertThat(after)
        .filteredOn(f -> f.check() == Check.PASSWORD_FLOW)
        .singleElement()
        .satisfies(
            f -> assertThat(f.message()).contains("aws cognito-idp admin-user-global-sign-out"));
    assertThat(after)
        .filteredOn(f -> f.check() == Check.TOKEN_GATE)
        .hasSize(templateHasTheGate() ? 0 : 1);
  }
}
