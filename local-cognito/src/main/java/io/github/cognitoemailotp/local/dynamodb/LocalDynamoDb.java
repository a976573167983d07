package io.github.cognitoemailotp.local.dynamodb;

import io.github.cognitoemailotp.local.template.CloudFormationYaml;
import io.github.cognitoemailotp.local.template.TemplateException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * The stack's DynamoDB: the endpoint {@code AWS_ENDPOINT_URL_DYNAMODB} names, or else dynalite
 * (npm, pinned in package-lock.json) started on 127.0.0.1 through scripts/dynalite.js. Each {@code
 * AWS::DynamoDB::Table} of the template is created from the template's own definition (key schema,
 * attribute definitions, billing mode) when it is missing, named as the local stack resolves its
 * {@code !Ref}: its TableName, else its logical id.
 *
 * <p>Not done locally: {@code UpdateTimeToLive}. dynalite does not implement it (it answers
 * UnknownOperationException), so items do not expire here; the budgets do not depend on expiry
 * (each item holds its own window starts), only the table's size does.
 */
public final class LocalDynamoDb implements AutoCloseable {

  /** What the functions read to reach this DynamoDB (the SDK's service-specific endpoint). */
  public static final String ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL_DYNAMODB";

  /** One table of the template. */
  record Table(String name, Map<String, Object> properties) {}

  private final String endpoint;
  private final Path script;
  private final int port;
  private final List<Table> tables;
  private Process process;

  private LocalDynamoDb(String endpoint, Path script, int port, List<Table> tables) {
    this.endpoint = endpoint;
    this.script = script;
    this.port = port;
    this.tables = tables;
  }

  /**
   * Uses {@code AWS_ENDPOINT_URL_DYNAMODB} from {@code environment} when it is set, else starts
   * dynalite; then creates the template's missing tables.
   */
  public static LocalDynamoDb start(Path template, Map<String, String> environment)
      throws IOException {
    return start(template, environment, java.util.Set.of());
  }

