package io.github.cognitoemailotp.client.doctor;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * SES v2's GetAccount and GetEmailIdentity on 127.0.0.1, answering as the SES API reference
 * documents them (REST JSON; an unknown identity is 404 NotFoundException), so the real SDK client
 * parses real-shaped answers. Set {@link #account} and {@link #identities} per test.
 */
final class SesStandIn implements AutoCloseable {

  /** The body of {@code GET /v2/email/account}. */
  volatile String account;

  /** Identity name to the body of {@code GET /v2/email/identities/{name}}; others are 404. */
  final Map<String, String> identities = new ConcurrentHashMap<>();

  private final HttpServer server;

  SesStandIn() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/v2/email/",
        exchange -> {
          String path = exchange.getRequestURI().getRawPath();
          int status = 200;
          String body;
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.getResponseHeaders().add("x-amzn-RequestId", "stand-in-request");
          if (path.equals("/v2/email/account") && account != null) {
            body = account;
          } else if (path.startsWith("/v2/email/identities/")) {
            String name =
                URLDecoder.decode(
                    path.substring("/v2/email/identities/".length()), StandardCharsets.UTF_8);
            body = identities.get(name);
            if (body == null) {
              status = 404;
              exchange.getResponseHeaders().add("x-amzn-ErrorType", "NotFoundException");
              body = "{\"message\":\"Email identity " + name + " does not exist.\"}";
            }
          } else {
            status = 400;
            exchange.getResponseHeaders().add("x-amzn-ErrorType", "BadRequestException");
            body = "{\"message\":\"not in the stand-in\"}";
          }
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, bytes.length);
          try (var out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
  }

  SesV2Client client() {
    return SesV2Client.builder()
        .region(Region.US_EAST_1)
        .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  static String account(boolean production, double max, double sent) {
    return """
        {"DedicatedIpAutoWarmupEnabled":false,"EnforcementStatus":"HEALTHY",\
        "ProductionAccessEnabled":%s,"SendingEnabled":true,\
        "SendQuota":{"Max24HourSend":%s,"MaxSendRate":1.0,"SentLast24Hours":%s},\
        "SuppressionAttributes":{"SuppressedReasons":[]}}"""
        .formatted(production, max, sent);
  }

  static String identity(String type, boolean verified, String dkimStatus, boolean signing) {
    return """
        {"DkimAttributes":{"SigningAttributesOrigin":"AWS_SES","SigningEnabled":%s,\
        "Status":"%s","Tokens":["a","b","c"]},"FeedbackForwardingStatus":true,\
        "IdentityType":"%s","MailFromAttributes":{"BehaviorOnMxFailure":"USE_DEFAULT_VALUE",\
        "MailFromDomainStatus":"PENDING"},"Policies":{},"Tags":[],\
        "VerificationStatus":"%s","VerifiedForSendingStatus":%s}"""
        .formatted(signing, dkimStatus, type, verified ? "SUCCESS" : "PENDING", verified);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
