package io.github.cognitoemailotp.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A proxy on 127.0.0.1 in front of dynalite that forwards every request at once, but holds back the
 * answer to the first request of one operation for longer than a function's attempt timeout: the
 * write is applied, the SDK does not hear of it in time and retries the same request. That is what
 * a slow DynamoDB answer does to a conditional write.
 */
final class SlowFirstAnswer implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final HttpClient forward = HttpClient.newHttpClient();
  private final URI target;
  private final String slowOperation;
  private final long delayMillis;
  private final AtomicBoolean delayed = new AtomicBoolean();

  /** The operations forwarded, in order ({@code UpdateItem}, {@code GetItem}, ...). */
  final List<String> operations = new CopyOnWriteArrayList<>();

  SlowFirstAnswer(String targetUrl, String slowOperation, long delayMillis) throws IOException {
    this.target = URI.create(targetUrl);
    this.slowOperation = slowOperation;
    this.delayMillis = delayMillis;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String amzTarget = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      String operation = amzTarget == null ? "" : amzTarget.substring(amzTarget.indexOf('.') + 1);
      operations.add(operation);
      HttpRequest.Builder request =
          HttpRequest.newBuilder(target).POST(HttpRequest.BodyPublishers.ofByteArray(body));
      for (String header : List.of("X-Amz-Target", "Content-Type", "Authorization", "X-Amz-Date")) {
        String value = exchange.getRequestHeaders().getFirst(header);
        if (value != null) {
          request.header(header, value);
        }
      }
      HttpResponse<byte[]> answer =
          forward.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      if (operation.equals(slowOperation) && delayed.compareAndSet(false, true)) {
        Thread.sleep(delayMillis);
      }
      exchange
          .getResponseHeaders()
          .add(
              "Content-Type",
              answer.headers().firstValue("Content-Type").orElse("application/json"));
      exchange.sendResponseHeaders(answer.statusCode(), answer.body().length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer.body());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // The client gave up on this answer (its attempt timed out): expected for the slow one.
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
    forward.close();
  }
}
