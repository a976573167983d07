package io.github.cognitoemailotp.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cognitoemailotp.layer.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * (It lives in local-cognito because {@code sam build} builds each function module alone, outside
 * the repository, where there is no template to read.)
 *
 * <p>The SAM template at the repository root, read as CloudFormation does (short-form tags such as
 * {@code !Ref x} become {@code {Ref: x}}): what it promises about the pool, the client, the
 * functions and the SES permission.
 */
class TemplateTest {

  static final List<String> FUNCTIONS =
      List.of(
          "DefineAuthChallenge",
          "CreateAuthChallenge",
          "VerifyAuthChallenge",
          "TokenGate",
          "PostConfirmation");

  static Path root;
  static Map<String, Object> template;

  @BeforeAll
  static void readTemplate() throws IOException {
    root = Path.of("").toAbsolutePath();
    while (!Files.exists(root.resolve("template.yaml"))) {
      root = root.getParent();
    }
    template = CloudFormationYaml.read(Files.readString(root.resolve("template.yaml")));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object value) {
    return (List<Object>) value;
  }

  static Map<String, Object> resource(String logicalId) {
    return map(map(map(template.get("Resources")).get(logicalId)).get("Properties"));
  }

  static Map<String, Object> parameter(String name) {
    return map(map(template.get("Parameters")).get(name));
  }

  static Map<String, Object> environment(String function) {
    Object environment = resource(function).get("Environment");
    return environment == null ? Map.of() : map(map(environment).get("Variables"));
  }

  @Test
  void appClientAllowsOnlyTheCustomFlowAndRefresh() {
    Map<String, Object> client = resource("CognitoUserPoolClient");
    assertThat(list(client.get("ExplicitAuthFlows")))
        .containsExactlyInAnyOrder("ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH");
    assertThat(client.get("PreventUserExistenceErrors")).isEqualTo("ENABLED");
    assertThat(client.get("GenerateSecret")).isEqualTo(false);
    assertThat(client.get("AuthSessionValidity")).isEqualTo(Map.of("Ref", "AuthSessionMinutes"));
  }

  @Test
  void poolUsesEmailAsTheUsername() {
    Map<String, Object> pool = resource("CognitoUserPool");
    assertThat(list(pool.get("UsernameAttributes"))).containsExactly("email");
    assertThat(list(pool.get("AutoVerifiedAttributes"))).containsExactly("email");
  }

  /**
   * Cognito lets every app client write the pool's required attributes (it refuses a client whose
   * WriteAttributes leave one out), so email must not be required for the client to be kept from
   * writing it. The username is the address, so every user still has one.
   */
  @Test
  void emailIsNotARequiredAttributeSoTheClientCanBeKeptFromWritingIt() {
    assertThat(list(resource("CognitoUserPool").get("Schema")))
        .allSatisfy(attribute -> assertThat(map(attribute)).containsEntry("Required", false));
  }

  @Test
  void appClientCannotWriteTheAddressTheCodesGoTo() {
    Map<String, Object> client = resource("CognitoUserPoolClient");
    assertThat(list(client.get("WriteAttributes")))
        .contains("locale")
        .doesNotContain("email", "email_verified", "phone_number", "phone_number_verified");
    assertThat(list(client.get("ReadAttributes")))
        .contains("email", "email_verified")
        .containsAll(list(client.get("WriteAttributes")));
  }

  @Test
  void aChangedAddressWaitsForItsVerification() {
    assertThat(map(resource("CognitoUserPool").get("UserAttributeUpdateSettings")))
        .containsEntry("AttributesRequireVerificationBeforeUpdate", List.of("email"));
  }

  @Test
  void passwordRecoveryIsWhatTheDeployerChoseNeverCognitosLegacyOrder() {
    assertThat(parameter("PasswordRecovery"))
        .containsEntry("Default", "admin-only")
        .containsEntry("AllowedValues", List.of("admin-only", "email"));
    assertThat(map(template.get("Conditions")))
        .containsEntry(
            "RecoveryByEmail",
            Map.of("Fn::Equals", List.of(Map.of("Ref", "PasswordRecovery"), "email")));
    assertThat(map(resource("CognitoUserPool").get("AccountRecoverySetting")))
        .containsEntry(
            "RecoveryMechanisms",
            List.of(
                Map.of(
                    "Name",
                    Map.of("Fn::If", List.of("RecoveryByEmail", "verified_email", "admin_only")),
                    "Priority",
                    1)));
    List<String> names = List.copyOf(map(template.get("Parameters")).keySet());
    assertThat(names.indexOf("PasswordRecovery")).isEqualTo(names.indexOf("AllowSelfSignUp") + 1);
  }

