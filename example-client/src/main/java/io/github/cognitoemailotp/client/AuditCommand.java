package io.github.cognitoemailotp.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.cognitoemailotp.client.audit.Finding;
import io.github.cognitoemailotp.client.audit.PoolAudit;
import io.github.cognitoemailotp.client.audit.StackFunctions;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClientBuilder;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;

/**
 * {@code example-client audit --pool-id ...}: what in a user pool lets a sign-in skip the emailed
 * code (docs/existing-pool.md). Needs AWS credentials that may call DescribeUserPool,
 * GetUserPoolMfaConfig, ListUsers, ListUserPoolClients and DescribeUserPoolClient.
 */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description =
        "Reports what in a user pool lets a sign-in skip the emailed code, each with what to do:"
            + " app clients that allow a password-only or choice-based flow, OAuth (hosted UI)"
            + " flows, custom-auth triggers or a token gate (Pre Token Generation) that are missing"
            + " or not this stack's functions, self sign-up, an email attribute that clients can"
            + " write, clients that tell unknown users apart (PreventUserExistenceErrors LEGACY),"
            + " the pool's own MFA, users with a temporary password (FORCE_CHANGE_PASSWORD), and"
            + " the password recovery setting. Notes (things to know that skip nothing) are"
            + " printed too. Exits 0 when nothing is found, 9 when something is. Needs AWS"
            + " credentials (cognito-idp:DescribeUserPool, GetUserPoolMfaConfig, ListUsers,"
            + " ListUserPoolClients, DescribeUserPoolClient).")
final class AuditCommand implements Callable<Integer> {

  @Option(
      names = "--pool-id",
      required = true,
      description = "User pool id, such as us-east-1_AbCdEf123.")
  String userPoolId;

  @Option(names = "--region", description = "AWS region (default: the pool id's prefix).")
  String region;

  @Option(
      names = "--endpoint-url",
      description =
          "Cognito endpoint (default: $AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER, then"
              + " $AWS_ENDPOINT_URL, then AWS).")
  String endpointUrl;

  @Option(names = "--json", description = "Print the findings as one JSON object.")
  boolean json;

  @Option(
      names = "--define-auth-challenge-arn",
      description = "The stack's output DefineAuthChallengeArn, to compare LambdaConfig with.")
  String defineArn;

  @Option(
      names = "--create-auth-challenge-arn",
      description = "The stack's output CreateAuthChallengeArn.")
  String createArn;

  @Option(
      names = "--verify-auth-challenge-response-arn",
      description = "The stack's output VerifyAuthChallengeResponseArn.")
  String verifyArn;

  @Option(
      names = "--pre-token-generation-arn",
      description = "The stack's output PreTokenGenerationArn (the token gate).")
  String preTokenGenerationArn;

  @Option(
      names = "--post-confirmation-arn",
      description = "The stack's output PostConfirmationArn (a password reset lifts a lock).")
  String postConfirmationArn;

  private final Map<String, String> environment;
  private final PrintStream out;
  private final PrintStream err;

  AuditCommand(Map<String, String> environment, PrintStream out, PrintStream err) {
    this.environment = environment;
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    List<Finding> findings;
    try {
      String resolvedRegion = region != null ? region : ExampleClient.regionOf(userPoolId);
      Optional<String> endpoint = ExampleClient.endpoint(endpointUrl, environment);
      DefaultCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
      try {
        credentials.resolveCredentials();
      } catch (SdkClientException e) {
        err.println(
            "The audit calls Cognito's signed admin API and found no AWS credentials: set"
                + " AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.");
        return ExitCode.FAILURE.code();
      }
      try (CognitoIdentityProviderClient cognito = client(resolvedRegion, endpoint, credentials)) {
        findings = new PoolAudit(cognito).audit(userPoolId, stackFunctions());
      }
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return ExitCode.USAGE.code();
    } catch (CognitoIdentityProviderException e) {
      err.println(
          "Cognito refused to describe the pool "
              + userPoolId
              + ": "
              + e.awsErrorDetails().errorMessage()
              + " ("
              + e.awsErrorDetails().errorCode()
              + ")");
      return ExitCode.FAILURE.code();
    } catch (SdkClientException e) {
      err.println("Cognito could not be reached: " + e.getMessage());
      return ExitCode.UNREACHABLE.code();
    }
    out.println(json ? asJson(findings) : asText(findings));
    return findings.stream().anyMatch(f -> f.kind() == Finding.Kind.FINDING)
        ? ExitCode.FINDINGS.code()
        : ExitCode.SUCCESS.code();
  }

  private StackFunctions stackFunctions() {
    Map<String, String> arns = new LinkedHashMap<>();
    if (defineArn != null) {
      arns.put("DefineAuthChallenge", defineArn);
    }
    if (createArn != null) {
      arns.put("CreateAuthChallenge", createArn);
    }
    if (verifyArn != null) {
      arns.put("VerifyAuthChallengeResponse", verifyArn);
    }
    if (preTokenGenerationArn != null) {
      arns.put(StackFunctions.TOKEN_GATE_TRIGGER, preTokenGenerationArn);
    }
    if (postConfirmationArn != null) {
      arns.put(StackFunctions.UNLOCK_TRIGGER, postConfirmationArn);
    }
    return new StackFunctions(arns);
  }

  private static CognitoIdentityProviderClient client(
      String region, Optional<String> endpoint, DefaultCredentialsProvider credentials) {
    CognitoIdentityProviderClientBuilder builder =
        CognitoIdentityProviderClient.builder()
            .region(Region.of(region))
            .credentialsProvider(credentials)
            .httpClient(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(5))
                    .socketTimeout(Duration.ofSeconds(30))
                    .build());
    endpoint.ifPresent(url -> builder.endpointOverride(URI.create(url)));
    return builder.build();
  }

  private String asText(List<Finding> all) {
    List<Finding> findings = all.stream().filter(f -> f.kind() == Finding.Kind.FINDING).toList();
    StringBuilder text = new StringBuilder();
    for (Finding finding : all) {
      if (finding.kind() == Finding.Kind.NOTE) {
        text.append("note: ").append(finding.check()).append(": ").append(finding.message());
        text.append('\n');
      }
    }
    if (findings.isEmpty()) {
      return text.append("Nothing found in ")
          .append(userPoolId)
          .append(
              ": every app client is limited to the custom flow, the triggers and the token gate"
                  + " are this stack's, self sign-up is off and no client may write email.")
          .toString();
    }
    for (Finding finding : findings) {
      text.append(finding.check()).append(": ").append(finding.message()).append('\n');
    }
    text.append(findings.size())
        .append(findings.size() == 1 ? " finding" : " findings")
        .append(" in ")
        .append(userPoolId)
        .append(
            ": each is a way to sign in without the emailed code, or a weakness in it"
                + " (docs/existing-pool.md).");
    return text.toString();
  }

  private String asJson(List<Finding> findings) {
    StringWriter text = new StringWriter();
    try (JsonGenerator generator = new JsonFactory().createGenerator(text)) {
      generator.writeStartObject();
      generator.writeStringField("userPoolId", userPoolId);
      generator.writeArrayFieldStart("findings");
      for (Finding finding : findings) {
        generator.writeStartObject();
        generator.writeStringField("check", finding.check().name());
        if (!finding.clientId().isEmpty()) {
          generator.writeStringField("clientId", finding.clientId());
        }
        generator.writeStringField("message", finding.message());
        generator.writeStringField("kind", finding.kind().name());
        generator.writeEndObject();
      }
      generator.writeEndArray();
      generator.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }
}
