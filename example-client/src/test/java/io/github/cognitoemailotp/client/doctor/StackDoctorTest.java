package io.github.cognitoemailotp.client.doctor;

import static io.github.cognitoemailotp.client.doctor.Diagnosis.Check.CLIENT_FLOWS;
import static io.github.cognitoemailotp.client.doctor.Diagnosis.Check.SENDER_DKIM;
import static io.github.cognitoemailotp.client.doctor.Diagnosis.Check.SENDER_IDENTITY;
import static io.github.cognitoemailotp.client.doctor.Diagnosis.Check.SEND_QUOTA;
import static io.github.cognitoemailotp.client.doctor.Diagnosis.Check.SES_ACCOUNT;
import static io.github.cognitoemailotp.client.doctor.Diagnosis.Check.TABLES;
import static io.github.cognitoemailotp.client.doctor.Diagnosis.Check.TRIGGERS;
import static io.github.cognitoemailotp.client.doctor.Diagnosis.Check.TRIGGER_PERMISSIONS;
import static io.github.cognitoemailotp.client.doctor.Diagnosis.Status.FAIL;
import static io.github.cognitoemailotp.client.doctor.Diagnosis.Status.NOT_CHECKED;
import static io.github.cognitoemailotp.client.doctor.Diagnosis.Status.OK;
import static io.github.cognitoemailotp.client.doctor.Diagnosis.Status.WARN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DescribeUserPoolClientRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DescribeUserPoolClientResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DescribeUserPoolRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DescribeUserPoolResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LambdaConfigType;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetPolicyRequest;
import software.amazon.awssdk.services.lambda.model.GetPolicyResponse;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * The doctor's checks: SES through a stand-in that answers GetAccount and GetEmailIdentity as AWS
 * documents them (a sandboxed account, an unverified sender, a domain identity, DKIM, the quota);
 * Cognito, DynamoDB and Lambda as the SDK's clients return their answers.
 */
class StackDoctorTest {

  static final String POOL_ID = "us-east-1_AbC123";
  static final String POOL_ARN = "arn:aws:cognito-idp:us-east-1:123456789012:userpool/" + POOL_ID;
  static final String DEFINE = "arn:aws:lambda:us-east-1:123456789012:function:s-Define-1:live";
  static final String CREATE = "arn:aws:lambda:us-east-1:123456789012:function:s-Create-1:live";
  static final String VERIFY = "arn:aws:lambda:us-east-1:123456789012:function:s-Verify-1:live";
  static final String GATE = "arn:aws:lambda:us-east-1:123456789012:function:s-TokenGate-1:live";

  final CognitoIdentityProviderClient cognito = mock(CognitoIdentityProviderClient.class);
  final DynamoDbClient dynamo = mock(DynamoDbClient.class);
  final LambdaClient lambda = mock(LambdaClient.class);
  SesStandIn sesStandIn;
  SesV2Client ses;

  final DoctorTarget target =
      new DoctorTarget(
          POOL_ID,
          "client1",
          Optional.of("no-reply@example.com"),
          Map.of("CodeEmailBudgetTable", "s-CodeEmailBudgetTable-X"),
          Map.of(
              "DefineAuthChallenge", DEFINE,
              "CreateAuthChallenge", CREATE,
              "VerifyAuthChallengeResponse", VERIFY,
              "PreTokenGeneration", GATE));

  @BeforeEach
  void healthyDeployment() {
    sesStandIn = new SesStandIn();
    ses = sesStandIn.client();
    sesStandIn.account = SesStandIn.account(true, 50000, 12);
    sesStandIn.identities.put("example.com", SesStandIn.identity("DOMAIN", true, "SUCCESS", true));
    flows("ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH");
    lambdaConfig(
        LambdaConfigType.builder()
            .defineAuthChallenge(DEFINE)
            .createAuthChallenge(CREATE)
            .verifyAuthChallengeResponse(VERIFY)
            .preTokenGeneration(GATE)
            .build());
    when(lambda.getPolicy(any(GetPolicyRequest.class)))
        .thenReturn(GetPolicyResponse.builder().policy(policyFor(POOL_ARN)).build());
    when(dynamo.describeTable(any(DescribeTableRequest.class)))
        .thenReturn(
            DescribeTableResponse.builder()
                .table(t -> t.tableName("s-CodeEmailBudgetTable-X").tableStatus(TableStatus.ACTIVE))
                .build());
  }

  @AfterEach
  void stop() {
    ses.close();
    sesStandIn.close();
  }

