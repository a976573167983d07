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

  static UserPoolClientType.Builder stackClient() {
    return UserPoolClientType.builder()
        .clientId("stackclient")
        .clientName("otp-client")
        .explicitAuthFlowsWithStrings("ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")
        .writeAttributes("locale")
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
              assertThat(f.message()).contains("otp-client", flow, "password alone");
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
        .hasSize(3);
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
}
