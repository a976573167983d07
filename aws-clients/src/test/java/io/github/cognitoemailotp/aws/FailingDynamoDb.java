package io.github.cognitoemailotp.aws;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB endpoints on 127.0.0.1 that fail as a real outage does: nothing listening, a listener
 * that never answers, or an error answer; each reached through a client built as the functions
 * build theirs ({@link DynamoDbCalls#clientBuilder}), so the stores' time budgets are what is
 * tested.
 */
public final class FailingDynamoDb {

  private FailingDynamoDb() {}

  /** A function-built client for {@code url}, with dummy credentials. */
  public static DynamoDbClient clientFor(String url) {
    return DynamoDbCalls.clientBuilder(Region.US_EAST_1)
        .endpointOverride(URI.create(url))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .build();
  }

  /** Runs {@code test} with a client for a port nothing listens on. */
  public static void stopped(Consumer<DynamoDbClient> test) throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    try (DynamoDbClient client = clientFor("http://127.0.0.1:" + port)) {
      test.accept(client);
    }
  }

  /** Runs {@code test} with a client for a listener that accepts and never answers. */
  public static void silent(Consumer<DynamoDbClient> test) throws Exception {
    List<Socket> accepted = new ArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor =
          Thread.ofPlatform()
              .daemon()
              .start(
                  () -> {
                    try {
                      while (true) {
                        accepted.add(silent.accept());
                      }
                    } catch (IOException closed) {
                      // The test is over.
                    }
                  });
      try (DynamoDbClient client = clientFor("http://127.0.0.1:" + silent.getLocalPort())) {
        test.accept(client);
      }
      silent.close();
      acceptor.join(2000);
    } finally {
      for (Socket socket : accepted) {
        socket.close();
      }
    }
  }

  /** Runs {@code test} with a client for a stand-in answering every request {@code status}. */
  public static void answering(int status, String errorType, Consumer<DynamoDbClient> test)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          byte[] body =
              ("{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
                      + errorType
                      + "\",\"message\":\"stand-in\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
          exchange.sendResponseHeaders(status, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try (DynamoDbClient client = clientFor("http://127.0.0.1:" + server.getAddress().getPort())) {
      test.accept(client);
    } finally {
      server.stop(0);
    }
  }
}
