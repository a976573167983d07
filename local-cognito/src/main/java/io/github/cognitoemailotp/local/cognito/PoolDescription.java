package io.github.cognitoemailotp.local.cognito;

import static io.github.cognitoemailotp.local.cognito.Requests.JSON;

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
    pool.put("MfaConfiguration", "OFF");
    pool.put("EstimatedNumberOfUsers", estimatedUsers);
    pool.put("CreationDate", created.getEpochSecond());
    pool.put("LastModifiedDate", modified.getEpochSecond());
    ObjectNode response = JSON.createObjectNode();
    response.set("UserPool", pool);
    return response;
  }
}
