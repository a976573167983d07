package io.github.cognitoemailotp.client.audit;

import io.github.cognitoemailotp.client.audit.Finding.Check;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LambdaConfigType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientDescription;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;

/**
 * Reads a user pool and its app clients ({@code DescribeUserPool}, {@code ListUserPoolClients},
 * {@code DescribeUserPoolClient}) and reports what lets a sign-in skip the emailed code. The code
 * protects only sign-ins that run the custom flow through this stack's triggers; every other way in
 * (a password flow on another client, the hosted UI, a trigger that is not ours) hands out tokens
 * without it, and self sign-up or a writable email lets someone choose where it goes.
 */
public final class PoolAudit {

  /** Flows that get tokens for the password alone. */
  static final Set<String> PASSWORD_FLOWS =
      Set.of(
          "ALLOW_USER_SRP_AUTH",
          "ALLOW_USER_PASSWORD_AUTH",
          "ALLOW_ADMIN_USER_PASSWORD_AUTH",
          "USER_PASSWORD_AUTH",
          "ADMIN_NO_SRP_AUTH");

  /** Cognito's flows for a client made without ExplicitAuthFlows. */
  static final List<String> DEFAULT_FLOWS =
      List.of("ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH");

  private final CognitoIdentityProviderClient cognito;

  public PoolAudit(CognitoIdentityProviderClient cognito) {
    this.cognito = cognito;
  }

  /** Every finding for the pool, pool-wide ones first, then client by client. */
  public List<Finding> audit(String userPoolId, StackFunctions stack) {
    UserPoolType pool = cognito.describeUserPool(r -> r.userPoolId(userPoolId)).userPool();
    List<Finding> findings = new ArrayList<>(triggers(pool, stack));
    if (pool.adminCreateUserConfig() == null
        || !Boolean.TRUE.equals(pool.adminCreateUserConfig().allowAdminCreateUserOnly())) {
      findings.add(
          new Finding(
              Check.SELF_SIGN_UP,
              "",
              "Self sign-up is on (AllowAdminCreateUserOnly is false): anyone with an app client's"
                  + " id can create an account and choose the email address its codes go to."));
    }
    for (UserPoolClientDescription listed :
        cognito
            .listUserPoolClientsPaginator(r -> r.userPoolId(userPoolId).maxResults(60))
            .userPoolClients()) {
      UserPoolClientType client =
          cognito
              .describeUserPoolClient(r -> r.userPoolId(userPoolId).clientId(listed.clientId()))
              .userPoolClient();
      findings.addAll(client(client));
    }
    return List.copyOf(findings);
  }

  static List<Finding> client(UserPoolClientType client) {
    List<Finding> findings = new ArrayList<>();
    String name = "App client " + client.clientName() + " (" + client.clientId() + ")";
    List<String> flows =
        client.explicitAuthFlowsAsStrings().isEmpty()
            ? DEFAULT_FLOWS
            : client.explicitAuthFlowsAsStrings();
    Set<String> passwordFlows = new TreeSet<>(flows);
    passwordFlows.retainAll(PASSWORD_FLOWS);
    if (!passwordFlows.isEmpty()) {
      findings.add(
          new Finding(
              Check.PASSWORD_FLOW,
              client.clientId(),
              name
                  + " allows "
                  + String.join(", ", passwordFlows)
                  + (client.explicitAuthFlowsAsStrings().isEmpty()
                      ? " (Cognito's default: it names no ExplicitAuthFlows)"
                      : "")
                  + ": it gets tokens for the password alone, without a code."));
    }
    if (flows.contains("ALLOW_USER_AUTH")) {
      findings.add(
          new Finding(
              Check.CHOICE_BASED_FLOW,
              client.clientId(),
              name
                  + " allows ALLOW_USER_AUTH (choice-based sign-in): its first factors (password,"
                  + " passkey, a code by email or SMS) never run the custom-auth triggers."));
    }
    List<String> userFlows = new ArrayList<>(client.allowedOAuthFlowsAsStrings());
    userFlows.remove("client_credentials");
    if (Boolean.TRUE.equals(client.allowedOAuthFlowsUserPoolClient()) && !userFlows.isEmpty()) {
      findings.add(
          new Finding(
              Check.OAUTH_FLOW,
              client.clientId(),
              name
                  + " allows the OAuth "
                  + String.join(", ", userFlows)
                  + " flow: the hosted UI (managed login) signs users in with the password and runs"
                  + " no custom auth."));
    }
    if (client.writeAttributes().isEmpty() || client.writeAttributes().contains("email")) {
      findings.add(
          new Finding(
              Check.EMAIL_WRITABLE,
              client.clientId(),
              name
                  + (client.writeAttributes().isEmpty()
                      ? " names no WriteAttributes, so it may write every attribute, email too"
                      : " may write email")
                  + ": whoever holds a user's access token can move the user's codes to another"
                  + " address (UpdateUserAttributes)."));
    }
    return findings;
  }

