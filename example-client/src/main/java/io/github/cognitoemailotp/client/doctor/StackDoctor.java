package io.github.cognitoemailotp.client.doctor;

import static io.github.cognitoemailotp.client.doctor.Diagnosis.Check.CLIENT_FLOWS;
import static io.github.cognitoemailotp.client.doctor.Diagnosis.Check.SENDER_DKIM;
import static io.github.cognitoemailotp.client.doctor.Diagnosis.Check.SENDER_IDENTITY;
import static io.github.cognitoemailotp.client.doctor.Diagnosis.Check.SEND_QUOTA;
import static io.github.cognitoemailotp.client.doctor.Diagnosis.Check.SES_ACCOUNT;
import static io.github.cognitoemailotp.client.doctor.Diagnosis.Check.TABLES;
import static io.github.cognitoemailotp.client.doctor.Diagnosis.Check.TRIGGERS;
import static io.github.cognitoemailotp.client.doctor.Diagnosis.Check.TRIGGER_PERMISSIONS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DescribeUserPoolClientRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DescribeUserPoolRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LambdaConfigType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetPolicyRequest;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.DkimAttributes;
import software.amazon.awssdk.services.sesv2.model.DkimStatus;
import software.amazon.awssdk.services.sesv2.model.GetAccountRequest;
import software.amazon.awssdk.services.sesv2.model.GetAccountResponse;
import software.amazon.awssdk.services.sesv2.model.GetEmailIdentityRequest;
import software.amazon.awssdk.services.sesv2.model.GetEmailIdentityResponse;
import software.amazon.awssdk.services.sesv2.model.SendQuota;

/**
 * The checks of {@code example-client doctor}: what a deployment needs from Cognito, Lambda, SES
 * and DynamoDB for sign-ins to work, each read with the service's own API. A check whose API
 * refuses these credentials (or, on the local stack, does not exist) is {@link
 * Diagnosis.Status#NOT_CHECKED}, never passed.
 */
public final class StackDoctor {

  /** The app client's flows when it allows only the custom flow (and refreshing its tokens). */
  static final Set<String> ALLOWED_FLOWS = Set.of("ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH");

  /** The share of the daily quota already sent above which the doctor warns. */
  static final double QUOTA_WARNING_SHARE = 0.8;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final CognitoIdentityProviderClient cognito;
  private final SesV2Client ses;
  private final DynamoDbClient dynamo;
  private final Optional<LambdaClient> lambda;

  /**
   * @param lambda Lambda's API, to read the triggers' resource policies; empty where there is none
   *     (the local stack runs the functions itself)
   */
  public StackDoctor(
      CognitoIdentityProviderClient cognito,
      SesV2Client ses,
      DynamoDbClient dynamo,
      Optional<LambdaClient> lambda) {
    this.cognito = cognito;
    this.ses = ses;
    this.dynamo = dynamo;
    this.lambda = lambda;
  }

  /** Every check, in {@link Diagnosis.Check} order. */
  public List<Diagnosis> examine(DoctorTarget target) {
    List<Diagnosis> diagnoses = new ArrayList<>();
    diagnoses.add(clientFlows(target));
    Optional<UserPoolType> pool = pool(target, diagnoses);
    pool.ifPresent(p -> diagnoses.addAll(triggers(p, target)));
    diagnoses.addAll(sender(target));
    diagnoses.addAll(account());
    diagnoses.addAll(tables(target));
    return List.copyOf(diagnoses);
  }

