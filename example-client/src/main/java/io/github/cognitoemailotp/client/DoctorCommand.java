package io.github.cognitoemailotp.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.cognitoemailotp.client.doctor.Diagnosis;
import io.github.cognitoemailotp.client.doctor.DoctorTarget;
import io.github.cognitoemailotp.client.doctor.StackDoctor;
import io.github.cognitoemailotp.client.doctor.StackReader;
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
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * {@code example-client doctor --stack-name ...}: whether a deployment can sign anyone in, and what
 * to do where it cannot (example-client/README.md, docs/operations.md).
 */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description =
        "Checks a deployment: the app client's flows (only ALLOW_CUSTOM_AUTH and"
            + " ALLOW_REFRESH_TOKEN_AUTH), the pool's triggers and Cognito's permission to invoke"
            + " them, the SES sender identity (verified, DKIM), the SES account (sandbox,"
            + " sending enabled, send quota) and the stack's DynamoDB tables. Each finding says"
            + " what to do. Exits 0 when all is well, 9 when something needs fixing. Reads with"
            + " the AWS credentials of the environment; what they may not read is reported as"
            + " not checked.")
final class DoctorCommand implements Callable<Integer> {

  @Option(
      names = "--stack-name",
      description =
          "The deployed stack: the pool, client, triggers, sender and tables are read from it"
              + " (cloudformation:DescribeStacks, ListStackResources).")
  String stackName;

  @Option(names = "--pool-id", description = "User pool id (without --stack-name).")
  String userPoolId;

  @Option(names = "--client-id", description = "App client id (without --stack-name).")
  String clientId;

  @Option(names = "--email-sender", description = "The stack's EmailSender (without --stack-name).")
  String emailSender;

  @Option(
      names = "--table",
      description = "A table the stack uses, such as its CodeEmailBudgetTable (repeatable).")
  List<String> tables = List.of();

  @Option(
      names = "--region",
      description = "AWS region (default: the pool id's prefix, then $AWS_REGION).")
  String region;

  @Option(
      names = "--endpoint-url",
      description =
          "Cognito endpoint, for the local stack (default: $AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER,"
              + " then $AWS_ENDPOINT_URL, then AWS). SES and DynamoDB follow"
              + " $AWS_ENDPOINT_URL_SESV2 and $AWS_ENDPOINT_URL_DYNAMODB. With an endpoint there is no"
              + " Lambda API, so the triggers' permissions are not checked.")
  String endpointUrl;

  @Option(names = "--json", description = "Print the findings as one JSON object.")
  boolean json;

  private final Map<String, String> environment;
  private final PrintStream out;
  private final PrintStream err;

  DoctorCommand(Map<String, String> environment, PrintStream out, PrintStream err) {
    this.environment = environment;
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    List<Diagnosis> diagnoses;
    DoctorTarget target;
    try {
      if ((stackName == null) == (userPoolId == null || clientId == null)) {
        throw new IllegalArgumentException(
            "Give either --stack-name, or --pool-id and --client-id (with --email-sender and"
                + " --table for the SES and table checks).");
      }
      Region resolvedRegion = Region.of(region());
      Optional<String> endpoint = ExampleClient.endpoint(endpointUrl, environment);
      DefaultCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
      try {
        credentials.resolveCredentials();
      } catch (SdkClientException e) {
        err.println(
            "The doctor reads the deployment with AWS's signed APIs and found no AWS credentials:"
                + " set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.");
        return ExitCode.FAILURE.code();
      }
      SdkHttpClient http =
          UrlConnectionHttpClient.builder()
              .connectionTimeout(Duration.ofSeconds(5))
              .socketTimeout(Duration.ofSeconds(30))
              .build();
      try (http;
          CognitoIdentityProviderClient cognito =
              configure(CognitoIdentityProviderClient.builder(), resolvedRegion, credentials)
                  .httpClient(http)
                  .applyMutation(
                      b -> endpoint.ifPresent(url -> b.endpointOverride(URI.create(url))))
                  .build();
          SesV2Client ses =
              configure(SesV2Client.builder(), resolvedRegion, credentials)
                  .httpClient(http)
                  .build();
          DynamoDbClient dynamo =
              configure(DynamoDbClient.builder(), resolvedRegion, credentials)
                  .httpClient(http)
                  .build()) {
        target = target(resolvedRegion, credentials, http);
        Optional<LambdaClient> lambda =
            endpoint.isPresent()
                ? Optional.empty()
                : Optional.of(
                    configure(LambdaClient.builder(), resolvedRegion, credentials)
                        .httpClient(http)
                        .build());
        try {
          diagnoses = new StackDoctor(cognito, ses, dynamo, lambda).examine(target);
        } finally {
          lambda.ifPresent(LambdaClient::close);
        }
      }
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return ExitCode.USAGE.code();
    } catch (AwsServiceException e) {
      err.println(
          "AWS refused to describe the stack "
              + stackName
              + ": "
              + (e.awsErrorDetails() == null
                  ? e.getMessage()
                  : e.awsErrorDetails().errorMessage()));
      return ExitCode.FAILURE.code();
    } catch (SdkClientException e) {
      err.println("An AWS endpoint could not be reached: " + e.getMessage());
      return ExitCode.UNREACHABLE.code();
    }
    out.println(json ? asJson(target, diagnoses) : asText(target, diagnoses));
    return diagnoses.stream().anyMatch(Diagnosis::needsAction)
        ? ExitCode.FINDINGS.code()
        : ExitCode.SUCCESS.code();
  }