  @Test
  void onlyAnAdministratorCreatesUsersUnlessAllowSelfSignUpIsTrue() {
    assertThat(parameter("AllowSelfSignUp"))
        .containsEntry("Default", "false")
        .containsEntry("AllowedValues", List.of("true", "false"));
    assertThat(map(template.get("Conditions")))
        .containsEntry(
            "SelfSignUpAllowed",
            Map.of("Fn::Equals", List.of(Map.of("Ref", "AllowSelfSignUp"), "true")));
    assertThat(map(resource("CognitoUserPool").get("AdminCreateUserConfig")))
        .containsEntry(
            "AllowAdminCreateUserOnly",
            Map.of("Fn::If", List.of("SelfSignUpAllowed", false, true)));
  }

  @Test
  void refreshTokenValidityAndDeletionProtectionAreParametersWithCognitosDefaults() {
    assertThat(parameter("RefreshTokenValidity"))
        .containsEntry("Type", "Number")
        .containsEntry("Default", 30)
        .containsEntry("MinValue", 1)
        .containsEntry("MaxValue", 3650);
    Map<String, Object> client = resource("CognitoUserPoolClient");
    assertThat(client.get("RefreshTokenValidity")).isEqualTo(Map.of("Ref", "RefreshTokenValidity"));
    assertThat(map(client.get("TokenValidityUnits"))).containsEntry("RefreshToken", "days");
    assertThat(parameter("DeletionProtection"))
        .as("INACTIVE lets sam delete remove the pool")
        .containsEntry("Default", "INACTIVE")
        .containsEntry("AllowedValues", List.of("ACTIVE", "INACTIVE"));
    assertThat(resource("CognitoUserPool").get("DeletionProtection"))
        .isEqualTo(Map.of("Ref", "DeletionProtection"));
  }

  @Test
  void newPoolIsOnTheLitePlanUnlessUserPoolTierSaysOtherwise() {
    assertThat(parameter("UserPoolTier"))
        .as("Cognito makes a new pool ESSENTIALS when the template does not choose; LITE is enough")
        .containsEntry("Default", "LITE")
        .containsEntry("AllowedValues", List.of("LITE", "ESSENTIALS", "PLUS"));
    assertThat(resource("CognitoUserPool").get("UserPoolTier"))
        .isEqualTo(Map.of("Ref", "UserPoolTier"));
  }

  /** CloudWatch Logs' allowed retention periods (PutRetentionPolicy), in days. */
  static final List<Integer> RETENTION_DAYS =
      List.of(
          1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557,
          2922, 3288, 3653);

  @Test
  void eachFunctionLogsToItsOwnLogGroupThatExpires() {
    assertThat(parameter("LogRetentionDays"))
        .containsEntry("Type", "Number")
        .containsEntry("Default", 90)
        .containsEntry("AllowedValues", RETENTION_DAYS);
    for (String function : FUNCTIONS) {
      Object group = map(resource(function).get("LoggingConfig")).get("LogGroup");
      assertThat(group).as(function).isInstanceOf(Map.class);
      String logicalId = String.valueOf(map(group).get("Ref"));
      Map<String, Object> resource = map(map(template.get("Resources")).get(logicalId));
      assertThat(resource).as(function).containsEntry("Type", "AWS::Logs::LogGroup");
      assertThat(map(resource.get("Properties")))
          .as(function)
          .containsEntry("RetentionInDays", Map.of("Ref", "LogRetentionDays"));
    }
  }

  /** The pool's LambdaConfig keys, the stack's outputs and the functions' logical ids. */
  static final Map<String, String> TRIGGERS =
      Map.of(
          "DefineAuthChallenge", "DefineAuthChallenge",
          "CreateAuthChallenge", "CreateAuthChallenge",
          "VerifyAuthChallengeResponse", "VerifyAuthChallenge",
          "PreTokenGeneration", "TokenGate",
          "PostConfirmation", "PostConfirmation");

