package io.github.cognitoemailotp.local;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SES v2 endpoint on 127.0.0.1 that misbehaves the way SES can: rejects (MessageRejected),
 * throttles (TooManyRequestsException) or answers too late. It takes the emulator's port while the
 * emulator is stopped.
 */
final class StubSes implements AutoCloseable {

  enum Behaviour {
    REJECT(
        400,
        "MessageRejected",
        "Email address is not verified. The following identities failed the check in region US-EAST-1: no-reply@example.com"),
    THROTTLE(429, "TooManyRequestsException", "Maximum sending rate exceeded."),
    SLOW(200, "", "");

    final int status;
    final String type;
    final String message;

    Behaviour(int status, String type, String message) {
      this.status = status;
      this.type = type;
      this.message = message;
    }
  }

  private final HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();

  StubSes(int port, Behaviour behaviour) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          exchange.getRequestBody().readAllBytes();
          byte[] body;
          if (behaviour == Behaviour.SLOW) {
            try {
              Thread.sleep(Duration.ofSeconds(6));
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            body = "{\"MessageId\":\"late\"}".getBytes(StandardCharsets.UTF_8);
          } else {
            exchange.getResponseHeaders().add("x-amzn-ErrorType", behaviour.type + ":");
            body =
                ("{\"__type\":\""
                        + behaviour.type
                        + "\",\"message\":\""
                        + behaviour.message
                        + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
          }
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          try {
            exchange.sendResponseHeaders(behaviour.status, body.length);
            exchange.getResponseBody().write(body);
          } catch (IOException clientGone) {
            // The function gave up waiting, as it should.
          }
          exchange.close();
        });
    server.start();
  }

  int requests() {
    return requests.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
