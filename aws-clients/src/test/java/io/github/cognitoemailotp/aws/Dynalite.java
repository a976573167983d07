package io.github.cognitoemailotp.aws;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * dynalite (npm, pinned in local-cognito's package-lock.json), a DynamoDB emulator that validates
 * and evaluates condition expressions as DynamoDB does, in memory on 127.0.0.1, started through
 * local-cognito/scripts/dynalite.js (which keeps it alive when a client abandons a request). It can
 * be stopped and started again on the same port (empty) to play an outage.
 */
public final class Dynalite implements AutoCloseable {

  /** Create's code-email budget table, keyed by {@code sub}. */
  public static final String TABLE = "local-code-email-budgets";

  /** The second-factor pass table, keyed by {@code sub} and {@code clientId}. */
  public static final String PASS_TABLE = "local-second-factor-passes";

  /** The lock table's name in the emulator (template.yaml's {@code UserLockTable}). */
  public static final String LOCK_TABLE = "local-user-locks";

  private final int port;
  private Process process;

  public Dynalite() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    start();
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  public void start() {
    // sam build builds and tests this module alone, outside the repository: no dynalite there.
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.exists(Path.of("..", "local-cognito", "package.json")),
        "built outside the repository: the DynamoDB tests run in the repository's build");
    Path script = Path.of("..", "local-cognito", "scripts", "dynalite.js");
    if (!Files.exists(Path.of("..", "local-cognito", "node_modules", "dynalite"))) {
      throw new IllegalStateException("dynalite is not installed: run npm ci in local-cognito");
    }
    try {
      process =
          new ProcessBuilder("node", script.toString(), Integer.toString(port))
              .redirectErrorStream(true)
              .start();
      BufferedReader output =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line = output.readLine();
      if (line == null || !line.contains("listening at")) {
        stop();
        throw new IllegalStateException("dynalite did not start: " + line);
      }
      Thread.ofPlatform()
          .daemon()
          .start(
              () -> {
                try {
                  output.lines().forEach(System.err::println);
                } catch (java.io.UncheckedIOException closed) {
                  // Stopped.
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

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

  /** A client for this emulator with the function's own timeouts and retries. */
  public DynamoDbClient client() {
    return DynamoDbCalls.clientBuilder(Region.US_EAST_1)
        .endpointOverride(URI.create(url()))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .build();
  }

  /** Creates the budget table ({@link #TABLE}) as template.yaml declares it. */
  public void createTable(DynamoDbClient unused) {
    createTable(TABLE, "sub");
  }

  /**
   * Creates {@code table} keyed by {@code keys} (string attributes: the partition key, then the
   * sort key if any) and waits until it is ACTIVE; with a client of its own, whose timeouts allow
   * for the emulator's first, slow answers.
   */
  public void createTable(String table, String... keys) {
    try (DynamoDbClient dynamo =
        DynamoDbClient.builder()
            .region(Region.US_EAST_1)
            .endpointOverride(URI.create(url()))
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      createTableWith(dynamo, table, keys);
    }
  }

  private void createTableWith(DynamoDbClient dynamo, String table, String... keys) {
    List<AttributeDefinition> attributes = new ArrayList<>();
    List<KeySchemaElement> schema = new ArrayList<>();
    for (int i = 0; i < keys.length; i++) {
      attributes.add(
          AttributeDefinition.builder()
              .attributeName(keys[i])
              .attributeType(ScalarAttributeType.S)
              .build());
      schema.add(
          KeySchemaElement.builder()
              .attributeName(keys[i])
              .keyType(i == 0 ? KeyType.HASH : KeyType.RANGE)
              .build());
    }
    dynamo.createTable(
        request ->
            request
                .tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attributes)
                .keySchema(schema));
    for (int i = 0; i < 200; i++) {
      if (dynamo.describeTable(request -> request.tableName(table)).table().tableStatus()
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
    throw new IllegalStateException("the table did not become ACTIVE");
  }

  @Override
  public void close() {
    stop();
  }
}
