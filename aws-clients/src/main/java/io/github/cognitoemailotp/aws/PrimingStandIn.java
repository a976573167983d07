package io.github.cognitoemailotp.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * A stand-in for SES v2 and DynamoDB on 127.0.0.1, for SnapStart priming only: it lets priming take
 * a function's calls through the SDK's whole path, transmission, the connection and the answer's
 * unmarshalling included, without an email or a write anywhere. It answers as an empty table and a
 * willing SES would: the first conditional {@code UpdateItem} is refused ({@code
 * ConditionalCheckFailedException}), {@code GetItem} finds no item, every later {@code UpdateItem}
 * succeeds, and {@code SendEmail} returns a message id. So Create's priming runs the path of a
 * user's first email of the day, Verify's the paths of a pass (a new count refused, the add
 * written) and of a wrong code's count, and the token gate's both a refused and a granted consume.
 * DynamoDB's answers carry their {@code x-amz-crc32}, as DynamoDB's do, so the client's check of it
 * runs too.
 *
 * <p>Every answer says {@code Connection: close}, so the JDK's HTTP client keeps no connection in
 * its keep-alive cache, and {@link #close()} closes the listening socket and every connection:
 * nothing of it is open when the snapshot is taken.
 */
public final class PrimingStandIn implements AutoCloseable {

  private static final String DYNAMODB_TARGET = "DynamoDB_20120810.";
  private static final String DYNAMODB_JSON = "application/x-amz-json-1.0";
  private static final String CONDITION_FAILED =
      "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException\","
          + "\"message\":\"The conditional request failed\"}";

  private final HttpServer server;
  private final List<String> requests = new ArrayList<>();

  private PrimingStandIn(HttpServer server) {
    this.server = server;
  }

  /** Starts a stand-in on 127.0.0.1 on a port the system chooses. */
  public static PrimingStandIn start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    PrimingStandIn standIn = new PrimingStandIn(server);
    server.createContext("/", standIn::answer);
    server.start();
    return standIn;
  }

  /** Where the priming clients send their requests. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The requests received so far, named by service and operation, in order. */
  public synchronized List<String> requests() {
    return List.copyOf(requests);
  }

  /** Closes the listening socket and every connection, and ends the server's thread. */
  @Override
  public void close() {
    server.stop(0);
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange;
        InputStream body = exchange.getRequestBody()) {
      body.readAllBytes();
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      String path = exchange.getRequestURI().getPath();
      if (target != null && target.startsWith(DYNAMODB_TARGET)) {
        String operation = target.substring(DYNAMODB_TARGET.length());
        boolean firstWrite = record("DynamoDB " + operation) == 0 && "UpdateItem".equals(operation);
        String answer = firstWrite ? CONDITION_FAILED : "{}";
        exchange.getResponseHeaders().set("x-amz-crc32", crc32(answer));
        send(exchange, firstWrite ? 400 : 200, DYNAMODB_JSON, answer);
      } else if ("/v2/email/outbound-emails".equals(path)) {
        record("SES SendEmail");
        send(exchange, 200, "application/json", "{\"MessageId\":\"snapstart-priming\"}");
      } else {
        record(exchange.getRequestMethod() + " " + path);
        send(exchange, 404, "application/json", "{}");
      }
    }
  }

  /** Records {@code request}; returns how many requests with that name came before it. */
  private synchronized int record(String request) {
    int before = (int) requests.stream().filter(request::equals).count();
    requests.add(request);
    return before;
  }

  private static String crc32(String body) {
    CRC32 crc = new CRC32();
    crc.update(body.getBytes(StandardCharsets.UTF_8));
    return Long.toString(crc.getValue());
  }

  private static void send(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("Connection", "close");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
