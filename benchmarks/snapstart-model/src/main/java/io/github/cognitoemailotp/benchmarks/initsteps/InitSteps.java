package io.github.cognitoemailotp.benchmarks.initsteps;

import io.github.cognitoemailotp.aws.AwsClients;
import io.github.cognitoemailotp.aws.DynamoDbCalls;
import io.github.cognitoemailotp.aws.EmailTemplates;
import io.github.cognitoemailotp.aws.SesEmailSender;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * A function's SDK init, step by step, in a fresh JVM (benchmarks/init_steps.py starts one per run,
 * with the function's class path and environment, as the cold-start benchmark does): each step is
 * the same call the function's handler makes at init or on its first invocation, in the same order,
 * timed alone, with the classes it loaded. The steps run through aws-clients' own builders, so what
 * is measured is what the functions do.
 *
 * <p>usage: InitSteps dynamodb|dynamodb+ses; prints one JSON line: the JVM's start to main, then
 * each step's milliseconds and classes.
 */
public final class InitSteps {

  private record Step(String name, double ms, long classes) {}

  private final ClassLoadingMXBean classLoading = ManagementFactory.getClassLoadingMXBean();
  private final List<Step> steps = new ArrayList<>();

  private <T> T step(String name, Callable<T> action) throws Exception {
    if (Boolean.getBoolean("initsteps.markers")) {
      System.out.println("=== step: " + name);
      System.out.flush();
    }
    long classesBefore = classLoading.getTotalLoadedClassCount();
    long started = System.nanoTime();
    T result = action.call();
    double ms = (System.nanoTime() - started) / 1e6;
    steps.add(new Step(name, ms, classLoading.getTotalLoadedClassCount() - classesBefore));
    return result;
  }

  public static void main(String[] args) throws Exception {
    long mainEntered = System.nanoTime();
    if (args.length != 1 || !(args[0].equals("dynamodb") || args[0].equals("dynamodb+ses"))) {
      System.err.println("usage: InitSteps dynamodb|dynamodb+ses");
      System.exit(2);
    }
    new InitSteps().run(args[0].equals("dynamodb+ses"), mainEntered);
  }

  private void run(boolean ses, long mainEntered) throws Exception {
    Map<String, String> environment = System.getenv();
    // Create's table is the budget's (key sub), Verify's and the gate's the pass table (sub,
    // clientId).
    String table =
        ses
            ? environment.getOrDefault("CODE_EMAIL_BUDGET_TABLE", "")
            : environment.getOrDefault("SECOND_FACTOR_PASS_TABLE", "");
    Map<String, AttributeValue> key =
        ses
            ? Map.of("sub", AttributeValue.fromS("init-steps-probe"))
            : Map.of(
                "sub", AttributeValue.fromS("init-steps-probe"),
                "clientId", AttributeValue.fromS("init-steps-probe"));
    step(
        "aws-clients loaded (the shared credentials provider built)",
        () -> Class.forName(AwsClients.class.getName(), true, InitSteps.class.getClassLoader()));
    Region region = step("region", () -> AwsClients.region(environment));
    // What HTTPS costs apart (the emulators here speak plain HTTP, Lambda's endpoints HTTPS): the
    // URL-connection client builds its TLS context when it is built, so this comes first.
    step("TLS: the JDK's default SSLContext (trust store read)", SSLContext::getDefault);
    step("TLS: HTTPS socket factory", HttpsURLConnection::getDefaultSSLSocketFactory);
    step("URL-connection HTTP client", () -> AwsClients.httpClient(AwsClients.DYNAMODB));
    step(
        "timeouts, retry strategy, interceptor",
        () -> AwsClients.overrideConfiguration(AwsClients.DYNAMODB));
    DynamoDbClient dynamo =
        step("DynamoDB client built", () -> DynamoDbCalls.clientBuilder(region).build());
    step(
        "first DynamoDB request: marshalled, endpoint, credentials, signed (init's warm-up)",
        () ->
            DynamoDbCalls.signWithoutSending(
                dynamo,
                UpdateItemRequest.builder()
                    .tableName(table)
                    .key(key)
                    .updateExpression("ADD #n :one")
                    .conditionExpression("attribute_not_exists(#n) OR #n < :limit")
                    .expressionAttributeNames(Map.of("#n", "n"))
                    .expressionAttributeValues(
                        Map.of(
                            ":one", AttributeValue.fromN("1"), ":limit", AttributeValue.fromN("9")))
                    .build()));
    step(
        "first DynamoDB call sent (GetItem): connection, answer parsed",
        () -> dynamo.getItem(r -> r.tableName(table).key(key)));
    step("second DynamoDB call (GetItem)", () -> dynamo.getItem(r -> r.tableName(table).key(key)));
    if (ses) {
      step(
          "second URL-connection HTTP client (SES's)", () -> AwsClients.httpClient(AwsClients.SES));
      SesV2Client client = step("SES v2 client built", () -> SesEmailSender.client(region));
      EmailTemplates templates = step("email templates loaded", EmailTemplates::load);
      SesEmailSender sender =
          new SesEmailSender(
              client,
              environment.getOrDefault("EMAIL_SENDER", "no-reply@example.com"),
              "",
              templates,
              region);
      step(
          "first SES call sent (SendEmail)",
          () ->
              client.sendEmail(
                  sender.request(
                      "init-steps-probe@example.com",
                      templates.render("en", "000000", java.time.Duration.ofMinutes(3)))));
    }
    long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
    double sinceMain = (System.nanoTime() - mainEntered) / 1e6;
    StringBuilder json = new StringBuilder("{\"jvm_to_main_ms\":");
    json.append(Math.max(0, uptime - sinceMain)).append(",\"steps\":[");
    for (int i = 0; i < steps.size(); i++) {
      Step s = steps.get(i);
      json.append(i == 0 ? "" : ",")
          .append("{\"name\":\"")
          .append(s.name())
          .append("\",\"ms\":")
          .append(s.ms())
          .append(",\"classes\":")
          .append(s.classes())
          .append('}');
    }
    System.out.println(json.append("]}"));
  }
}
