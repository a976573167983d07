package io.github.cognitoemailotp.local.cognito;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Serves the Cognito Identity Provider JSON protocol ({@code X-Amz-Target:
 * AWSCognitoIdentityProviderService.<Operation>}) and the pool's JWKS, on 127.0.0.1 only.
 *
 * <p>It answers browsers as {@code cognito-idp.<region>.amazonaws.com} does, so a web app in
 * development (Amplify, amazon-cognito-identity-js, the SDK for JavaScript) can call it from
 * another origin: a CORS preflight ({@code OPTIONS}) gets 200 with {@code
 * Access-Control-Allow-Origin: *}, the requested headers allowed back as asked, {@code POST}, the
 * exposed {@code x-amzn-*} headers and a max age of two days; every other answer carries {@code
 * Access-Control-Allow-Origin: *} and the exposed headers. No credentials are allowed (Cognito's
 * API takes none from cookies).
 */
public final class CognitoServer implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(CognitoServer.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TARGET_PREFIX = "AWSCognitoIdentityProviderService.";
  private static final String CONTENT_TYPE = "application/x-amz-json-1.1";

  /** The response headers a browser script may read, as Cognito lists them. */
  static final String EXPOSED_HEADERS =
      "x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date";

  /** How long a browser may cache a preflight answer, in seconds, as Cognito says. */
  static final String PREFLIGHT_MAX_AGE = "172800";

  private final HttpServer server;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final CognitoService service;
  private final String userPoolId;

  public CognitoServer(CognitoService service, String userPoolId, int port) throws IOException {
    this.service = service;
    this.userPoolId = userPoolId;
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
      exchange.getResponseHeaders().add("Access-Control-Expose-Headers", EXPOSED_HEADERS);
      if (exchange.getRequestMethod().equals("OPTIONS")) {
        preflight(exchange);
        return;
      }
      if (exchange.getRequestMethod().equals("GET")) {
        if (path.equals("/" + userPoolId + "/.well-known/jwks.json")) {
          send(exchange, 200, "application/json", service.jwks().getBytes(StandardCharsets.UTF_8));
        } else {
          send(
              exchange,
              404,
              "application/json",
              "{\"message\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8));
        }
        return;
      }
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      if (target == null || !target.startsWith(TARGET_PREFIX)) {
        error(
            exchange,
            400,
            "UnknownOperationException",
            "X-Amz-Target must be " + TARGET_PREFIX + "<Operation>");
        return;
      }
      String operation = target.substring(TARGET_PREFIX.length());
      JsonNode request;
      try {
        byte[] body = exchange.getRequestBody().readAllBytes();
        request = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
      } catch (IOException e) {
        error(exchange, 400, "SerializationException", "The request body is not JSON");
        return;
      }
      try {
        ObjectNode response = service.call(operation, request);
        send(exchange, 200, CONTENT_TYPE, JSON.writeValueAsBytes(response));
        LOG.fine(() -> operation + " -> 200");
      } catch (CognitoException e) {
        LOG.info(() -> operation + " -> " + e.type() + ": " + e.getMessage());
        error(exchange, 400, e.type(), e.getMessage());
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, operation + " failed", e);
        error(exchange, 500, "InternalErrorException", "local-cognito failed: " + e);
      }
    }
  }

  /**
   * A CORS preflight: Cognito allows whatever request headers the browser asks for (the SDKs send
   * content-type, x-amz-target, x-amz-user-agent, cache-control, amz-sdk-invocation-id, ...), for
   * POST.
   */
  private static void preflight(HttpExchange exchange) throws IOException {
    String requested = exchange.getRequestHeaders().getFirst("Access-Control-Request-Headers");
    if (requested != null && !requested.isBlank()) {
      exchange.getResponseHeaders().add("Access-Control-Allow-Headers", requested);
    }
    exchange.getResponseHeaders().add("Access-Control-Allow-Methods", "POST");
    exchange.getResponseHeaders().add("Access-Control-Max-Age", PREFLIGHT_MAX_AGE);
    exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
    exchange.sendResponseHeaders(200, -1);
  }

  private static void error(HttpExchange exchange, int status, String type, String message)
      throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.put("__type", type);
    body.put("message", message);
    exchange.getResponseHeaders().add("x-amzn-ErrorType", type);
    send(exchange, status, CONTENT_TYPE, JSON.writeValueAsBytes(body));
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().add("Content-Type", contentType);
    exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
