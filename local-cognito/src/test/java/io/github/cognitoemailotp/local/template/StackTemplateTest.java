package io.github.cognitoemailotp.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The project's own template.yaml, read the way sam deploy would deploy it. */
class StackTemplateTest {

  static final Path TEMPLATE = Path.of("..", "template.yaml");

  static StackTemplate load(Map<String, String> overrides) {
    return StackTemplate.load(TEMPLATE, overrides, "eu-west-1");
  }

  @Test
  void defaultsFillEveryParameterButTheSender() {
    StackTemplate stack = load(Map.of("EmailSender", "no-reply@example.com"));
    assertThat(stack.parameters())
        .containsEntry("CodeLength", "6")
        .containsEntry("MaxAttempts", "3")
        .containsEntry("AuthSessionMinutes", "5")
        .containsEntry("RequireVerifiedEmail", "false")
        .containsEntry("AllowSelfSignUp", "false")
        .containsEntry("LogRetentionDays", "90")
        .containsEntry("RefreshTokenValidity", "30")
        .containsEntry("DeletionProtection", "INACTIVE")
        .containsEntry("UserPoolTier", "LITE");
  }

  @Test
  void clientAllowsOnlyTheCustomFlowAndRefresh() {
    ClientSettings client = load(Map.of("EmailSender", "a@example.com")).client();
    assertThat(client.allows("CUSTOM_AUTH")).isTrue();
    assertThat(client.allows("REFRESH_TOKEN_AUTH")).isTrue();
    assertThat(client.allows("USER_SRP_AUTH")).isFalse();
    assertThat(client.allows("USER_PASSWORD_AUTH")).isFalse();
    assertThat(client.preventUserExistenceErrors()).isTrue();
    assertThat(client.authSessionValidityMinutes()).isEqualTo(5);
    assertThat(client.generateSecret()).isFalse();
  }

  @Test
  void signUpIsAdminOnlyUnlessAllowSelfSignUpIsTrue() {
    assertThat(load(Map.of("EmailSender", "a@example.com")).pool().allowAdminCreateUserOnly())
        .isTrue();
    assertThat(
            load(Map.of("EmailSender", "a@example.com", "AllowSelfSignUp", "true"))
                .pool()
                .allowAdminCreateUserOnly())
        .isFalse();
  }

  @Test
  void clientMayWriteTheLocaleButNeverTheAddressOrItsVerification() {
    ClientSettings client = load(Map.of("EmailSender", "a@example.com")).client();
    assertThat(client.canWrite("locale")).isTrue();
    assertThat(client.canWrite("email")).isFalse();
    assertThat(client.canWrite("email_verified")).isFalse();
    assertThat(client.canWrite("name")).isFalse();
    assertThat(client.canRead("email")).isTrue();
    assertThat(client.canRead("sub")).isTrue();
  }

  @Test
  void passwordRecoveryBecomesThePoolsOnlyRecoveryMechanism() {
    assertThat(load(Map.of("EmailSender", "a@example.com")).pool().recoveryMechanisms())
        .containsExactly("admin_only");
    assertThat(
            load(Map.of("EmailSender", "a@example.com", "PasswordRecovery", "email"))
                .pool()
                .recoveryMechanisms())
        .containsExactly("verified_email");
    assertThat(load(Map.of("EmailSender", "a@example.com")).pool().mfaConfiguration())
        .isEqualTo("OFF");
  }

  @Test
  void anExistingPoolHasCognitosDefaultsLegacyRecoveryAndMfaOff() {
    PoolSettings pool =
        load(Map.of(
                "EmailSender",
                "a@example.com",
                "ExistingUserPoolArn",
                "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbC123"))
            .pool();
    assertThat(pool.recoveryMechanisms()).isEmpty();
    assertThat(pool.mfaConfiguration()).isEqualTo("OFF");
  }