  @Test
  void eachFunctionIsWiredToItsTriggerWithAHandlerThatExists() {
    Map<String, Object> lambdaConfig = map(resource("CognitoUserPool").get("LambdaConfig"));
    TRIGGERS.forEach(
        (trigger, function) -> {
          assertThat(lambdaConfig).containsEntry(trigger, Map.of("Ref", function + ".Alias"));
          Map<String, Object> properties = resource(function);
          assertThat(map(properties.getOrDefault("Events", Map.of())).values())
              .as("SAM's Cognito event needs the pool in this template; LambdaConfig wires it")
              .noneMatch(event -> "Cognito".equals(map(event).get("Type")));
          String handler = (String) properties.get("Handler");
          assertThat(handler).endsWith("::handleRequest");
          String className = handler.substring(0, handler.indexOf("::"));
          Path source =
              root.resolve((String) properties.get("CodeUri"))
                  .resolve("src/main/java")
                  .resolve(className.replace('.', '/') + ".java");
          assertThat(source).as("handler of %s", function).exists();
        });
  }

  @Test
  void cognitoMayInvokeEachAliasOnlyFromThePoolOfEitherMode() {
    Object poolArn =
        Map.of(
            "Fn::If",
            List.of(
                "CreateUserPool",
                Map.of("Fn::GetAtt", List.of("CognitoUserPool", "Arn")),
                Map.of("Ref", "ExistingUserPoolArn")));
    TRIGGERS.forEach(
        (trigger, function) -> {
          Map<String, Object> permission = resource(function + "CognitoPermission");
          assertThat(permission)
              .containsEntry("Action", "lambda:InvokeFunction")
              .containsEntry("FunctionName", Map.of("Ref", function + ".Alias"))
              .containsEntry("Principal", "cognito-idp.amazonaws.com")
              .containsEntry("SourceArn", poolArn);
        });
  }

  @Test
  void anExistingPoolArnMeansNoPoolOfOurOwn() {
    assertThat(parameter("ExistingUserPoolArn")).containsEntry("Default", "");
    assertThat(map(template.get("Conditions")))
        .containsEntry(
            "CreateUserPool",
            Map.of("Fn::Equals", List.of(Map.of("Ref", "ExistingUserPoolArn"), "")));
    assertThat(map(map(template.get("Resources")).get("CognitoUserPool")))
        .containsEntry("Condition", "CreateUserPool");
  }

  @Test
  void functionsRunJava25OnArmWithTheLayerAndJsonLogs() {
    Map<String, Object> globals = map(map(template.get("Globals")).get("Function"));
    assertThat(globals.get("Runtime")).isEqualTo("java25");
    assertThat(list(globals.get("Architectures"))).containsExactly("arm64");
    assertThat(list(globals.get("Layers"))).containsExactly(Map.of("Ref", "ChallengeLayer"));
    assertThat(map(globals.get("LoggingConfig"))).containsEntry("LogFormat", "Text");
    assertThat((Integer) globals.get("Timeout")).isLessThanOrEqualTo(5);
    Map<String, Object> layer = resource("ChallengeLayer");
    assertThat(layer.get("ContentUri")).isEqualTo("layer/");
    assertThat(list(layer.get("CompatibleRuntimes"))).containsExactly("java25");
  }

  @Test
  void functionsGetTheSettingsTheyRead() {
    assertThat(environment("DefineAuthChallenge"))
        .containsEntry("MAX_ATTEMPTS", Map.of("Ref", "MaxAttempts"))
        .containsEntry("MAX_RESENDS", Map.of("Ref", "MaxResends"))
        .containsEntry("REQUIRE_VERIFIED_EMAIL", Map.of("Ref", "RequireVerifiedEmail"))
        .containsEntry("MAX_SIGN_IN_MINUTES", Map.of("Ref", "MaxSignInMinutes"));
    assertThat(environment("CreateAuthChallenge"))
        .containsEntry("MAX_SIGN_IN_MINUTES", Map.of("Ref", "MaxSignInMinutes"))
        .containsEntry("MAX_CODE_EMAILS_PER_HOUR", Map.of("Ref", "MaxCodeEmailsPerHour"))
        .containsEntry("MAX_CODE_EMAILS_PER_DAY", Map.of("Ref", "MaxCodeEmailsPerDay"))
        .containsEntry("EMAIL_SENDER", Map.of("Ref", "EmailSender"))
        .containsEntry("CODE_LENGTH", Map.of("Ref", "CodeLength"))
        .containsEntry("MAX_ATTEMPTS", Map.of("Ref", "MaxAttempts"))
        .containsEntry("CODE_TTL_SECONDS", Map.of("Ref", "CodeTtlSeconds"))
        .containsEntry("MAX_RESENDS", Map.of("Ref", "MaxResends"))
        .containsEntry("RESEND_COOLDOWN_SECONDS", Map.of("Ref", "ResendCooldownSeconds"))
        .containsEntry("SES_CONFIGURATION_SET", Map.of("Ref", "SesConfigurationSet"))
        .containsEntry("REQUIRE_VERIFIED_EMAIL", Map.of("Ref", "RequireVerifiedEmail"));
  }

