package io.github.cognitoemailotp.client.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cognitoemailotp.client.audit.Finding.Check;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LambdaConfigType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;

/**
 * The audit's rules on pools and clients as DescribeUserPool and DescribeUserPoolClient give them.
 */
class PoolAuditTest {

  static final String POOL_ARN =
      "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Abc";
  static final String DEFINE =
      "arn:aws:lambda:eu-west-1:123456789012:function:otp-DefineAuthChallenge-AbC123:live";
  static final String CREATE =
      "arn:aws:lambda:eu-west-1:123456789012:function:otp-CreateAuthChallenge-DeF456:live";
  static final String VERIFY =
      "arn:aws:lambda:eu-west-1:123456789012:function:otp-VerifyAuthChallenge-GhI789:live";
  static final String GATE =
      "arn:aws:lambda:eu-west-1:123456789012:function:otp-TokenGate-JkL012:live";
  static final String UNLOCK =
      "arn:aws:lambda:eu-west-1:123456789012:function:otp-PostConfirmation-MnO345:live";

  static UserPoolClientType.Builder stackClient() {
    return UserPoolClientType.builder()
        .clientId("stackclient")
        .clientName("otp-client")
        .explicitAuthFlowsWithStrings("ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")
        .writeAttributes("locale")
        .preventUserExistenceErrors("ENABLED")
        .allowedOAuthFlowsUserPoolClient(false);
  }

  static List<Check> checks(List<Finding> findings) {
    return findings.stream().map(Finding::check).toList();
  }

  static UserPoolType pool(String define, String create, String verify) {
    return UserPoolType.builder()
        .arn(POOL_ARN)
        .lambdaConfig(
            LambdaConfigType.builder()
                .defineAuthChallenge(define)
                .createAuthChallenge(create)
                .verifyAuthChallengeResponse(verify)
                .preTokenGeneration(GATE)
                .postConfirmation(UNLOCK)
                .build())
        .build();
  }