  static List<Finding> triggers(UserPoolType pool, StackFunctions stack) {
    LambdaConfigType config = pool.lambdaConfig();
    Map<String, String> configured = new LinkedHashMap<>();
    configured.put("DefineAuthChallenge", config == null ? null : config.defineAuthChallenge());
    configured.put("CreateAuthChallenge", config == null ? null : config.createAuthChallenge());
    configured.put(
        "VerifyAuthChallengeResponse",
        config == null ? null : config.verifyAuthChallengeResponse());
    List<Finding> findings = new ArrayList<>();
    Set<String> stackNames = new TreeSet<>();
    for (Map.Entry<String, String> trigger : configured.entrySet()) {
      String name = trigger.getKey();
      String arn = trigger.getValue();
      if (arn == null || arn.isBlank()) {
        findings.add(
            new Finding(
                Check.TRIGGER,
                "",
                "LambdaConfig has no "
                    + name
                    + ": the pool's custom flow does not run this stack's "
                    + StackFunctions.TRIGGERS.get(name)
                    + " (set it to the stack's output "
                    + name
                    + "Arn, docs/existing-pool.md)."));
        continue;
      }
      String expected = stack.expected(name).orElse(null);
      if (expected != null) {
        if (!arn.equals(expected)) {
          findings.add(
              new Finding(
                  Check.TRIGGER,
                  "",
                  "LambdaConfig."
                      + name
                      + " is "
                      + arn
                      + ", not this stack's function "
                      + expected
                      + "."));
        }
        continue;
      }
      String problem = notThisStacksFunction(pool.arn(), arn, StackFunctions.TRIGGERS.get(name));
      if (!problem.isEmpty()) {
        findings.add(
            new Finding(
                Check.TRIGGER,
                "",
                "LambdaConfig."
                    + name
                    + " is "
                    + arn
                    + ", "
                    + problem
                    + " (give the stack's output "
                    + name
                    + "Arn to compare exactly)."));
      } else {
        stackNames.add(stackName(arn, StackFunctions.TRIGGERS.get(name)));
      }
    }
    if (stackNames.size() > 1) {
      findings.add(
          new Finding(
              Check.TRIGGER,
              "",
              "The custom-auth triggers belong to different stacks " + stackNames + "."));
    }
    return findings;
  }

  /**
   * Why a trigger's ARN is not one of this stack's functions, or empty: a Lambda function in the
   * pool's region and account, named as SAM names this stack's functions.
   */
  static String notThisStacksFunction(String poolArn, String functionArn, String logicalId) {
    String[] function = functionArn.split(":");
    if (function.length < 7 || !function[2].equals("lambda") || !function[5].equals("function")) {
      return "which is not a Lambda function ARN";
    }
    String[] pool = poolArn == null ? new String[0] : poolArn.split(":");
    if (pool.length >= 5 && (!pool[3].equals(function[3]) || !pool[4].equals(function[4]))) {
      return "which is not in the pool's region and account";
    }
    if (!function[6].contains("-" + logicalId)) {
      return "which is not this stack's " + logicalId + " function";
    }
    return "";
  }

  private static String stackName(String functionArn, String logicalId) {
    String name = functionArn.split(":")[6];
    return name.substring(0, name.indexOf("-" + logicalId));
  }
}