  Diagnosis clientFlows(DoctorTarget target) {
    List<String> flows;
    try {
      flows =
          cognito
              .describeUserPoolClient(
                  DescribeUserPoolClientRequest.builder()
                      .userPoolId(target.userPoolId())
                      .clientId(target.clientId())
                      .build())
              .userPoolClient()
              .explicitAuthFlowsAsStrings();
    } catch (AwsServiceException e) {
      return unreadable(CLIENT_FLOWS, "the app client " + target.clientId(), e);
    }
    Set<String> extra = new TreeSet<>(flows);
    extra.removeAll(ALLOWED_FLOWS);
    if (!extra.isEmpty()) {
      return Diagnosis.fail(
          CLIENT_FLOWS,
          "The app client "
              + target.clientId()
              + " also allows "
              + String.join(", ", extra)
              + ", with which a password alone (or another flow) gets tokens without the emailed"
              + " code. Set its ExplicitAuthFlows to ALLOW_CUSTOM_AUTH and"
              + " ALLOW_REFRESH_TOKEN_AUTH only (the template's CognitoUserPoolClient does).");
    }
    if (!flows.contains("ALLOW_CUSTOM_AUTH")) {
      return Diagnosis.fail(
          CLIENT_FLOWS,
          "The app client "
              + target.clientId()
              + " does not allow ALLOW_CUSTOM_AUTH, so nobody can sign in with the code. Add it"
              + " to its ExplicitAuthFlows.");
    }
    if (!flows.contains("ALLOW_REFRESH_TOKEN_AUTH")) {
      return Diagnosis.warn(
          CLIENT_FLOWS,
          "The app client "
              + target.clientId()
              + " does not allow ALLOW_REFRESH_TOKEN_AUTH: users must sign in again (password and"
              + " code) every hour. Add it to its ExplicitAuthFlows.");
    }
    return Diagnosis.ok(
        CLIENT_FLOWS,
        "The app client "
            + target.clientId()
            + " allows only ALLOW_CUSTOM_AUTH and ALLOW_REFRESH_TOKEN_AUTH.");
  }

  private Optional<UserPoolType> pool(DoctorTarget target, List<Diagnosis> diagnoses) {
    try {
      return Optional.of(
          cognito
              .describeUserPool(
                  DescribeUserPoolRequest.builder().userPoolId(target.userPoolId()).build())
              .userPool());
    } catch (AwsServiceException e) {
      diagnoses.add(unreadable(TRIGGERS, "the user pool " + target.userPoolId(), e));
      return Optional.empty();
    }
  }

  /** The pool's LambdaConfig, then Cognito's permission to invoke each trigger. */
  List<Diagnosis> triggers(UserPoolType pool, DoctorTarget target) {
    Map<String, String> wired = wiredTriggers(pool.lambdaConfig());
    List<String> problems = new ArrayList<>();
    Map<String, String> expected = new LinkedHashMap<>();
    for (String name : DoctorTarget.REQUIRED_TRIGGERS) {
      expected.put(name, target.expectedTriggers().getOrDefault(name, ""));
    }
    target.expectedTriggers().forEach(expected::putIfAbsent);
    expected.forEach(
        (name, arn) -> {
          String actual = wired.get(name);
          if (actual == null) {
            problems.add(name + " is not set");
          } else if (!arn.isEmpty() && !arn.equals(actual)) {
            problems.add(name + " is " + actual + ", not the stack's " + arn);
          }
        });
    List<Diagnosis> diagnoses = new ArrayList<>();
    if (problems.isEmpty()) {
      diagnoses.add(
          Diagnosis.ok(
              TRIGGERS,
              "The pool's LambdaConfig has "
                  + String.join(", ", expected.keySet())
                  + (target.expectedTriggers().isEmpty() ? "." : ", each the stack's function.")));
    } else {
      diagnoses.add(
          Diagnosis.fail(
              TRIGGERS,
              "The pool's LambdaConfig is not this deployment's: "
                  + String.join("; ", problems)
                  + ". Deploy the stack again (it sets them), or for an existing pool set them as"
                  + " docs/existing-pool.md says."));
    }
    for (String name : expected.keySet()) {
      String arn = wired.get(name);
      if (arn != null) {
        diagnoses.add(permission(name, arn, pool.arn()));
      }
    }
    return diagnoses;
  }

  static Map<String, String> wiredTriggers(LambdaConfigType config) {
    Map<String, String> wired = new LinkedHashMap<>();
    if (config == null) {
      return wired;
    }
    putIfSet(wired, "DefineAuthChallenge", config.defineAuthChallenge());
    putIfSet(wired, "CreateAuthChallenge", config.createAuthChallenge());
    putIfSet(wired, "VerifyAuthChallengeResponse", config.verifyAuthChallengeResponse());
    String preToken =
        config.preTokenGenerationConfig() != null
            ? config.preTokenGenerationConfig().lambdaArn()
            : config.preTokenGeneration();
    putIfSet(wired, "PreTokenGeneration", preToken);
    return wired;
  }