  @Test
  void adminOnlyRecoveryCannotBeCombined(@org.junit.jupiter.api.io.TempDir Path directory)
      throws Exception {
    String combined =
        java.nio.file.Files.readString(TEMPLATE)
            .replace(
                "          - Name: !If [RecoveryByEmail, verified_email, admin_only]\n"
                    + "            Priority: 1\n",
                "          - Name: admin_only\n            Priority: 1\n"
                    + "          - Name: verified_email\n            Priority: 2\n");
    assertThat(combined).contains("Priority: 2");
    Path template = directory.resolve("template.yaml");
    java.nio.file.Files.writeString(template, combined);
    assertThatThrownBy(
            () -> StackTemplate.load(template, Map.of("EmailSender", "a@example.com"), "eu-west-1"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("admin_only cannot be combined");
  }

  /**
   * The token gate, wired in the pool's LambdaConfig and named by the PreTokenGenerationArn output.
   */
  @Test
  void preTokenGenerationIsWiredFromThePoolOrFromItsOutput() {
    for (Map<String, String> parameters :
        List.of(
            Map.of("EmailSender", "a@example.com"),
            Map.of(
                "EmailSender",
                "a@example.com",
                "ExistingUserPoolArn",
                "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbC123"))) {
      assertThat(load(parameters).function("PreTokenGeneration"))
          .as(parameters.toString())
          .hasValueSatisfying(
              f -> {
                assertThat(f.logicalId()).isEqualTo("TokenGate");
                assertThat(f.handlerClass())
                    .isEqualTo("io.github.cognitoemailotp.gate.TokenGateHandler");
              });
    }
  }

  @Test
  void poolHoldsAChangedEmailUntilItIsVerified() {
    PoolSettings pool = load(Map.of("EmailSender", "a@example.com")).pool();
    assertThat(pool.attributesRequireVerificationBeforeUpdate()).containsExactly("email");
    assertThat(pool.autoVerifiedAttributes()).containsExactly("email");
    assertThat(pool.requiredAttributes()).isEmpty();
  }

  @Test
  void refreshTokensLastTheParametersDays() {
    assertThat(load(Map.of("EmailSender", "a@example.com")).client().refreshTokenValidity())
        .isEqualTo(java.time.Duration.ofDays(30));
    assertThat(
            load(Map.of("EmailSender", "a@example.com", "RefreshTokenValidity", "1"))
                .client()
                .refreshTokenValidity())
        .isEqualTo(java.time.Duration.ofDays(1));
  }

  @Test
  void functionsKeepTheGlobalLogFormatBesideTheirOwnLogGroup() {
    assertThat(load(Map.of("EmailSender", "a@example.com")).functions())
        .allSatisfy(function -> assertThat(function.logFormat()).isEqualTo("TEXT"));
  }

  @Test
  void clientThatCannotWriteARequiredAttributeIsRefusedAsCognitoRefusesIt(
      @org.junit.jupiter.api.io.TempDir Path directory) throws java.io.IOException {
    String text = java.nio.file.Files.readString(TEMPLATE);
    Path required = directory.resolve("required.yaml");
    java.nio.file.Files.writeString(
        required, text.replace("          Required: false\n", "          Required: true\n"));
    assertThatThrownBy(
            () -> StackTemplate.load(required, Map.of("EmailSender", "a@example.com"), "eu-west-1"))
        .isInstanceOf(TemplateException.class)
        .hasMessage(
            "Invalid write attributes specified while creating a client: every app client must be"
                + " able to write the required attribute email");
    Path verified = directory.resolve("verified.yaml");
    java.nio.file.Files.writeString(
        verified,
        text.replace("WriteAttributes: [locale]", "WriteAttributes: [locale, email_verified]"));
    assertThatThrownBy(
            () -> StackTemplate.load(verified, Map.of("EmailSender", "a@example.com"), "eu-west-1"))
        .hasMessageContaining("no app client may write email_verified");
  }

  @Test
  void poolTakesEmailAsTheUsernameAndItsPasswordPolicy() {
    PoolSettings pool = load(Map.of("EmailSender", "a@example.com")).pool();
    assertThat(pool.usernameAttributes()).containsExactly("email");
    assertThat(pool.passwordProblem("short1A")).isEqualTo("Password not long enough");
    assertThat(pool.passwordProblem("alllowercase1"))
        .isEqualTo("Password must have uppercase characters");
    assertThat(pool.passwordProblem("Corr3ct-horse")).isEmpty();
  }

  @Test
  void functionsCarryTheirHandlerAndTheOverriddenEnvironment() {
    StackTemplate stack =
        load(
            Map.of(
                "EmailSender",
                "no-reply@example.com",
                "CodeLength",
                "8",
                "SesConfigurationSet",
                "otp"));
    FunctionSettings create = stack.function("CreateAuthChallenge").orElseThrow();
    assertThat(create.handler())
        .isEqualTo("io.github.cognitoemailotp.create.CreateAuthChallengeHandler::handleRequest");
    assertThat(create.environment())
        .containsEntry("EMAIL_SENDER", "no-reply@example.com")
        .containsEntry("CODE_LENGTH", "8")
        .containsEntry("SES_CONFIGURATION_SET", "otp")
        .containsEntry("MAX_ATTEMPTS", "3");
    assertThat(create.timeoutSeconds()).isEqualTo(5);
    assertThat(stack.function("DefineAuthChallenge").orElseThrow().environment())
        .containsEntry("MAX_ATTEMPTS", "3");
    assertThat(stack.function("VerifyAuthChallengeResponse").orElseThrow().handlerClass())
        .isEqualTo("io.github.cognitoemailotp.verify.VerifyAuthChallengeHandler");
    assertThat(stack.function("PreTokenGeneration").orElseThrow().handlerClass())
        .isEqualTo("io.github.cognitoemailotp.gate.TokenGateHandler");
    assertThat(stack.function("PreTokenGeneration").orElseThrow().environment())
        .containsEntry("SECOND_FACTOR_PASS_TABLE", "SecondFactorPassTable")
        .containsEntry("UNGATED_CLIENT_IDS", "")
        .containsEntry("METRICS_NAMESPACE", "CognitoEmailOtp");
    assertThat(stack.function("VerifyAuthChallengeResponse").orElseThrow().environment())
        .containsEntry("SECOND_FACTOR_PASS_TABLE", "SecondFactorPassTable");
    assertThat(stack.functions()).hasSize(5);
  }

  static final String EXISTING_POOL =
      "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbCdEf123";

  @Test
  void newPoolWiresTheFunctionsThroughItsLambdaConfig() {
    StackTemplate stack = load(Map.of("EmailSender", "a@example.com"));
    assertThat(stack.existingUserPoolArn()).isEmpty();
    assertThat(stack.functions())
        .extracting(FunctionSettings::cognitoTrigger, FunctionSettings::logicalId)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("DefineAuthChallenge", "DefineAuthChallenge"),
            org.assertj.core.groups.Tuple.tuple("CreateAuthChallenge", "CreateAuthChallenge"),
            org.assertj.core.groups.Tuple.tuple(
                "VerifyAuthChallengeResponse", "VerifyAuthChallenge"),
            org.assertj.core.groups.Tuple.tuple("PreTokenGeneration", "TokenGate"),
            org.assertj.core.groups.Tuple.tuple("PostConfirmation", "PostConfirmation"));
  }

  @Test
  void existingPoolGetsTheClientAndTheFunctionsNamedByTheOutputs() {
    StackTemplate stack =
        load(Map.of("EmailSender", "a@example.com", "ExistingUserPoolArn", EXISTING_POOL));
    assertThat(stack.existingUserPoolArn()).isEqualTo(EXISTING_POOL);
    assertThat(stack.client().allows("CUSTOM_AUTH")).isTrue();
    assertThat(stack.client().allows("USER_SRP_AUTH")).isFalse();
    assertThat(stack.client().preventUserExistenceErrors()).isTrue();
    assertThat(stack.functions())
        .extracting(FunctionSettings::cognitoTrigger)
        .containsExactlyInAnyOrder(
            "DefineAuthChallenge",
            "CreateAuthChallenge",
            "VerifyAuthChallengeResponse",
            "PreTokenGeneration",
            "PostConfirmation");
  }

  @Test
  void existingPoolHasCognitosDefaultsNotTheTemplatesPool() {
    PoolSettings pool =
        load(Map.of("EmailSender", "a@example.com", "ExistingUserPoolArn", EXISTING_POOL)).pool();
    assertThat(pool.usernameAttributes()).isEmpty();
    assertThat(pool.passwordProblem("Corr3ct-horse")).isEmpty();
    assertThat(pool.passwordProblem("Corr3cthorse"))
        .isEqualTo("Password must have symbol characters");
  }

  @Test
  void anExistingPoolArnThatIsNoPoolArnIsRefused() {
    assertThatThrownBy(
            () ->
                load(
                    Map.of(
                        "EmailSender",
                        "a@example.com",
                        "ExistingUserPoolArn",
                        "eu-west-1_AbCdEf123")))
        .hasMessageContaining("parameter ExistingUserPoolArn is 'eu-west-1_AbCdEf123'")
        .hasMessageContaining("must be empty or a user pool ARN");
  }

  @Test
  void missingSenderIsNamed() {
    assertThatThrownBy(() -> load(Map.of()))
        .isInstanceOf(TemplateException.class)
        .hasMessage(
            "parameter EmailSender has no default; pass --parameter-overrides EmailSender=...");
  }

  @Test
  void outOfRangeOverrideIsRejectedAsCloudFormationWould() {
    assertThatThrownBy(() -> load(Map.of("EmailSender", "a@example.com", "CodeLength", "12")))
        .hasMessage("parameter CodeLength is 12; its MaxValue is 10");
    assertThatThrownBy(
            () -> load(Map.of("EmailSender", "a@example.com", "RequireVerifiedEmail", "yes")))
        .hasMessageContaining("allowed values are [true, false]");
    assertThatThrownBy(() -> load(Map.of("EmailSender", "not-an-address")))
        .hasMessageContaining("must be an email address");
    assertThatThrownBy(() -> load(Map.of("EmailSender", "a@example.com", "CodeLenght", "8")))
        .hasMessageContaining("the template has no parameter CodeLenght");
  }

  @Test
  void aLockThatLeavesTooGoodAGuessChanceIsRefusedByTheTemplatesRule() {
    assertThatThrownBy(
            () ->
                load(
                    Map.of(
                        "EmailSender", "a@example.com",
                        "CodeLength", "4",
                        "MaxConsecutiveWrongCodes", "11")))
        .hasMessageContaining("GuessChanceBeforeTheLockAtMostOneInAThousand")
        .hasMessageContaining("with CodeLength 4, MaxConsecutiveWrongCodes must be 10 or less");
    assertThat(
            load(
                Map.of(
                    "EmailSender", "a@example.com",
                    "CodeLength", "4",
                    "MaxConsecutiveWrongCodes", "10")))
        .isNotNull();
    assertThat(
            load(
                Map.of(
                    "EmailSender", "a@example.com",
                    "CodeLength", "5",
                    "MaxConsecutiveWrongCodes", "100")))
        .isNotNull();
  }

  @Test
  void overridesParseLikeSamDeploys() {
    assertThat(
            StackTemplate.parseOverrides(
                List.of("EmailSender=a@example.com CodeLength=8", "MaxAttempts=5")))
        .containsExactly(
            Map.entry("EmailSender", "a@example.com"),
            Map.entry("CodeLength", "8"),
            Map.entry("MaxAttempts", "5"));
    assertThatThrownBy(() -> StackTemplate.parseOverrides(List.of("CodeLength")))
        .hasMessageContaining("is not Name=value");
  }
}