  void flows(String... flows) {
    when(cognito.describeUserPoolClient(any(DescribeUserPoolClientRequest.class)))
        .thenReturn(
            DescribeUserPoolClientResponse.builder()
                .userPoolClient(c -> c.clientId("client1").explicitAuthFlowsWithStrings(flows))
                .build());
  }

  void lambdaConfig(LambdaConfigType config) {
    when(cognito.describeUserPool(any(DescribeUserPoolRequest.class)))
        .thenReturn(
            DescribeUserPoolResponse.builder()
                .userPool(p -> p.id(POOL_ID).arn(POOL_ARN).lambdaConfig(config))
                .build());
  }

  static String policyFor(String sourceArn) {
    return """
        {"Version":"2012-10-17","Id":"default","Statement":[{"Sid":"cognito","Effect":"Allow",\
        "Principal":{"Service":"cognito-idp.amazonaws.com"},"Action":"lambda:InvokeFunction",\
        "Resource":"%s","Condition":{"ArnLike":{"AWS:SourceArn":"%s"}}}]}"""
        .formatted(DEFINE, sourceArn);
  }

  List<Diagnosis> examine() {
    return new StackDoctor(cognito, ses, dynamo, Optional.of(lambda)).examine(target);
  }

  static Diagnosis of(List<Diagnosis> diagnoses, Diagnosis.Check check) {
    return diagnoses.stream().filter(d -> d.check() == check).findFirst().orElseThrow();
  }

  @Test
  void aHealthyDeploymentHasNothingToFix() {
    List<Diagnosis> diagnoses = examine();
    assertThat(diagnoses).allSatisfy(d -> assertThat(d.status()).as(d.message()).isEqualTo(OK));
    assertThat(diagnoses)
        .extracting(Diagnosis::check)
        .containsExactly(
            CLIENT_FLOWS,
            TRIGGERS,
            TRIGGER_PERMISSIONS,
            TRIGGER_PERMISSIONS,
            TRIGGER_PERMISSIONS,
            TRIGGER_PERMISSIONS,
            SENDER_IDENTITY,
            SENDER_DKIM,
            SES_ACCOUNT,
            SEND_QUOTA,
            TABLES);
    assertThat(of(diagnoses, SEND_QUOTA).message())
        .isEqualTo("12 of 50000 emails sent in the last 24 hours, at most 1 per second.");
  }

  @Test
  void aSandboxedAccountIsAWarningThatSaysToRequestProductionAccess() {
    sesStandIn.account = SesStandIn.account(false, 200, 3);
    Diagnosis account = of(examine(), SES_ACCOUNT);
    assertThat(account.status()).isEqualTo(WARN);
    assertThat(account.message())
        .contains("SES sandbox", "only verified addresses", "Request production access");
  }

  @Test
  void anUnverifiedSenderFailsAndSaysHowToVerifyIt() {
    sesStandIn.identities.clear();
    sesStandIn.identities.put(
        "no-reply@example.com", SesStandIn.identity("EMAIL_ADDRESS", false, "NOT_STARTED", false));
    List<Diagnosis> diagnoses = examine();
    assertThat(of(diagnoses, SENDER_IDENTITY).status()).isEqualTo(FAIL);
    assertThat(of(diagnoses, SENDER_IDENTITY).message())
        .contains("no-reply@example.com is not verified (verification PENDING)")
        .contains("Click the link");
    assertThat(of(diagnoses, SENDER_DKIM).status()).isEqualTo(WARN);
    assertThat(of(diagnoses, SENDER_DKIM).message()).contains("DKIM NOT_STARTED", "Easy DKIM");
  }

  @Test
  void aSenderThatIsNoIdentityAtAllFailsWithTheCommandToCreateIt() {
    sesStandIn.identities.clear();
    Diagnosis sender = of(examine(), SENDER_IDENTITY);
    assertThat(sender.status()).isEqualTo(FAIL);
    assertThat(sender.message())
        .contains("Neither no-reply@example.com nor example.com is an SES identity")
        .contains("aws sesv2 create-email-identity --email-identity no-reply@example.com");
  }

  @Test
  void aVerifiedDomainWithPendingDkimIsAWarning() {
    sesStandIn.identities.put("example.com", SesStandIn.identity("DOMAIN", true, "PENDING", true));
    List<Diagnosis> diagnoses = examine();
    assertThat(of(diagnoses, SENDER_IDENTITY).status()).isEqualTo(OK);
    assertThat(of(diagnoses, SENDER_DKIM).status()).isEqualTo(WARN);
  }

