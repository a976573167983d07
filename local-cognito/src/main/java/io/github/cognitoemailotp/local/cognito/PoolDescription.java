package io.github.cognitoemailotp.local.cognito;

import static io.github.cognitoemailotp.local.cognito.Requests.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cognitoemailotp.local.template.PoolSettings;
import java.time.Instant;
import java.util.Map;

/**
 * The pool as {@code DescribeUserPool} shows it: its id, ARN and settings, and its {@code
 * LambdaConfig}, which the pool's owner sets (in this template's own pool, or from the stack's
 * outputs for a pool made elsewhere).
 */
final class PoolDescription {

  private final String id;
  private final String arn;
  private final String name;
  private final PoolSettings settings;
  private final boolean selfSignUpAllowed;
  private final Instant created;
  private volatile Map<String, String> lambdaConfig = Map.of();
  private volatile Instant modified;
  private volatile String mfaConfiguration;
  private volatile boolean softwareTokenMfa;

  /**
   * @param selfSignUpAllowed whether SignUp is open (AllowAdminCreateUserOnly false, Cognito's
   *     default)
   */
  PoolDescription(
      String id,
      String arn,
      String name,
      PoolSettings settings,
      boolean selfSignUpAllowed,
      Instant created) {
    this.id = id;
    this.arn = arn;
    this.name = name;
    this.settings = settings;
    this.selfSignUpAllowed = selfSignUpAllowed;
    this.created = created;
    this.modified = created;
    this.mfaConfiguration = settings.mfaConfiguration();
    this.softwareTokenMfa = !"OFF".equals(mfaConfiguration);
  }

  /** The pool's settings from the template (or Cognito's defaults for an existing pool). */
  PoolSettings settings() {
    return settings;
  }

  /** {@code OFF}, {@code ON} or {@code OPTIONAL}. */
  String mfaConfiguration() {
    return mfaConfiguration;
  }

  /** Whether software token (TOTP) MFA is one of the pool's MFA methods. */
  boolean softwareTokenMfa() {
    return softwareTokenMfa;
  }

  /**
   * SetUserPoolMfaConfig with software token MFA; SMS and email MFA are not modelled and refused.
   * MFA ON or OPTIONAL needs an enabled method, as Cognito requires.
   */
  synchronized ObjectNode setUserPoolMfaConfig(JsonNode request, Instant when) {
    if (request.has("SmsMfaConfiguration") || request.has("EmailMfaConfiguration")) {
      throw CognitoException.invalidParameter(
          "local-cognito models software token MFA only, not SMS or email MFA");
    }
    String configuration = request.path("MfaConfiguration").asText(mfaConfiguration);
    if (!java.util.Set.of("OFF", "ON", "OPTIONAL").contains(configuration)) {
      throw CognitoException.invalidParameter(
          "1 validation error detected: Value '"
              + configuration
              + "' at 'mfaConfiguration' failed to satisfy constraint: Member must satisfy enum"
              + " value set: [OFF, ON, OPTIONAL]");
    }
    boolean softwareToken =
        request.has("SoftwareTokenMfaConfiguration")
            ? request.path("SoftwareTokenMfaConfiguration").path("Enabled").asBoolean(false)
            : softwareTokenMfa;
    if (!configuration.equals("OFF") && !softwareToken) {
      throw CognitoException.invalidParameter(
          "Invalid MFA configuration given, can't turn on MFA without any enabled MFA factor.");
    }
    mfaConfiguration = configuration;
    softwareTokenMfa = softwareToken;
    modified = when;
    return getUserPoolMfaConfig();
  }

  ObjectNode getUserPoolMfaConfig() {
    ObjectNode response = JSON.createObjectNode();
    response.putObject("SoftwareTokenMfaConfiguration").put("Enabled", softwareTokenMfa);
    response.put("MfaConfiguration", mfaConfiguration);
    return response;
  }

  /** The pool's LambdaConfig: trigger name ({@code DefineAuthChallenge}, ...) to function ARN. */
  Map<String, String> lambdaConfig() {
    return lambdaConfig;
  }

  /** Sets the LambdaConfig, as the pool's owner does. */
  void setLambdaConfig(Map<String, String> config, Instant when) {
    lambdaConfig = Map.copyOf(config);
    modified = when;
  }

  ObjectNode describeUserPool(int estimatedUsers) {
    ObjectNode pool = JSON.createObjectNode();
    pool.put("Id", id);
    pool.put("Name", name);
    pool.put("Arn", arn);
    ObjectNode password = pool.putObject("Policies").putObject("PasswordPolicy");
    password.put("MinimumLength", settings.minimumPasswordLength());
    password.put("RequireUppercase", settings.requireUppercase());
    password.put("RequireLowercase", settings.requireLowercase());
    password.put("RequireNumbers", settings.requireNumbers());
    password.put("RequireSymbols", settings.requireSymbols());
    ObjectNode triggers = pool.putObject("LambdaConfig");
    lambdaConfig.forEach(triggers::put);
    if (!settings.usernameAttributes().isEmpty()) {
      settings.usernameAttributes().forEach(pool.putArray("UsernameAttributes")::add);
    }
    pool.putObject("AdminCreateUserConfig").put("AllowAdminCreateUserOnly", !selfSignUpAllowed);
    pool.put("MfaConfiguration", mfaConfiguration);
    if (!settings.recoveryMechanisms().isEmpty()) {
      com.fasterxml.jackson.databind.node.ArrayNode mechanisms =
          pool.putObject("AccountRecoverySetting").putArray("RecoveryMechanisms");
      for (int i = 0; i < settings.recoveryMechanisms().size(); i++) {
        mechanisms
            .addObject()
            .put("Priority", i + 1)
            .put("Name", settings.recoveryMechanisms().get(i));
      }
    }
    pool.put("EstimatedNumberOfUsers", estimatedUsers);
    pool.put("CreationDate", created.getEpochSecond());
    pool.put("LastModifiedDate", modified.getEpochSecond());
    ObjectNode response = JSON.createObjectNode();
    response.set("UserPool", pool);
    return response;
  }
}
