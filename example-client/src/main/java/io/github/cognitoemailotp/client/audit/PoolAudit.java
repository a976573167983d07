package io.github.cognitoemailotp.client.audit;

import io.github.cognitoemailotp.client.audit.Finding.Check;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AccountRecoverySettingType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LambdaConfigType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RecoveryOptionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientDescription;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;

/**
 * Reads a user pool, its users' statuses and its app clients ({@code DescribeUserPool}, {@code
 * GetUserPoolMfaConfig}, {@code ListUsers}, {@code ListUserPoolClients}, {@code
 * DescribeUserPoolClient}) and reports what lets a sign-in skip the emailed code, each with what to
 * do; notes ({@link Finding.Kind#NOTE}) say what the deployer should know but skips nothing. The
 * code protects only sign-ins that run the custom flow through this stack's triggers; every other
 * way in (a password flow on another client, the hosted UI, a trigger that is not ours) hands out
 * tokens without it, and self sign-up or a writable email lets someone choose where it goes.
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
    findings.addAll(unlockTrigger(pool, stack));
    boolean gateHolds = findings.stream().noneMatch(f -> f.check() == Check.TOKEN_GATE);
    if (pool.adminCreateUserConfig() == null
        || !Boolean.TRUE.equals(pool.adminCreateUserConfig().allowAdminCreateUserOnly())) {
      findings.add(
          new Finding(
              Check.SELF_SIGN_UP,
              "",
              "Self sign-up is on (AllowAdminCreateUserOnly is false): anyone with an app client's"
                  + " id can create an account and choose the email address its codes go to."));
    }
    findings.addAll(recovery(pool.accountRecoverySetting()));
    findings.addAll(
        poolMfa(
            cognito.getUserPoolMfaConfig(r -> r.userPoolId(userPoolId)).mfaConfigurationAsString(),
            gateHolds));
    findings.addAll(forceChangePassword(usersWithATemporaryPassword(userPoolId), gateHolds));
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

  /** The ListUsers filter for users invited with a temporary password. */
  static final String FORCE_CHANGE_PASSWORD_FILTER =
      "cognito:user_status = \"FORCE_CHANGE_PASSWORD\"";

  /** How many users are in FORCE_CHANGE_PASSWORD: ListUsers with the filter, every page. */
  long usersWithATemporaryPassword(String userPoolId) {
    return cognito
        .listUsersPaginator(
            r ->
                r.userPoolId(userPoolId)
                    .filter(FORCE_CHANGE_PASSWORD_FILTER)
                    .limit(60)
                    .attributesToGet("email"))
        .users()
        .stream()
        .count();
  }

  static List<Finding> recovery(AccountRecoverySettingType setting) {
    List<String> mechanisms =
        setting == null
            ? List.of()
            : setting.recoveryMechanisms().stream()
                .sorted(java.util.Comparator.comparing(RecoveryOptionType::priority))
                .map(RecoveryOptionType::nameAsString)
                .toList();
    if (mechanisms.isEmpty()) {
      return List.of(
          new Finding(
              Check.ACCOUNT_RECOVERY,
              "",
              "The pool sets no AccountRecoverySetting, so Cognito's legacy recovery applies: a"
                  + " verified phone number first, then a verified email. ForgotPassword lets"
                  + " whoever holds either reset the password, and with the email the mailbox alone"
                  + " then also receives the code. Choose knowingly: verified_email only, or"
                  + " admin_only (the stack's PasswordRecovery parameter, docs/security.md)."));
    }
    if (mechanisms.contains("verified_phone_number")) {
      return List.of(
          new Finding(
              Check.ACCOUNT_RECOVERY,
              "",
              "Password recovery is "
                  + mechanisms
                  + ": a verified phone number (an SMS) resets the password, so the password is"
                  + " only as safe as the phone. Set AccountRecoverySetting to verified_email"
                  + " alone, or admin_only (docs/security.md)."));
    }
    if (mechanisms.equals(List.of("admin_only"))) {
      return List.of(
          Finding.note(
              Check.ACCOUNT_RECOVERY,
              "",
              "Password recovery is admin_only: users cannot reset a forgotten password"
                  + " themselves (ForgotPassword is refused); an administrator does it (aws"
                  + " cognito-idp admin-reset-user-password), after checking who asks."));
    }
    return List.of(
        Finding.note(
            Check.ACCOUNT_RECOVERY,
            "",
            "Password recovery is "
                + mechanisms
                + ": ForgotPassword sends a reset code to the user's verified email, so whoever"
                + " reads the mailbox can set a new password and then receives the sign-in code:"
                + " the mailbox alone is the account. If that is too much, choose admin_only"
                + " (docs/security.md)."));
  }

  static List<Finding> poolMfa(String mfaConfiguration, boolean gateHolds) {
    if (mfaConfiguration == null || mfaConfiguration.equals("OFF")) {
      return List.of();
    }
    String what =
        "The pool's MfaConfiguration is "
            + mfaConfiguration
            + ": after the password, Cognito asks users with TOTP or SMS MFA for it"
            + " (SOFTWARE_TOKEN_MFA, SMS_MFA, SELECT_MFA_TYPE, MFA_SETUP), and has been reported to"
            + " issue tokens then without running the custom challenge, so without the emailed"
            + " code.";
    if (gateHolds) {
      return List.of(
          Finding.note(
              Check.POOL_MFA,
              "",
              what
                  + " This stack's token gate refuses those tokens, so such users cannot sign in"
                  + " at all. Turn it OFF (aws cognito-idp set-user-pool-mfa-config"
                  + " --mfa-configuration OFF)."));
    }
    return List.of(
        new Finding(
            Check.POOL_MFA,
            "",
            what
                + " Nothing refuses them here (no token gate). Turn it OFF (aws cognito-idp"
                + " set-user-pool-mfa-config --mfa-configuration OFF) and set the stack's token"
                + " gate (PreTokenGenerationArn)."));
  }

  static List<Finding> forceChangePassword(long users, boolean gateHolds) {
    if (users == 0) {
      return List.of();
    }
    String who =
        users
            + (users == 1 ? " user is" : " users are")
            + " in FORCE_CHANGE_PASSWORD (invited with a temporary password): at the first"
            + " sign-in Cognito asks for a new password (NEW_PASSWORD_REQUIRED) and then issues"
            + " tokens without running the custom challenge.";
    if (gateHolds) {
      return List.of(
          Finding.note(
              Check.FORCE_CHANGE_PASSWORD,
              "",
              who
                  + " This stack's token gate refuses those tokens, so their apps must sign in"
                  + " again with the new password and the emailed code (docs/app-integration.md)."));
    }
    return List.of(
        new Finding(
            Check.FORCE_CHANGE_PASSWORD,
            "",
            who
                + " Nothing refuses them here (no token gate), so their first sign-in skips the"
                + " code. Set the stack's token gate (PreTokenGenerationArn), or list them (aws"
                + " cognito-idp list-users --filter 'cognito:user_status = \"FORCE_CHANGE_PASSWORD\"')"
                + " and delete or reset them until it is set."));
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
                  + ": it gets tokens for the password alone, without a code. Remove "
                  + (passwordFlows.size() == 1 ? "it" : "them")
                  + " from its ExplicitAuthFlows, or delete the client. Refresh tokens it has"
                  + " already issued keep working until they expire or are revoked: sign its users"
                  + " out (aws cognito-idp admin-user-global-sign-out --user-pool-id ..."
                  + " --username ...)."));
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
    if (!"ENABLED".equals(client.preventUserExistenceErrorsAsString())) {
      findings.add(
          new Finding(
              Check.USER_EXISTENCE_ERRORS,
              client.clientId(),
              name
                  + " has PreventUserExistenceErrors "
                  + (client.preventUserExistenceErrors() == null
                      ? "unset (LEGACY)"
                      : client.preventUserExistenceErrorsAsString())
                  + ": it answers UserNotFoundException for an unknown user, so anyone can learn"
                  + " which addresses have accounts. Set it to ENABLED (aws cognito-idp"
                  + " update-user-pool-client --prevent-user-existence-errors ENABLED, with all"
                  + " its other settings: the update resets what it is not given)."));
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
    configured.put(StackFunctions.TOKEN_GATE_TRIGGER, tokenGateArn(config));
    List<Finding> findings = new ArrayList<>();
    Set<String> stackNames = new TreeSet<>();
    for (Map.Entry<String, String> trigger : configured.entrySet()) {
      String name = trigger.getKey();
      String arn = trigger.getValue();
      String logicalId = StackFunctions.ALL.get(name);
      boolean gate = name.equals(StackFunctions.TOKEN_GATE_TRIGGER);
      Check check = gate ? Check.TOKEN_GATE : Check.TRIGGER;
      String whatToDo =
          gate
              ? " Set it to the stack's output PreTokenGenerationArn (LambdaVersion V1_0); a pool"
                  + " keeps one Pre Token Generation trigger, and docs/existing-pool.md says how"
                  + " to keep yours and add ours."
              : "";
      if (arn == null || arn.isBlank()) {
        findings.add(
            new Finding(
                check,
                "",
                gate
                    ? "LambdaConfig has no PreTokenGeneration: nothing refuses the tokens Cognito"
                        + " issues without the emailed code (after an invited user's new"
                        + " password, after the pool's own MFA)."
                        + whatToDo
                    : "LambdaConfig has no "
                        + name
                        + ": the pool's custom flow does not run this stack's "
                        + logicalId
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
                  check,
                  "",
                  "LambdaConfig."
                      + name
                      + " is "
                      + arn
                      + ", not this stack's function "
                      + expected
                      + "."
                      + whatToDo));
        }
        continue;
      }
      String problem = notThisStacksFunction(pool.arn(), arn, logicalId);
      if (!problem.isEmpty()) {
        findings.add(
            new Finding(
                check,
                "",
                "LambdaConfig."
                    + name
                    + " is "
                    + arn
                    + ", "
                    + problem
                    + " (give the stack's output "
                    + name
                    + "Arn to compare exactly)."
                    + whatToDo));
      } else {
        stackNames.add(stackName(arn, logicalId));
      }
    }
    if (stackNames.size() > 1) {
      findings.add(
          new Finding(
              Check.TRIGGER,
              "",
              "The triggers belong to different stacks "
                  + stackNames
                  + ": set them all to one stack's outputs."));
    }
    return findings;
  }

  /**
   * Notes on the Post Confirmation trigger. Without this stack's, a password reset leaves a
   * wrong-code lock and the user's trusted devices in place and only an operator lifts and removes
   * them. No sign-in skips the code because of it (a device left trusted still needs the new
   * password), so a note, not a finding.
   */
  static List<Finding> unlockTrigger(UserPoolType pool, StackFunctions stack) {
    String name = StackFunctions.UNLOCK_TRIGGER;
    String arn = pool.lambdaConfig() == null ? null : pool.lambdaConfig().postConfirmation();
    String consequence =
        ": a password reset does not lift a user's wrong-code lock nor remove their trusted"
            + " devices, only `example-client user --unlock` and `--remove-all-devices` do (set"
            + " it to the stack's output PostConfirmationArn, docs/existing-pool.md).";
    if (arn == null || arn.isBlank()) {
      return List.of(
          Finding.note(Check.UNLOCK_TRIGGER, "", "LambdaConfig has no " + name + consequence));
    }
    String expected = stack.expected(name).orElse(null);
    String problem =
        expected != null
            ? (arn.equals(expected) ? "" : "not this stack's function " + expected)
            : notThisStacksFunction(pool.arn(), arn, name);
    if (problem.isEmpty()) {
      return List.of();
    }
    return List.of(
        Finding.note(
            Check.UNLOCK_TRIGGER,
            "",
            "LambdaConfig." + name + " is " + arn + ", " + problem + consequence));
  }

  /**
   * The token gate's function: {@code PreTokenGenerationConfig.LambdaArn} when set (it wins over
   * the older {@code PreTokenGeneration}, which Cognito keeps equal to it), else {@code
   * PreTokenGeneration}.
   */
  static String tokenGateArn(LambdaConfigType config) {
    if (config == null) {
      return null;
    }
    if (config.preTokenGenerationConfig() != null
        && config.preTokenGenerationConfig().lambdaArn() != null) {
      return config.preTokenGenerationConfig().lambdaArn();
    }
    return config.preTokenGeneration();
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