  private static void putIfSet(Map<String, String> wired, String name, String arn) {
    if (arn != null && !arn.isBlank()) {
      wired.put(name, arn);
    }
  }

  /** Whether the function's resource policy lets this pool (and only it) invoke it. */
  Diagnosis permission(String trigger, String functionArn, String poolArn) {
    if (lambda.isEmpty()) {
      return Diagnosis.notChecked(
          TRIGGER_PERMISSIONS,
          trigger
              + ": not checked here (no Lambda API; the local stack runs the functions itself).");
    }
    String policy;
    try {
      policy =
          lambda
              .get()
              .getPolicy(GetPolicyRequest.builder().functionName(functionArn).build())
              .policy();
    } catch (software.amazon.awssdk.services.lambda.model.ResourceNotFoundException e) {
      return Diagnosis.fail(
          TRIGGER_PERMISSIONS,
          trigger
              + " ("
              + functionArn
              + "): the function does not exist or has no resource policy, so Cognito may not"
              + " invoke it and every sign-in fails. Deploy the stack again, or add the"
              + " permission: aws lambda add-permission --function-name "
              + functionArn
              + " --statement-id cognito --action lambda:InvokeFunction --principal"
              + " cognito-idp.amazonaws.com --source-arn "
              + poolArn);
    } catch (AwsServiceException e) {
      return unreadable(TRIGGER_PERMISSIONS, trigger + "'s resource policy", e);
    }
    return judgePolicy(trigger, functionArn, poolArn, policy);
  }

  static Diagnosis judgePolicy(
      String trigger, String functionArn, String poolArn, String policyJson) {
    JsonNode statements;
    try {
      statements = JSON.readTree(policyJson).path("Statement");
    } catch (IOException e) {
      return Diagnosis.notChecked(
          TRIGGER_PERMISSIONS, trigger + ": its resource policy could not be read as JSON.");
    }
    boolean anyPool = false;
    for (JsonNode statement : statements.isArray() ? statements : List.of(statements)) {
      if (!"Allow".equals(statement.path("Effect").asText())
          || !"cognito-idp.amazonaws.com"
              .equals(statement.path("Principal").path("Service").asText())
          || !invokes(statement.path("Action"))) {
        continue;
      }
      String sourceArn = sourceArn(statement.path("Condition"));
      if (poolArn.equals(sourceArn)) {
        return Diagnosis.ok(
            TRIGGER_PERMISSIONS, trigger + ": Cognito may invoke it for this pool only.");
      }
      if (sourceArn.isEmpty()) {
        anyPool = true;
      }
    }
    if (anyPool) {
      return Diagnosis.warn(
          TRIGGER_PERMISSIONS,
          trigger
              + " ("
              + functionArn
              + "): Cognito may invoke it for any user pool (no AWS:SourceArn condition), so"
              + " another pool could run it. Limit the permission's SourceArn to "
              + poolArn
              + ".");
    }
    return Diagnosis.fail(
        TRIGGER_PERMISSIONS,
        trigger
            + " ("
            + functionArn
            + "): no statement lets Cognito invoke it for "
            + poolArn
            + ", so every sign-in fails. Deploy the stack again, or add the permission: aws"
            + " lambda add-permission --function-name "
            + functionArn
            + " --statement-id cognito --action lambda:InvokeFunction --principal"
            + " cognito-idp.amazonaws.com --source-arn "
            + poolArn);
  }

  private static boolean invokes(JsonNode action) {
    if (action.isArray()) {
      for (JsonNode one : action) {
        if (invokes(one)) {
          return true;
        }
      }
      return false;
    }
    String text = action.asText();
    return text.equals("lambda:InvokeFunction") || text.equals("lambda:*") || text.equals("*");
  }

  private static String sourceArn(JsonNode condition) {
    for (String operator : List.of("ArnLike", "ArnEquals", "StringEquals", "StringLike")) {
      JsonNode value = condition.path(operator).path("AWS:SourceArn");
      if (value.isTextual()) {
        return value.asText();
      }
    }
    return "";
  }

