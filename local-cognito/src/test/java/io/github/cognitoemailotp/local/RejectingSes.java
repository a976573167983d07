package io.github.cognitoemailotp.local;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SES v2 endpoint on 127.0.0.1 that rejects every email as SES does for an unverified sender in
 * the sandbox (aws-ses-v2-local accepts everything, so this plays the rejection).
 */
final class RejectingSes implements AutoCloseable {

  private final HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();

  RejectingSes(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    byte[] body =
        ("{\"__type\":\"MessageRejected\",\"message\":\"Email address is not verified. The following"
                + " identities failed the check in region US-EAST-1: no-reply@example.com\"}")
            .getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          exchange.getRequestBody().readAllBytes();
          exchange.getResponseHeaders().add("x-amzn-ErrorType", "MessageRejected:");
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(400, body.length);
          exchange.getResponseBody().write(body);
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