  @ParameterizedTest
  @EnumSource(Setting.class)
  void eachSettingsParameterHasTheDeclaredDefaultAndRange(Setting setting) {
    Map<String, Object> parameter = parameter(setting.parameter());
    assertThat(parameter).as(setting.parameter()).isNotNull();
    switch (setting.kind()) {
      case NUMBER ->
          assertThat(parameter)
              .as(setting.parameter())
              .containsEntry("Type", "Number")
              .containsEntry("Default", setting.defaultNumber())
              .containsEntry("MinValue", setting.min())
              .containsEntry("MaxValue", setting.max());
      case FLAG ->
          assertThat(parameter)
              .as(setting.parameter())
              .containsEntry("Type", "String")
              .containsEntry("Default", setting.defaultValue())
              .containsEntry("AllowedValues", Setting.FLAG_VALUES);
      case TEXT ->
          assertThat(parameter)
              .as(setting.parameter())
              .containsEntry("Type", "String")
              .containsEntry("Default", setting.defaultValue());
      case EMAIL_ADDRESS ->
          assertThat(parameter)
              .as(setting.parameter())
              .containsEntry("Type", "String")
              .doesNotContainKey("Default");
    }
  }

  @ParameterizedTest
  @EnumSource(Setting.class)
  void eachSettingReachesAFunctionAsItsVariable(Setting setting) {
    List<String> functions = new ArrayList<>();
    for (String function : FUNCTIONS) {
      if (Map.of("Ref", setting.parameter())
          .equals(environment(function).get(setting.variable()))) {
        functions.add(function);
      }
    }
    assertThat(functions).as(setting.variable()).isNotEmpty();
  }

  @Test
  void everyParameterAFunctionReadsIsADeclaredSetting() {
    Map<String, Object> parameters = map(template.get("Parameters"));
    for (String function : FUNCTIONS) {
      environment(function)
          .forEach(
              (variable, value) -> {
                if (value instanceof Map<?, ?> ref && parameters.containsKey(ref.get("Ref"))) {
                  assertThat(Setting.valueOf(variable).parameter())
                      .as(function + " " + variable)
                      .isEqualTo(ref.get("Ref"));
                }
              });
    }
  }