  /** The sender identity (the address, or else its domain): verified, and signing with DKIM. */
  List<Diagnosis> sender(DoctorTarget target) {
    if (target.emailSender().isEmpty()) {
      return List.of(
          Diagnosis.notChecked(
              SENDER_IDENTITY,
              "No sender given: pass --email-sender (the stack's EmailSender) or --stack-name."));
    }
    String sender = target.emailSender().get();
    String domain = sender.substring(sender.indexOf('@') + 1);
    GetEmailIdentityResponse identity;
    String identityName;
    try {
      Optional<GetEmailIdentityResponse> found = identity(sender);
      identityName = sender;
      if (found.isEmpty() && !domain.equals(sender)) {
        found = identity(domain);
        identityName = domain;
      }
      if (found.isEmpty()) {
        return List.of(
            Diagnosis.fail(
                SENDER_IDENTITY,
                "Neither "
                    + sender
                    + " nor "
                    + domain
                    + " is an SES identity in this region, so SES rejects every code email."
                    + " Create and verify one: aws sesv2 create-email-identity --email-identity "
                    + sender
                    + " (then click the link SES emails), or the domain with its DKIM records."));
      }
      identity = found.get();
    } catch (AwsServiceException e) {
      return List.of(unreadable(SENDER_IDENTITY, "the SES identity " + sender, e));
    }
    List<Diagnosis> diagnoses = new ArrayList<>();
    if (Boolean.TRUE.equals(identity.verifiedForSendingStatus())) {
      diagnoses.add(
          Diagnosis.ok(
              SENDER_IDENTITY,
              "The SES identity " + identityName + " is verified for sending as " + sender + "."));
    } else {
      diagnoses.add(
          Diagnosis.fail(
              SENDER_IDENTITY,
              "The SES identity "
                  + identityName
                  + " is not verified (verification "
                  + identity.verificationStatusAsString()
                  + "), so SES rejects every code email. "
                  + (identityName.equals(sender)
                      ? "Click the link in the email SES sent to " + sender + ", or send it again."
                      : "Publish its DKIM CNAME records in the domain's DNS.")));
    }
    diagnoses.add(dkim(identityName, identity.dkimAttributes()));
    return diagnoses;
  }

  private Optional<GetEmailIdentityResponse> identity(String name) {
    try {
      return Optional.of(
          ses.getEmailIdentity(GetEmailIdentityRequest.builder().emailIdentity(name).build()));
    } catch (software.amazon.awssdk.services.sesv2.model.NotFoundException e) {
      return Optional.empty();
    }
  }

  static Diagnosis dkim(String identityName, DkimAttributes dkim) {
    if (dkim != null
        && Boolean.TRUE.equals(dkim.signingEnabled())
        && dkim.status() == DkimStatus.SUCCESS) {
      return Diagnosis.ok(SENDER_DKIM, identityName + " signs its email with DKIM.");
    }
    String status = dkim == null ? "no DKIM settings" : "DKIM " + dkim.statusAsString();
    return Diagnosis.warn(
        SENDER_DKIM,
        identityName
            + " does not sign with DKIM ("
            + status
            + "), so code emails are more likely to land in spam or be refused. Verify the"
            + " sender's domain in SES with Easy DKIM and publish its three CNAME records.");
  }

