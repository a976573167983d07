package io.github.cognitoemailotp.aws;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A socket on 127.0.0.1 that counts every connection made to it and closes it: aim a function's own
 * client at it to prove that priming opens no connection to the function's endpoints.
 */
public final class CountingSocket implements AutoCloseable {

  private final ServerSocket socket;
  private final AtomicInteger connections = new AtomicInteger();
  private final Thread acceptor;

  public CountingSocket() throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor =
        Thread.ofPlatform()
            .daemon()
            .start(
                () -> {
                  while (!socket.isClosed()) {
                    try (Socket ignored = socket.accept()) {
                      connections.incrementAndGet();
                    } catch (IOException closed) {
                      return;
                    }
                  }
                });
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort());
  }

  public int connections() {
    return connections.get();
  }

  /** A DynamoDB client built as the functions build theirs, aimed here. */
  public DynamoDbClient dynamoDbClient() {
    return DynamoDbCalls.clientBuilder(Region.US_EAST_1)
        .endpointOverride(endpoint())
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("id", "secret")))
        .build();
  }

  @Override
  public void close() throws IOException, InterruptedException {
    socket.close();
    acceptor.join(2000);
  }
}