  /**
   * As {@link #start(Path, Map)}, without the tables in {@code notCreated} (those whose {@code
   * Condition} is false, which CloudFormation would not create either).
   */
  public static LocalDynamoDb start(
      Path template, Map<String, String> environment, java.util.Set<String> notCreated)
      throws IOException {
    List<Table> tables =
        tables(template).stream().filter(table -> !notCreated.contains(table.name())).toList();
    String given = environment.getOrDefault(ENDPOINT_VARIABLE, "").strip();
    LocalDynamoDb dynamo;
    if (!given.isEmpty()) {
      dynamo = new LocalDynamoDb(given, null, 0, tables);
    } else {
      int port;
      try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = free.getLocalPort();
      }
      dynamo =
          new LocalDynamoDb("http://127.0.0.1:" + port, dynaliteScript(template), port, tables);
      dynamo.startDynalite();
    }
    try {
      dynamo.createMissingTables();
    } catch (RuntimeException e) {
      dynamo.close();
      throw e;
    }
    return dynamo;
  }

  public String endpoint() {
    return endpoint;
  }

  /** Whether this process started the emulator (and so can stop and restart it). */
  public boolean startedHere() {
    return script != null;
  }

  /** Stops the emulator this process started: the store is down until {@link #restart()}. */
  public void stop() {
    if (process != null) {
      process.destroy();
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
  }

  /** Starts the emulator again on the same port (empty, in memory) and creates the tables. */
  public void restart() throws IOException {
    stop();
    startDynalite();
    createMissingTables();
  }

  @Override
  public void close() {
    stop();
  }

  private static Path dynaliteScript(Path template) throws IOException {
    Path root = template.toAbsolutePath().getParent();
    for (Path candidate :
        List.of(
            root.resolve("local-cognito/scripts/dynalite.js"),
            Path.of("scripts/dynalite.js").toAbsolutePath())) {
      if (Files.exists(candidate)
          && Files.exists(candidate.getParent().resolveSibling("node_modules/dynalite"))) {
        return candidate;
      }
    }
    throw new IOException(
        "dynalite is not installed: run npm ci in local-cognito, or set "
            + ENDPOINT_VARIABLE
            + " to a DynamoDB endpoint");
  }

  private void startDynalite() throws IOException {
    process =
        new ProcessBuilder("node", script.toString(), Integer.toString(port))
            .redirectErrorStream(true)
            .start();
    BufferedReader output =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = output.readLine();
    if (line == null || !line.contains("listening at")) {
      stop();
      throw new IOException("dynalite did not start: " + line);
    }
    Thread.ofPlatform()
        .daemon()
        .start(
            () -> {
              try {
                output.lines().forEach(text -> System.err.println("dynalite: " + text));
              } catch (java.io.UncheckedIOException closed) {
                // Stopped.
              }
            });
  }

  @SuppressWarnings("unchecked")
  static List<Table> tables(Path template) {
    Map<String, Object> document;
    try {
      document = CloudFormationYaml.read(Files.readString(template));
    } catch (IOException e) {
      throw new TemplateException("cannot read the template " + template + ": " + e.getMessage());
    }
    List<Table> tables = new ArrayList<>();
    Object resources = document.getOrDefault("Resources", Map.of());
    for (Map.Entry<String, Object> entry : ((Map<String, Object>) resources).entrySet()) {
      Map<String, Object> resource = (Map<String, Object>) entry.getValue();
      if ("AWS::DynamoDB::Table".equals(resource.get("Type"))) {
        Map<String, Object> properties =
            (Map<String, Object>) resource.getOrDefault("Properties", Map.of());
        tables.add(
            new Table(
                String.valueOf(properties.getOrDefault("TableName", entry.getKey())), properties));
      }
    }
    return List.copyOf(tables);
  }

  private DynamoDbClient client() {
    return DynamoDbClient.builder()
        .region(Region.US_EAST_1)
        .endpointOverride(URI.create(endpoint))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  @SuppressWarnings("unchecked")
  private void createMissingTables() {
    try (DynamoDbClient dynamo = client()) {
      for (Table table : tables) {
        try {
          dynamo.describeTable(request -> request.tableName(table.name()));
          continue;
        } catch (ResourceNotFoundException missing) {
          // Created below.
        }
        List<AttributeDefinition> attributes = new ArrayList<>();
        for (Object definition : (List<Object>) table.properties().get("AttributeDefinitions")) {
          Map<String, Object> attribute = (Map<String, Object>) definition;
          attributes.add(
              AttributeDefinition.builder()
                  .attributeName(String.valueOf(attribute.get("AttributeName")))
                  .attributeType(String.valueOf(attribute.get("AttributeType")))
                  .build());
        }
        List<KeySchemaElement> keys = new ArrayList<>();
        for (Object element : (List<Object>) table.properties().get("KeySchema")) {
          Map<String, Object> key = (Map<String, Object>) element;
          keys.add(
              KeySchemaElement.builder()
                  .attributeName(String.valueOf(key.get("AttributeName")))
                  .keyType(String.valueOf(key.get("KeyType")))
                  .build());
        }
        dynamo.createTable(
            request ->
                request
                    .tableName(table.name())
                    .attributeDefinitions(attributes)
                    .keySchema(keys)
                    .billingMode(
                        String.valueOf(
                            table.properties().getOrDefault("BillingMode", "PAY_PER_REQUEST"))));
        awaitActive(dynamo, table.name());
        if (table.properties().containsKey("TimeToLiveSpecification")) {
          System.err.println(
              "local-cognito: table "
                  + table.name()
                  + " created from the template; its TimeToLiveSpecification is skipped locally"
                  + " (dynalite does not implement UpdateTimeToLive), so its items do not expire");
        }
      }
    }
  }

  private static void awaitActive(DynamoDbClient dynamo, String name) {
    for (int i = 0; i < 400; i++) {
      if (dynamo.describeTable(request -> request.tableName(name)).table().tableStatus()
          == TableStatus.ACTIVE) {
        return;
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new IllegalStateException("table " + name + " did not become ACTIVE");
  }
}