  @Test
  void aClientLimitedToTheCustomFlowThatCannotWriteEmailHasNoFinding() {
    assertThat(PoolAudit.client(stackClient().build())).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ALLOW_USER_SRP_AUTH",
        "ALLOW_USER_PASSWORD_AUTH",
        "ALLOW_ADMIN_USER_PASSWORD_AUTH",
        "USER_PASSWORD_AUTH",
        "ADMIN_NO_SRP_AUTH"
      })
  void aPasswordOnlyFlowIsAFinding(String flow) {
    List<Finding> findings =
        PoolAudit.client(
            stackClient().explicitAuthFlowsWithStrings("ALLOW_CUSTOM_AUTH", flow).build());
    assertThat(findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.check()).isEqualTo(Check.PASSWORD_FLOW);
              assertThat(f.clientId()).isEqualTo("stackclient");
              assertThat(f.message())
                  .contains("otp-client", flow, "password alone", "ExplicitAuthFlows");
            });
  }

  @Test
  void aClientThatNamesNoFlowsHasCognitosDefaultWhichIncludesSrp() {
    assertThat(PoolAudit.client(stackClient().explicitAuthFlowsWithStrings(List.of()).build()))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.check()).isEqualTo(Check.PASSWORD_FLOW);
              assertThat(f.message()).contains("ALLOW_USER_SRP_AUTH", "Cognito's default");
            });
  }

  @Test
  void choiceBasedSignInIsAFinding() {
    assertThat(
            checks(
                PoolAudit.client(
                    stackClient()
                        .explicitAuthFlowsWithStrings("ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")
                        .build())))
        .containsExactly(Check.CHOICE_BASED_FLOW);
  }

  @ParameterizedTest
  @CsvSource({"code,true", "implicit,true", "client_credentials,false"})
  void oauthFlowsThatSignUsersInAreFindings(String flow, boolean finding) {
    List<Check> checks =
        checks(
            PoolAudit.client(
                stackClient()
                    .allowedOAuthFlowsUserPoolClient(true)
                    .allowedOAuthFlowsWithStrings(flow)
                    .build()));
    if (finding) {
      assertThat(checks).containsExactly(Check.OAUTH_FLOW);
    } else {
      assertThat(checks).isEmpty();
    }
  }

  @Test
  void oauthFlowsOfAClientWithOauthTurnedOffAreNoFinding() {
    assertThat(
            PoolAudit.client(
                stackClient()
                    .allowedOAuthFlowsUserPoolClient(false)
                    .allowedOAuthFlowsWithStrings("code")
                    .build()))
        .isEmpty();
  }

  @Test
  void aClientThatMayWriteEmailOrNamesNoWriteAttributesIsAFinding() {
    assertThat(checks(PoolAudit.client(stackClient().writeAttributes("locale", "email").build())))
        .containsExactly(Check.EMAIL_WRITABLE);
    assertThat(PoolAudit.client(stackClient().writeAttributes(List.of()).build()))
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("names no WriteAttributes"));
  }

  @Test
  void theStacksOwnTriggersAreNoFinding() {
    assertThat(PoolAudit.triggers(pool(DEFINE, CREATE, VERIFY), StackFunctions.UNKNOWN)).isEmpty();
    assertThat(
            PoolAudit.triggers(
                pool(DEFINE, CREATE, VERIFY),
                new StackFunctions(
                    Map.of(
                        "DefineAuthChallenge", DEFINE,
                        "CreateAuthChallenge", CREATE,
                        "VerifyAuthChallengeResponse", VERIFY))))
        .isEmpty();
  }

  @Test
  void aMissingTriggerIsAFinding() {
    assertThat(PoolAudit.triggers(pool(DEFINE, null, VERIFY), StackFunctions.UNKNOWN))
        .singleElement()
        .satisfies(
            f -> assertThat(f.message()).contains("LambdaConfig has no CreateAuthChallenge"));
    assertThat(
            PoolAudit.triggers(
                UserPoolType.builder().arn(POOL_ARN).build(), StackFunctions.UNKNOWN))
        .hasSize(4);
  }

  @Test
  void aTriggerOtherThanTheStacksOutputIsAFinding() {
    String other =
        "arn:aws:lambda:eu-west-1:123456789012:function:otp-DefineAuthChallenge-Old:live";
    assertThat(
            PoolAudit.triggers(
                pool(other, CREATE, VERIFY),
                new StackFunctions(Map.of("DefineAuthChallenge", DEFINE))))
        .singleElement()
        .satisfies(
            f -> assertThat(f.message()).contains(other, "not this stack's function", DEFINE));
  }

  @ParameterizedTest
  @CsvSource({
    "arn:aws:lambda:eu-west-1:123456789012:function:legacy-otp-define,not this stack's DefineAuthChallenge function",
    "arn:aws:lambda:us-east-1:123456789012:function:otp-DefineAuthChallenge-X:live,not in the pool's region and account",
    "arn:aws:lambda:eu-west-1:999999999999:function:otp-DefineAuthChallenge-X:live,not in the pool's region and account",
    "arn:aws:sns:eu-west-1:123456789012:topic,not a Lambda function ARN"
  })
  void withoutTheOutputsATriggerMustBeNamedAsThisStacksFunction(String arn, String problem) {
    assertThat(PoolAudit.triggers(pool(arn, CREATE, VERIFY), StackFunctions.UNKNOWN))
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains(arn, problem));
  }

  @Test
  void triggersOfTwoStacksAreAFinding() {
    String otherStack =
        "arn:aws:lambda:eu-west-1:123456789012:function:old-CreateAuthChallenge-Q:live";
    assertThat(PoolAudit.triggers(pool(DEFINE, otherStack, VERIFY), StackFunctions.UNKNOWN))
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("different stacks", "old", "otp"));
  }

  @Test
  void aPasswordFlowFindingSaysRefreshTokensAlreadyIssuedKeepWorkingUntilRevoked() {
    assertThat(
            PoolAudit.client(
                stackClient()
                    .explicitAuthFlowsWithStrings("ALLOW_CUSTOM_AUTH", "ALLOW_USER_SRP_AUTH")
                    .build()))
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.message())
                    .contains(
                        "Refresh tokens it has already issued keep working",
                        "aws cognito-idp admin-user-global-sign-out"));
  }

  @ParameterizedTest
  @CsvSource(
      value = {"LEGACY,LEGACY", "NULL,unset (LEGACY)"},
      nullValues = "NULL")
  void aClientThatTellsUnknownUsersApartIsAFinding(String setting, String shown) {
    assertThat(PoolAudit.client(stackClient().preventUserExistenceErrors(setting).build()))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.check()).isEqualTo(Check.USER_EXISTENCE_ERRORS);
              assertThat(f.kind()).isEqualTo(Finding.Kind.FINDING);
              assertThat(f.clientId()).isEqualTo("stackclient");
              assertThat(f.message())
                  .contains(
                      "PreventUserExistenceErrors " + shown,
                      "which addresses have accounts",
                      "--prevent-user-existence-errors ENABLED");
            });
  }

  @Test
  void aMissingTokenGateIsAFinding() {
    UserPoolType pool =
        pool(DEFINE, CREATE, VERIFY).toBuilder()
            .lambdaConfig(
                LambdaConfigType.builder()
                    .defineAuthChallenge(DEFINE)
                    .createAuthChallenge(CREATE)
                    .verifyAuthChallengeResponse(VERIFY)
                    .build())
            .build();
    assertThat(PoolAudit.triggers(pool, StackFunctions.UNKNOWN))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.check()).isEqualTo(Check.TOKEN_GATE);
              assertThat(f.message())
                  .contains("LambdaConfig has no PreTokenGeneration", "PreTokenGenerationArn");
            });
  }

  @Test
  void theTokenGateInPreTokenGenerationConfigIsRead() {
    UserPoolType pool =
        pool(DEFINE, CREATE, VERIFY).toBuilder()
            .lambdaConfig(
                LambdaConfigType.builder()
                    .defineAuthChallenge(DEFINE)
                    .createAuthChallenge(CREATE)
                    .verifyAuthChallengeResponse(VERIFY)
                    .preTokenGenerationConfig(c -> c.lambdaArn(GATE).lambdaVersion("V1_0"))
                    .build())
            .build();
    assertThat(
            PoolAudit.triggers(
                pool, new StackFunctions(Map.of(StackFunctions.TOKEN_GATE_TRIGGER, GATE))))
        .isEmpty();
  }

  @Test
  void aPreTokenGenerationTriggerThatIsNotTheStacksGateIsAFinding() {
    String own = "arn:aws:lambda:eu-west-1:123456789012:function:claims-enricher";
    UserPoolType pool =
        pool(DEFINE, CREATE, VERIFY).toBuilder()
            .lambdaConfig(
                LambdaConfigType.builder()
                    .defineAuthChallenge(DEFINE)
                    .createAuthChallenge(CREATE)
                    .verifyAuthChallengeResponse(VERIFY)
                    .preTokenGeneration(own)
                    .build())
            .build();
    assertThat(PoolAudit.triggers(pool, StackFunctions.UNKNOWN))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.check()).isEqualTo(Check.TOKEN_GATE);
              assertThat(f.message())
                  .contains(own, "not this stack's TokenGate function", "docs/existing-pool.md");
            });
    assertThat(
            PoolAudit.triggers(
                pool, new StackFunctions(Map.of(StackFunctions.TOKEN_GATE_TRIGGER, GATE))))
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains(own, "not this stack's function", GATE));
  }

  @Test
  void aTokenGateOfAnotherStackIsAFinding() {
    String otherStack = "arn:aws:lambda:eu-west-1:123456789012:function:old-TokenGate-Q:live";
    UserPoolType pool =
        pool(DEFINE, CREATE, VERIFY).toBuilder()
            .lambdaConfig(
                LambdaConfigType.builder()
                    .defineAuthChallenge(DEFINE)
                    .createAuthChallenge(CREATE)
                    .verifyAuthChallengeResponse(VERIFY)
                    .preTokenGeneration(otherStack)
                    .build())
            .build();
    assertThat(PoolAudit.triggers(pool, StackFunctions.UNKNOWN))
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("different stacks", "old", "otp"));
  }

  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> recoverySettings() {
    return java.util.stream.Stream.of(
        org.junit.jupiter.params.provider.Arguments.of(
            List.of(), Finding.Kind.FINDING, "legacy recovery"),
        org.junit.jupiter.params.provider.Arguments.of(
            List.of("verified_phone_number", "verified_email"),
            Finding.Kind.FINDING,
            "only as safe as the phone"),
        org.junit.jupiter.params.provider.Arguments.of(
            List.of("verified_email"), Finding.Kind.NOTE, "the mailbox alone is the account"),
        org.junit.jupiter.params.provider.Arguments.of(
            List.of("admin_only"), Finding.Kind.NOTE, "admin-reset-user-password"));
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("recoverySettings")
  void theRecoverySettingIsReportedWithWhatItMeans(
      List<String> mechanisms, Finding.Kind kind, String says) {
    List<software.amazon.awssdk.services.cognitoidentityprovider.model.RecoveryOptionType> options =
        new java.util.ArrayList<>();
    for (int i = 0; i < mechanisms.size(); i++) {
      int priority = i + 1;
      String name = mechanisms.get(i);
      options.add(
          software.amazon.awssdk.services.cognitoidentityprovider.model.RecoveryOptionType.builder()
              .priority(priority)
              .name(name)
              .build());
    }
    assertThat(
            PoolAudit.recovery(
                mechanisms.isEmpty()
                    ? null
                    : software.amazon.awssdk.services.cognitoidentityprovider.model
                        .AccountRecoverySettingType.builder()
                        .recoveryMechanisms(options)
                        .build()))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.check()).isEqualTo(Check.ACCOUNT_RECOVERY);
              assertThat(f.kind()).isEqualTo(kind);
              assertThat(f.message()).contains(says);
            });
  }

  @ParameterizedTest
  @CsvSource({
    "OFF,true,",
    "OFF,false,",
    "ON,false,FINDING",
    "OPTIONAL,false,FINDING",
    "ON,true,NOTE",
    "OPTIONAL,true,NOTE"
  })
  void thePoolsOwnMfaIsAFindingUnlessTheGateHolds(
      String mfa, boolean gateHolds, Finding.Kind kind) {
    List<Finding> findings = PoolAudit.poolMfa(mfa, gateHolds);
    if (kind == null) {
      assertThat(findings).isEmpty();
      return;
    }
    assertThat(findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.check()).isEqualTo(Check.POOL_MFA);
              assertThat(f.kind()).isEqualTo(kind);
              assertThat(f.message())
                  .contains("MfaConfiguration is " + mfa, "--mfa-configuration OFF");
            });
  }

  @ParameterizedTest
  @CsvSource({"0,true,", "0,false,", "1,false,FINDING", "7,false,FINDING", "7,true,NOTE"})
  void usersWithATemporaryPasswordAreAFindingUnlessTheGateHolds(
      long users, boolean gateHolds, Finding.Kind kind) {
    List<Finding> findings = PoolAudit.forceChangePassword(users, gateHolds);
    if (kind == null) {
      assertThat(findings).isEmpty();
      return;
    }
    assertThat(findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.check()).isEqualTo(Check.FORCE_CHANGE_PASSWORD);
              assertThat(f.kind()).isEqualTo(kind);
              assertThat(f.message())
                  .startsWith(users + (users == 1 ? " user is" : " users are"))
                  .contains("FORCE_CHANGE_PASSWORD");
            });
  }

  static UserPoolType cleanPool() {
    return pool(DEFINE, CREATE, VERIFY).toBuilder()
        .adminCreateUserConfig(c -> c.allowAdminCreateUserOnly(true))
        .accountRecoverySetting(
            r -> r.recoveryMechanisms(o -> o.priority(1).name("verified_email")))
        .build();
  }

  @Test
  void aMissingOrForeignUnlockTriggerIsANoteNamingTheWayBack() {
    UserPoolType none =
        cleanPool().toBuilder()
            .lambdaConfig(cleanPool().lambdaConfig().toBuilder().postConfirmation(null).build())
            .build();
    assertThat(PoolAudit.unlockTrigger(none, StackFunctions.UNKNOWN))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.check()).isEqualTo(Check.UNLOCK_TRIGGER);
              assertThat(f.kind()).isEqualTo(Finding.Kind.NOTE);
              assertThat(f.message())
                  .contains(
                      "LambdaConfig has no PostConfirmation",
                      "nor remove their trusted devices",
                      "user --unlock",
                      "--remove-all-devices");
            });
    String other = "arn:aws:lambda:eu-west-1:123456789012:function:add-to-group";
    UserPoolType foreign =
        cleanPool().toBuilder()
            .lambdaConfig(cleanPool().lambdaConfig().toBuilder().postConfirmation(other).build())
            .build();
    assertThat(PoolAudit.unlockTrigger(foreign, StackFunctions.UNKNOWN))
        .singleElement()
        .satisfies(
            f -> assertThat(f.message()).contains(other, "not this stack's PostConfirmation"));
    assertThat(
            PoolAudit.unlockTrigger(
                cleanPool(), new StackFunctions(Map.of(StackFunctions.UNLOCK_TRIGGER, other))))
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("not this stack's function " + other));
    assertThat(PoolAudit.unlockTrigger(cleanPool(), StackFunctions.UNKNOWN)).isEmpty();
  }

  @Test
  void aPoolWithTheGateAndNothingElseHasOnlyTheRecoveryNote() {
    FakeCognito cognito = new FakeCognito(cleanPool());
    cognito.clients.put("stackclient", stackClient().build());
    List<Finding> findings = new PoolAudit(cognito).audit("eu-west-1_Abc", StackFunctions.UNKNOWN);
    assertThat(findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.check()).isEqualTo(Check.ACCOUNT_RECOVERY);
              assertThat(f.kind()).isEqualTo(Finding.Kind.NOTE);
            });
  }

  @Test
  void theAuditCountsUsersWithATemporaryPasswordOnEveryPageWithTheFilter() {
    FakeCognito cognito = new FakeCognito(cleanPool());
    cognito.usersToChangePassword = 5;
    cognito.pageSize = 2;
    List<Finding> findings = new PoolAudit(cognito).audit("eu-west-1_Abc", StackFunctions.UNKNOWN);
    assertThat(findings)
        .filteredOn(f -> f.check() == Check.FORCE_CHANGE_PASSWORD)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.message()).startsWith("5 users are in FORCE_CHANGE_PASSWORD");
              assertThat(f.kind()).isEqualTo(Finding.Kind.NOTE);
            });
    assertThat(cognito.listUsersRequests).hasSize(3);
    assertThat(cognito.listUsersRequests)
        .allSatisfy(
            r ->
                assertThat(r.filter())
                    .isEqualTo("cognito:user_status = \"FORCE_CHANGE_PASSWORD\""));
  }

  @Test
  void withoutTheGateThePoolsMfaAndInvitedUsersAreFindings() {
    UserPoolType pool =
        cleanPool().toBuilder()
            .lambdaConfig(
                LambdaConfigType.builder()
                    .defineAuthChallenge(DEFINE)
                    .createAuthChallenge(CREATE)
                    .verifyAuthChallengeResponse(VERIFY)
                    .build())
            .build();
    FakeCognito cognito = new FakeCognito(pool);
    cognito.mfaConfiguration = "OPTIONAL";
    cognito.usersToChangePassword = 1;
    List<Finding> findings = new PoolAudit(cognito).audit("eu-west-1_Abc", StackFunctions.UNKNOWN);
    assertThat(findings)
        .filteredOn(f -> f.kind() == Finding.Kind.FINDING)
        .extracting(Finding::check)
        .containsExactly(Check.TOKEN_GATE, Check.POOL_MFA, Check.FORCE_CHANGE_PASSWORD);
  }
}