  /** The account: out of the sandbox, sending enabled, and room in its daily quota. */
  List<Diagnosis> account() {
    GetAccountResponse account;
    try {
      account = ses.getAccount(GetAccountRequest.builder().build());
    } catch (AwsServiceException e) {
      return List.of(unreadable(SES_ACCOUNT, "the SES account", e));
    }
    List<Diagnosis> diagnoses = new ArrayList<>();
    if (Boolean.FALSE.equals(account.sendingEnabled())) {
      diagnoses.add(
          Diagnosis.fail(
              SES_ACCOUNT,
              "SES sending is disabled for this account in this region, so no code email goes"
                  + " out. Re-enable it: aws sesv2 put-account-sending-attributes"
                  + " --sending-enabled (or resolve the reason in the SES console)."));
    } else if (!Boolean.TRUE.equals(account.productionAccessEnabled())) {
      diagnoses.add(
          Diagnosis.warn(
              SES_ACCOUNT,
              "The account is in the SES sandbox: codes reach only verified addresses, and a"
                  + " sign-in by anyone else fails. Request production access"
                  + " (https://docs.aws.amazon.com/ses/latest/dg/request-production-access.html),"
                  + " or verify each test user's address."));
    } else {
      String enforcement = account.enforcementStatus();
      if (enforcement != null && !enforcement.equals("HEALTHY")) {
        diagnoses.add(
            Diagnosis.warn(
                SES_ACCOUNT,
                "SES has the account's sending under review (enforcement status "
                    + enforcement
                    + "). Look at the reputation dashboard in the SES console."));
      } else {
        diagnoses.add(
            Diagnosis.ok(SES_ACCOUNT, "The account has SES production access; sending enabled."));
      }
    }
    diagnoses.add(quota(account.sendQuota()));
    return diagnoses;
  }

  static Diagnosis quota(SendQuota quota) {
    if (quota == null || quota.max24HourSend() == null) {
      return Diagnosis.notChecked(SEND_QUOTA, "SES did not report the account's send quota.");
    }
    double max = quota.max24HourSend();
    double sent = quota.sentLast24Hours() == null ? 0 : quota.sentLast24Hours();
    String numbers =
        String.format(
            java.util.Locale.ROOT,
            "%.0f of %.0f emails sent in the last 24 hours, at most %.0f per second",
            sent,
            max,
            quota.maxSendRate() == null ? 0 : quota.maxSendRate());
    if (max > 0 && sent >= max * QUOTA_WARNING_SHARE) {
      return Diagnosis.warn(
          SEND_QUOTA,
          numbers
              + ": when the quota is used up every sign-in fails. Ask for a higher sending quota"
              + " in the SES console (Service Quotas).");
    }
    return Diagnosis.ok(SEND_QUOTA, numbers + ".");
  }

  /** Each of the stack's tables exists and is ACTIVE. */
  List<Diagnosis> tables(DoctorTarget target) {
    if (target.tables().isEmpty()) {
      return List.of(
          Diagnosis.notChecked(
              TABLES, "No table given: pass --table (the stack's tables) or --stack-name."));
    }
    List<Diagnosis> diagnoses = new ArrayList<>();
    target
        .tables()
        .forEach(
            (logicalId, name) -> {
              TableDescription table;
              try {
                table =
                    dynamo
                        .describeTable(DescribeTableRequest.builder().tableName(name).build())
                        .table();
              } catch (software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException e) {
                diagnoses.add(
                    Diagnosis.fail(
                        TABLES,
                        logicalId
                            + ": the table "
                            + name
                            + " does not exist in this region, so every code email is refused"
                            + " (fail closed). Deploy the stack again; if it was deleted by hand,"
                            + " the stack's update recreates it only after you remove it from the"
                            + " stack or restore it."));
                return;
              } catch (AwsServiceException e) {
                diagnoses.add(unreadable(TABLES, "the table " + name, e));
                return;
              }
              if (table.tableStatus() == TableStatus.ACTIVE) {
                diagnoses.add(
                    Diagnosis.ok(TABLES, logicalId + ": the table " + name + " is ACTIVE."));
              } else {
                diagnoses.add(
                    Diagnosis.warn(
                        TABLES,
                        logicalId
                            + ": the table "
                            + name
                            + " is "
                            + table.tableStatusAsString()
                            + ", not ACTIVE; sign-ins fail until it is. Wait, then run the"
                            + " doctor again."));
              }
            });
    return diagnoses;
  }

  /** A read these credentials may not do: not judged, and what permission would let it. */
  private static Diagnosis unreadable(Diagnosis.Check check, String what, AwsServiceException e) {
    String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
    return Diagnosis.notChecked(
        check,
        "Could not read "
            + what
            + " ("
            + (code == null || code.isEmpty() ? "HTTP " + e.statusCode() : code)
            + "). Run the doctor with credentials that may read it.");
  }
}
