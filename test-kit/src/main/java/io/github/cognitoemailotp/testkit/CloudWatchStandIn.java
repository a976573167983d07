package io.github.cognitoemailotp.testkit;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for CloudWatch's API on 127.0.0.1 (an ephemeral port) that records each request and
 * answers as CloudWatch does over the AWS SDK's Smithy RPC v2 CBOR protocol: {@code 200} with an
 * empty CBOR map, or a chosen error status. Point a client at {@link #url()} (the SDK reads {@code
 * AWS_ENDPOINT_URL_CLOUDWATCH}). Close it to stop it.
 */
public final class CloudWatchStandIn implements AutoCloseable {

  /** One request as received: the path names the operation, the body is its CBOR input. */
  public record Request(String method, String path, String contentType, byte[] body) {

    /** Whether the body holds {@code text} as a CBOR text string holds it (its UTF-8 bytes). */
    public boolean bodyContains(String text) {
      byte[] needle = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      outer:
      for (int i = 0; i + needle.length <= body.length; i++) {
        for (int j = 0; j < needle.length; j++) {
          if (body[i + j] != needle[j]) {
            continue outer;
          }
        }
        return true;
      }
      return false;
    }
  }

  private static final byte[] EMPTY_CBOR_MAP = {(byte) 0xA0};

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile int status = 200;

  public CloudWatchStandIn() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          try (InputStream in = exchange.getRequestBody();
              OutputStream out = exchange.getResponseBody()) {
            requests.add(
                new Request(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    in.readAllBytes()));
            exchange.getResponseHeaders().add("Content-Type", "application/cbor");
            exchange.getResponseHeaders().add("smithy-protocol", "rpc-v2-cbor");
            exchange.sendResponseHeaders(status, EMPTY_CBOR_MAP.length);
            out.write(EMPTY_CBOR_MAP);
          }
        });
    server.start();
  }

  /** Answers every later request with {@code httpStatus} (and an empty CBOR map). */
  public CloudWatchStandIn answering(int httpStatus) {
    this.status = httpStatus;
    return this;
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The requests received so far, oldest first. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