  private String region() {
    if (region != null) {
      return region;
    }
    if (userPoolId != null) {
      return ExampleClient.regionOf(userPoolId);
    }
    for (String variable : List.of("AWS_REGION", "AWS_DEFAULT_REGION")) {
      String value = environment.getOrDefault(variable, "").strip();
      if (!value.isEmpty()) {
        return value;
      }
    }
    throw new IllegalArgumentException("Give --region (or set AWS_REGION) with --stack-name.");
  }

  private DoctorTarget target(
      Region resolvedRegion, DefaultCredentialsProvider credentials, SdkHttpClient http) {
    if (stackName != null) {
      try (CloudFormationClient cloudFormation =
          configure(CloudFormationClient.builder(), resolvedRegion, credentials)
              .httpClient(http)
              .build()) {
        return new StackReader(cloudFormation).read(stackName);
      }
    }
    Map<String, String> named = new LinkedHashMap<>();
    for (String table : tables) {
      named.put(table, table);
    }
    return new DoctorTarget(
        userPoolId, clientId, Optional.ofNullable(emailSender), named, Map.of());
  }

  private static <B extends AwsClientBuilder<B, ?>> B configure(
      B builder, Region region, DefaultCredentialsProvider credentials) {
    return builder.region(region).credentialsProvider(credentials);
  }

  static String asText(DoctorTarget target, List<Diagnosis> diagnoses) {
    StringBuilder text = new StringBuilder();
    for (Diagnosis diagnosis : diagnoses) {
      text.append(
          String.format(
              "%-11s %-19s %s%n", diagnosis.status(), diagnosis.check(), diagnosis.message()));
    }
    long toFix = diagnoses.stream().filter(Diagnosis::needsAction).count();
    text.append(
        toFix == 0
            ? "Nothing to fix in " + target.userPoolId() + "."
            : toFix
                + (toFix == 1 ? " thing" : " things")
                + " to fix in "
                + target.userPoolId()
                + " (FAIL: sign-ins fail or skip the code; WARN: not for everyone or not for long).");
    return text.toString();
  }

  static String asJson(DoctorTarget target, List<Diagnosis> diagnoses) {
    StringWriter text = new StringWriter();
    try (JsonGenerator generator = new JsonFactory().createGenerator(text)) {
      generator.writeStartObject();
      generator.writeStringField("userPoolId", target.userPoolId());
      generator.writeStringField("clientId", target.clientId());
      generator.writeArrayFieldStart("findings");
      for (Diagnosis diagnosis : diagnoses) {
        generator.writeStartObject();
        generator.writeStringField("check", diagnosis.check().name());
        generator.writeStringField("status", diagnosis.status().name());
        generator.writeStringField("message", diagnosis.message());
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