  @ParameterizedTest
  @EnumSource(Setting.class)
  void readmeConfigurationTableAgreesWithEachSetting(Setting setting) throws IOException {
    String row =
        Files.readAllLines(root.resolve("README.md")).stream()
            .filter(line -> line.startsWith("| `" + setting.parameter() + "` |"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("README has no row for " + setting.parameter()));
    String[] cells = row.split("\\|");
    assertThat(cells[2].strip()).as(row).isEqualTo("`" + setting.variable() + "`");
    String expectedDefault =
        switch (setting.kind()) {
          case EMAIL_ADDRESS -> "(required)";
          case TEXT -> setting.defaultValue().isEmpty() ? "empty" : setting.defaultValue();
          case NUMBER, FLAG -> setting.defaultValue();
        };
    assertThat(cells[3].strip()).as(row).isEqualTo(expectedDefault);
    if (setting.kind() == Setting.Kind.NUMBER) {
      assertThat(cells[4].strip()).as(row).isEqualTo(setting.min() + " to " + setting.max());
    }
    if (setting.kind() == Setting.Kind.FLAG) {
      assertThat(cells[4].strip()).as(row).isEqualTo(String.join(", ", Setting.FLAG_VALUES));
    }
  }

  @Test
  void authSessionMinutesIsWithinWhatCognitoAllows() {
    assertThat(parameter("AuthSessionMinutes"))
        .containsEntry("Type", "Number")
        .containsEntry("MinValue", 3)
        .containsEntry("MaxValue", 15);
  }

  @Test
  void createMaySendOnlyFromTheSenderIdentity() {
    List<?> statements =
        statements("CreateAuthChallengeRole", "SendCodesFromTheSenderIdentityOnly");
    assertThat(statements).hasSize(1);
    Map<String, Object> statement = map(statements.getFirst());
    assertThat(statement).containsEntry("Effect", "Allow").containsEntry("Action", "ses:SendEmail");
    assertThat(statement)
        .as("the domain identity alone would let Create send as any address of the domain")
        .containsEntry(
            "Condition",
            Map.of("StringEquals", Map.of("ses:FromAddress", Map.of("Ref", "EmailSender"))));
    List<?> resources = (List<?>) statement.get("Resource");
    assertThat(resources).hasSize(3);
    assertThat(String.valueOf(resources.get(0)))
        .contains(":identity/${EmailSender}")
        .startsWith("{Fn::Sub=arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:");
    assertThat(String.valueOf(resources.get(1)))
        .contains(":identity/${SenderDomain}")
        .contains("SenderDomain={Fn::Select=[1, {Fn::Split=[@, {Ref=EmailSender}]}]}");
    Map<String, Object> configurationSet = map(resources.get(2));
    List<?> choice = (List<?>) configurationSet.get("Fn::If");
    assertThat(choice.get(0)).isEqualTo("HasConfigurationSet");
    assertThat(String.valueOf(choice.get(1))).contains(":configuration-set/${SesConfigurationSet}");
    assertThat(choice.get(2)).isEqualTo(Map.of("Ref", "AWS::NoValue"));
  }

  @Test
  void createMayOnlyReadAndUpdateItemsOfTheBudgetTable() {
    List<?> statements =
        statements("CreateAuthChallengeRole", "SpendCodeEmailBudgetsInTheBudgetTableOnly");
    assertThat(statements).hasSize(1);
    assertThat(map(statements.getFirst()))
        .containsEntry("Effect", "Allow")
        .containsEntry("Action", List.of("dynamodb:UpdateItem", "dynamodb:GetItem"))
        .containsEntry("Resource", Map.of("Fn::GetAtt", List.of("CodeEmailBudgetTable", "Arn")));
    assertThat(environment("CreateAuthChallenge"))
        .containsEntry("CODE_EMAIL_BUDGET_TABLE", Map.of("Ref", "CodeEmailBudgetTable"));
  }

  @Test
  void verifyAndTheGateMayOnlyUpdateAndReadItemsOfThePassTable() {
    for (String function : List.of("VerifyAuthChallenge", "TokenGate")) {
      List<?> statements =
          statements(
              function + "Role",
              function.equals("TokenGate")
                  ? "ConsumePassesInThePassTableOnly"
                  : "RecordPassesInThePassTableOnly");
      assertThat(statements).as(function).hasSize(1);
      assertThat(map(statements.getFirst()))
          .as(function)
          .containsEntry("Effect", "Allow")
          .containsEntry("Action", List.of("dynamodb:UpdateItem", "dynamodb:GetItem"))
          .containsEntry("Resource", Map.of("Fn::GetAtt", List.of("SecondFactorPassTable", "Arn")));
      assertThat(environment(function))
          .as(function)
          .containsEntry("SECOND_FACTOR_PASS_TABLE", Map.of("Ref", "SecondFactorPassTable"));
    }
    assertThat(environment("TokenGate"))
        .containsEntry("METRICS_NAMESPACE", Map.of("Ref", "MetricsNamespace"))
        .containsEntry("UNGATED_CLIENT_IDS", Map.of("Ref", "UngatedClientIds"));
  }

  @Test
  void passTableIsOnDemandEncryptedExpiringAndKeyedByTheSubAndTheClient() {
    assertThat(map(map(template.get("Resources")).get("SecondFactorPassTable")))
        .containsEntry("Type", "AWS::DynamoDB::Table");
    assertThat(resource("SecondFactorPassTable"))
        .containsEntry("BillingMode", "PAY_PER_REQUEST")
        .containsEntry(
            "KeySchema",
            List.of(
                Map.of("AttributeName", "sub", "KeyType", "HASH"),
                Map.of("AttributeName", "clientId", "KeyType", "RANGE")))
        .containsEntry(
            "AttributeDefinitions",
            List.of(
                Map.of("AttributeName", "sub", "AttributeType", "S"),
                Map.of("AttributeName", "clientId", "AttributeType", "S")))
        .containsEntry(
            "TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true))
        .containsEntry("SSESpecification", Map.of("SSEEnabled", true))
        .doesNotContainKeys("TableName", "StreamSpecification", "GlobalSecondaryIndexes");
  }

  @Test
  void theGateDoesNotNameTheAppClientWhichWouldMakeADependencyCycle() {
    assertThat(String.valueOf(map(map(template.get("Resources")).get("TokenGate"))))
        .doesNotContain("CognitoUserPoolClient");
  }

  @Test
  void budgetTableIsOnDemandEncryptedExpiringAndKeyedByTheSubOnly() {
    Map<String, Object> table = resource("CodeEmailBudgetTable");
    assertThat(map(map(template.get("Resources")).get("CodeEmailBudgetTable")))
        .containsEntry("Type", "AWS::DynamoDB::Table");
    assertThat(table)
        .containsEntry("BillingMode", "PAY_PER_REQUEST")
        .containsEntry("KeySchema", List.of(Map.of("AttributeName", "sub", "KeyType", "HASH")))
        .containsEntry(
            "AttributeDefinitions", List.of(Map.of("AttributeName", "sub", "AttributeType", "S")))
        .containsEntry(
            "TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true))
        .containsEntry("SSESpecification", Map.of("SSEEnabled", true))
        .doesNotContainKeys("TableName", "StreamSpecification", "GlobalSecondaryIndexes");
  }

  /** The statements of the inline policy {@code policyName} of the role {@code roleId}. */
  static List<?> statements(String roleId, String policyName) {
    for (Object policy : (List<?>) resource(roleId).get("Policies")) {
      if (policyName.equals(map(policy).get("PolicyName"))) {
        return (List<?>) map(map(policy).get("PolicyDocument")).get("Statement");
      }
    }
    throw new AssertionError(roleId + " has no policy " + policyName);
  }

  static List<String> policyNames(String roleId) {
    return ((List<?>) resource(roleId).get("Policies"))
        .stream().map(policy -> String.valueOf(map(policy).get("PolicyName"))).toList();
  }

  @Test
  void defineHasNoPolicyButItsLogs() {
    assertThat(policyNames("DefineAuthChallengeRole")).containsExactly("WriteItsOwnLogGroupOnly");
    assertThat(policyNames("VerifyAuthChallengeRole"))
        .containsExactly(
            "WriteItsOwnLogGroupOnly",
            "RecordPassesInThePassTableOnly",
            "CountWrongCodesInTheLockTableOnly",
            "SendLockNoticesFromTheSenderIdentityOnly");
    assertThat(policyNames("PostConfirmationRole"))
        .containsExactly("WriteItsOwnLogGroupOnly", "LiftLocksInTheLockTableOnly");
    assertThat(policyNames("TokenGateRole"))
        .containsExactly("WriteItsOwnLogGroupOnly", "ConsumePassesInThePassTableOnly");
    assertThat(policyNames("CreateAuthChallengeRole"))
        .containsExactly(
            "WriteItsOwnLogGroupOnly",
            "SendCodesFromTheSenderIdentityOnly",
            "ReadLocksInTheLockTableOnly",
            "SpendCodeEmailBudgetsInTheBudgetTableOnly");
  }

  @Test
  void theLockTableIsReadByCreateChangedByVerifyAndEmptiedByTheUnlockOnly() {
    assertThat(map(statements("CreateAuthChallengeRole", "ReadLocksInTheLockTableOnly").getFirst()))
        .containsEntry("Action", "dynamodb:GetItem")
        .containsEntry("Resource", Map.of("Fn::GetAtt", List.of("UserLockTable", "Arn")));
    assertThat(
            map(
                statements("VerifyAuthChallengeRole", "CountWrongCodesInTheLockTableOnly")
                    .getFirst()))
        .containsEntry(
            "Action", List.of("dynamodb:UpdateItem", "dynamodb:GetItem", "dynamodb:DeleteItem"))
        .containsEntry("Resource", Map.of("Fn::GetAtt", List.of("UserLockTable", "Arn")));
    assertThat(map(statements("PostConfirmationRole", "LiftLocksInTheLockTableOnly").getFirst()))
        .containsEntry("Action", "dynamodb:DeleteItem")
        .containsEntry("Resource", Map.of("Fn::GetAtt", List.of("UserLockTable", "Arn")));
    for (String function :
        List.of("CreateAuthChallenge", "VerifyAuthChallenge", "PostConfirmation")) {
      assertThat(environment(function))
          .as(function)
          .containsEntry("USER_LOCK_TABLE", Map.of("Ref", "UserLockTable"))
          .containsEntry("MAX_CONSECUTIVE_WRONG_CODES", Map.of("Ref", "MaxConsecutiveWrongCodes"));
    }
    assertThat(environment("VerifyAuthChallenge"))
        .containsEntry("CODE_LENGTH", Map.of("Ref", "CodeLength"))
        .containsEntry("PASSWORD_RECOVERY", Map.of("Ref", "PasswordRecovery"))
        .containsEntry("EMAIL_SENDER", Map.of("Ref", "EmailSender"));
  }

  @Test
  void theLockTableIsOnDemandEncryptedKeyedByTheSubAndNeverExpires() {
    assertThat(resource("UserLockTable"))
        .containsEntry("BillingMode", "PAY_PER_REQUEST")
        .containsEntry("KeySchema", List.of(Map.of("AttributeName", "sub", "KeyType", "HASH")))
        .containsEntry("SSESpecification", Map.of("SSEEnabled", true))
        .doesNotContainKeys(
            "TimeToLiveSpecification",
            "TableName",
            "StreamSpecification",
            "GlobalSecondaryIndexes");
  }

  /**
   * SAM's generated role would carry AWSLambdaBasicExecutionRole (logs on Resource "*"): each
   * function has a role of the template instead, which may only write to its own log group.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "DefineAuthChallenge",
        "CreateAuthChallenge",
        "VerifyAuthChallenge",
        "TokenGate",
        "PostConfirmation"
      })
  void eachFunctionMayWriteOnlyToItsOwnLogGroup(String function) {
    assertThat(resource(function))
        .containsEntry("Role", Map.of("Fn::GetAtt", List.of(function + "Role", "Arn")))
        .doesNotContainKey("Policies");
    assertThat(resource(function + "Role")).doesNotContainKey("ManagedPolicyArns");
    List<?> statements = statements(function + "Role", "WriteItsOwnLogGroupOnly");
    assertThat(statements).hasSize(1);
    String group =
        "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${"
            + function
            + "Logs}";
    assertThat(map(statements.getFirst()))
        .containsEntry("Effect", "Allow")
        .containsEntry("Action", List.of("logs:CreateLogStream", "logs:PutLogEvents"))
        .containsEntry(
            "Resource",
            List.of(Map.of("Fn::Sub", group), Map.of("Fn::Sub", group + ":log-stream:*")));
    assertThat(map(resource(function).get("LoggingConfig")))
        .containsEntry("LogGroup", Map.of("Ref", function + "Logs"));
  }

  @Test
  void noResourceIsAWildcard() {
    List<String> wildcards = new ArrayList<>();
    collectWildcards(template, "", wildcards);
    assertThat(wildcards).isEmpty();
  }

  static void collectWildcards(Object value, String path, List<String> found) {
    switch (value) {
      case Map<?, ?> object ->
          object.forEach(
              (key, child) -> {
                if ("Resource".equals(key)
                    && (child.equals("*") || child instanceof List<?> list && list.contains("*"))) {
                  found.add(path + "/" + key);
                }
                collectWildcards(child, path + "/" + key, found);
              });
      case List<?> list -> {
        for (int i = 0; i < list.size(); i++) {
          collectWildcards(list.get(i), path + "[" + i + "]", found);
        }
      }
      default -> {}
    }
  }

  @Test
  void outputsGiveWhatTheClientNeedsAndTheLambdaConfigOfAnExistingPool() {
    Map<String, Object> outputs = map(template.get("Outputs"));
    assertThat(outputs).containsKeys("UserPoolId", "UserPoolClientId", "Region");
    assertThat(map(outputs.get("UserPoolClientId")).get("Value"))
        .isEqualTo(Map.of("Ref", "CognitoUserPoolClient"));
    TRIGGERS.forEach(
        (trigger, function) ->
            assertThat(map(outputs.get(trigger + "Arn")).get("Value"))
                .isEqualTo(Map.of("Ref", function + ".Alias")));
  }
}
