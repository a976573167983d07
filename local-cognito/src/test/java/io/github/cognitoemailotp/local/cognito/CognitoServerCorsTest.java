package io.github.cognitoemailotp.local.cognito;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cognitoemailotp.local.lambda.TriggerFailedException;
import io.github.cognitoemailotp.local.lambda.TriggerInvoker;
import io.github.cognitoemailotp.local.template.StackTemplate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local Cognito answers a browser as cognito-idp does (its preflight, as recorded from
 * cognito-idp.us-east-1.amazonaws.com: 200, {@code access-control-allow-origin: *}, the requested
 * headers allowed back as asked, {@code POST}, the exposed {@code x-amzn-*} headers, max age
 * 172800), and still only on 127.0.0.1. No trigger runs here.
 */
class CognitoServerCorsTest {

  /** What Amplify v6's Cognito client asks to send (its fetch adds the headers it sets). */
  private static final String AMPLIFY_HEADERS =
      "cache-control,content-type,x-amz-target,x-amz-user-agent";

  /** What the AWS SDK for JavaScript v3 asks to send, as in the recorded preflight. */
  private static final String SDK_HEADERS =
      "content-type,x-amz-target,content-length,host,x-amz-user-agent,user-agent,Authorization,"
          + "amz-sdk-invocation-id,amz-sdk-request,x-amz-security-token";

  private static final String ORIGIN = "http://127.0.0.1:5173";
  private static final String USER_POOL_ID = "us-east-1_LocalPool1";

  private static CognitoServer server;
  private static String endpoint;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    TriggerInvoker noTriggers =
        new TriggerInvoker() {
          @Override
          public byte[] invoke(
              io.github.cognitoemailotp.local.lambda.Trigger trigger, byte[] eventJson)
              throws TriggerFailedException {
            throw new AssertionError("no trigger runs in a CORS test");
          }

          @Override
          public void close() {}
        };
    StackTemplate stack =
        StackTemplate.load(
            Path.of("..", "template.yaml"),
            Map.of("EmailSender", "no-reply@example.com"),
            "us-east-1");
    server =
        new CognitoServer(
            new CognitoService(
                stack,
                noTriggers,
                Clock.systemUTC(),
                "us-east-1",
                USER_POOL_ID,
                "localclient",
                "http://127.0.0.1/" + USER_POOL_ID),
            USER_POOL_ID,
            0);
    endpoint = "http://127.0.0.1:" + server.port();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private HttpResponse<String> preflight(String requestHeaders) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(endpoint + "/"))
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Origin", ORIGIN)
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", requestHeaders)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String operation, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(endpoint + "/"))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .header("Origin", ORIGIN)
            .header("Content-Type", "application/x-amz-json-1.1")
            .header("X-Amz-Target", "AWSCognitoIdentityProviderService." + operation)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void preflightAllowsTheHeadersAmplifySends() throws Exception {
    HttpResponse<String> response = preflight(AMPLIFY_HEADERS);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEmpty();
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    assertThat(response.headers().firstValue("Access-Control-Allow-Headers"))
        .hasValue(AMPLIFY_HEADERS);
    assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).hasValue("POST");
    assertThat(response.headers().firstValue("Access-Control-Max-Age")).hasValue("172800");
    assertThat(response.headers().firstValue("Access-Control-Expose-Headers"))
        .hasValue("x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date");
    assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
  }

  @Test
  void preflightAllowsTheHeadersTheSdkForJavaScriptSendsAsAsked() throws Exception {
    HttpResponse<String> response = preflight(SDK_HEADERS);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).hasValue(SDK_HEADERS);
  }

  @Test
  void anAnswerCanBeReadByAScriptFromAnotherOrigin() throws Exception {
    HttpResponse<String> response =
        post(
            "AdminCreateUser",
            "{\"UserPoolId\":\""
                + USER_POOL_ID
                + "\",\"Username\":\"cors@example.com\",\"MessageAction\":\"SUPPRESS\"}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    assertThat(response.headers().firstValue("Access-Control-Expose-Headers"))
        .hasValue("x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date");
  }

  @Test
  void anErrorCanBeReadByAScriptFromAnotherOriginWithItsType() throws Exception {
    HttpResponse<String> response =
        post(
            "InitiateAuth",
            "{\"ClientId\":\"localclient\",\"AuthFlow\":\"USER_PASSWORD_AUTH\","
                + "\"AuthParameters\":{\"USERNAME\":\"nobody@example.com\",\"PASSWORD\":\"x\"}}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    assertThat(response.headers().firstValue("x-amzn-ErrorType")).isPresent();
    assertThat(response.headers().firstValue("Access-Control-Expose-Headers").orElseThrow())
        .contains("x-amzn-ErrorType");
  }

  @Test
  void theJwksCanBeFetchedFromAnotherOrigin() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(endpoint + "/" + USER_POOL_ID + "/.well-known/jwks.json"))
                .header("Origin", ORIGIN)
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"keys\"");
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
  }

  @Test
  void itStillListensOnLoopbackOnly() throws Exception {
    try (java.net.Socket socket = new java.net.Socket()) {
      java.net.InetAddress other = otherAddressOfThisMachine();
      if (other != null) {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> socket.connect(new java.net.InetSocketAddress(other, server.port()), 2000))
            .isInstanceOf(java.io.IOException.class);
      }
    }
    assertThat(preflight(AMPLIFY_HEADERS).statusCode()).isEqualTo(200);
  }

  /** A non-loopback address of this machine, or null when it has none. */
  private static java.net.InetAddress otherAddressOfThisMachine() throws Exception {
    var interfaces = java.net.NetworkInterface.getNetworkInterfaces();
    while (interfaces.hasMoreElements()) {
      var addresses = interfaces.nextElement().getInetAddresses();
      while (addresses.hasMoreElements()) {
        var address = addresses.nextElement();
        if (!address.isLoopbackAddress() && address instanceof java.net.Inet4Address) {
          return address;
        }
      }
    }
    return null;
  }
}