  @ParameterizedTest
  @CsvSource({"50000, 39999, OK", "50000, 40000, WARN", "200, 199, WARN"})
  void aQuotaNearlyUsedUpIsAWarning(double max, double sent, Diagnosis.Status expected) {
    sesStandIn.account = SesStandIn.account(true, max, sent);
    assertThat(of(examine(), SEND_QUOTA).status()).isEqualTo(expected);
  }

  @Test
  void aClientThatAlsoAllowsSrpFailsNamingTheFlow() {
    flows("ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH");
    Diagnosis flows = of(examine(), CLIENT_FLOWS);
    assertThat(flows.status()).isEqualTo(FAIL);
    assertThat(flows.message()).contains("also allows ALLOW_USER_SRP_AUTH", "ExplicitAuthFlows");
  }

  @Test
  void aClientWithoutRefreshIsAWarningAndWithoutCustomAFailure() {
    flows("ALLOW_CUSTOM_AUTH");
    assertThat(of(examine(), CLIENT_FLOWS).status()).isEqualTo(WARN);
    flows("ALLOW_REFRESH_TOKEN_AUTH");
    assertThat(of(examine(), CLIENT_FLOWS).status()).isEqualTo(FAIL);
  }

  @Test
  void aMissingOrForeignTriggerFails() {
    lambdaConfig(
        LambdaConfigType.builder()
            .defineAuthChallenge(DEFINE)
            .createAuthChallenge("arn:aws:lambda:us-east-1:1:function:other")
            .build());
    Diagnosis triggers = of(examine(), TRIGGERS);
    assertThat(triggers.status()).isEqualTo(FAIL);
    assertThat(triggers.message())
        .contains(
            "CreateAuthChallenge is arn:aws:lambda:us-east-1:1:function:other, not the stack's")
        .contains("VerifyAuthChallengeResponse is not set");
  }

  @Test
  void aPoolWithoutTheTokenGateFails() {
    lambdaConfig(
        LambdaConfigType.builder()
            .defineAuthChallenge(DEFINE)
            .createAuthChallenge(CREATE)
            .verifyAuthChallengeResponse(VERIFY)
            .build());
    Diagnosis triggers = of(examine(), TRIGGERS);
    assertThat(triggers.status()).isEqualTo(FAIL);
    assertThat(triggers.message()).contains("PreTokenGeneration is not set");
  }

  @Test
  void aGateWiredThroughPreTokenGenerationConfigCounts() {
    lambdaConfig(
        LambdaConfigType.builder()
            .defineAuthChallenge(DEFINE)
            .createAuthChallenge(CREATE)
            .verifyAuthChallengeResponse(VERIFY)
            .preTokenGenerationConfig(c -> c.lambdaArn(GATE).lambdaVersion("V1_0"))
            .build());
    assertThat(of(examine(), TRIGGERS).status()).isEqualTo(OK);
  }

  @Test
  void aPermissionForAnyPoolWarnsAndNoneFails() {
    assertThat(StackDoctor.judgePolicy("Define", DEFINE, POOL_ARN, policyFor(POOL_ARN)).status())
        .isEqualTo(OK);
    String anyPool =
        """
        {"Statement":[{"Effect":"Allow","Principal":{"Service":"cognito-idp.amazonaws.com"},\
        "Action":"lambda:InvokeFunction","Resource":"x"}]}""";
    assertThat(StackDoctor.judgePolicy("Define", DEFINE, POOL_ARN, anyPool).status())
        .isEqualTo(WARN);
    Diagnosis otherPool =
        StackDoctor.judgePolicy(
            "Define", DEFINE, POOL_ARN, policyFor(POOL_ARN.replace("AbC123", "Other1")));
    assertThat(otherPool.status()).isEqualTo(FAIL);
    assertThat(otherPool.message()).contains("aws lambda add-permission", POOL_ARN);
  }

  @Test
  void withoutLambdaTheTriggerPermissionsAreNotCheckedRatherThanPassed() {
    List<Diagnosis> diagnoses =
        new StackDoctor(cognito, ses, dynamo, Optional.empty()).examine(target);
    assertThat(of(diagnoses, TRIGGER_PERMISSIONS).status()).isEqualTo(NOT_CHECKED);
  }

  @Test
  void aMissingTableFails() {
    when(dynamo.describeTable(any(DescribeTableRequest.class)))
        .thenThrow(
            ResourceNotFoundException.builder().message("Requested resource not found").build());
    Diagnosis tables = of(examine(), TABLES);
    assertThat(tables.status()).isEqualTo(FAIL);
    assertThat(tables.message())
        .contains("CodeEmailBudgetTable: the table s-CodeEmailBudgetTable-X does not exist");
  }
}
