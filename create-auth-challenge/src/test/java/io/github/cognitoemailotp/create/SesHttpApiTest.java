package io.github.cognitoemailotp.create;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.github.cognitoemailotp.layer.InvalidSettingException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * SES v2 {@code SendEmail} over HTTP against a scripted stand-in for SES on 127.0.0.1: what goes on
 * the wire (path, JSON body, a Signature Version 4 signature checked by an independent
 * implementation), how SES's errors are read, what is retried, and that the call ends well inside
 * Cognito's 5 seconds.
 */
class SesHttpApiTest {

  private static final ObjectMapper JACKSON = new ObjectMapper();
  private static final String REGION = "eu-west-1";
  private static final String ACCESS_KEY = "AKIDEXAMPLE";
  private static final String SECRET_KEY = "secret";
  private static final String SESSION_TOKEN = "token";
  private static final String CODE = "482913";
  private static final AwsCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(
          AwsSessionCredentials.create(ACCESS_KEY, SECRET_KEY, SESSION_TOKEN));
  private static final SesEmail EMAIL =
      new SesEmail(
          "no-reply@example.com",
          "jane.doe@example.com",
          "Your code " + CODE,
          "Your sign-in code is " + CODE,
          "<p>Your sign-in code is <b>" + CODE + "</b></p>",
          "otp");
  private static final String MESSAGE_REJECTED_TYPE =
      "MessageRejected:http://internal.amazon.com/coral/com.amazonaws.sesv2/";

  /** One request as the stand-in received it; header names in lower case. */
  private record Received(
      String method,
      String rawPath,
      String rawQuery,
      Map<String, List<String>> headers,
      byte[] body,
      long receivedAtNanos,
      int remotePort) {

    String header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null ? null : String.join(",", values);
    }

    Received withBody(byte[] otherBody) {
      return new Received(
          method, rawPath, rawQuery, headers, otherBody, receivedAtNanos, remotePort);
    }
  }

  /** What the stand-in does with one request. */
  @FunctionalInterface
  private interface Reply {
    void answer(HttpExchange exchange) throws IOException, InterruptedException;
  }

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final List<Reply> script = new CopyOnWriteArrayList<>();
  private ExecutorService handlers;
  private HttpServer ses;
  private int port;
  private SesHttpApi api;

  @BeforeEach
  void startSesStandIn() throws IOException {
    handlers = Executors.newCachedThreadPool();
    ses = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    ses.createContext("/", this::handle);
    ses.setExecutor(handlers);
    ses.start();
    port = ses.getAddress().getPort();
    api = new SesHttpApi(URI.create("http://127.0.0.1:" + port), REGION, CREDENTIALS);
  }

  @AfterEach
  void stopSesStandIn() {
    ses.stop(0);
    handlers.shutdownNow();
  }

  /** Answers the n-th request with the n-th reply of the script, or its last one after that. */
  private void replies(Reply... replies) {
    script.addAll(List.of(replies));
  }

  private void handle(HttpExchange exchange) {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Map<String, List<String>> headers = new TreeMap<>();
      exchange
          .getRequestHeaders()
          .forEach(
              (name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
      int index;
      synchronized (received) {
        received.add(
            new Received(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(),
                headers,
                body,
                System.nanoTime(),
                exchange.getRemoteAddress().getPort()));
        index = received.size() - 1;
      }
      Reply reply = script.isEmpty() ? ok() : script.get(Math.min(index, script.size() - 1));
      reply.answer(exchange);
    } catch (IOException | InterruptedException clientGoneOrTestOver) {
      // The client gave up on this request, or the test is over.
    }
  }

  private static Reply answer(int status, String body, String... headerNamesAndValues) {
    return exchange -> {
      for (int i = 0; i < headerNamesAndValues.length; i += 2) {
        exchange.getResponseHeaders().add(headerNamesAndValues[i], headerNamesAndValues[i + 1]);
      }
      byte[] bytes = body.getBytes(UTF_8);
      exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    };
  }

  private static Reply ok() {
    return answer(200, "{\"MessageId\":\"0100018f-example\"}", "Content-Type", "application/json");
  }

  private static Reply after(Duration delay, Reply reply) {
    return exchange -> {
      Thread.sleep(delay);
      reply.answer(exchange);
    };
  }

  /** Closes the connection without a status line: the request may or may not have been acted on. */
  private static Reply hangUp() {
    return HttpExchange::close;
  }

  /** Sends the status and the start of the body, then nothing for {@code stall}. */
  private static Reply statusThenStall(int status, Duration stall) {
    return exchange -> {
      exchange.sendResponseHeaders(status, 100);
      OutputStream out = exchange.getResponseBody();
      out.write("{\"MessageId\"".getBytes(UTF_8));
      out.flush();
      Thread.sleep(stall);
    };
  }

  /** Sends the status, then one byte of body every {@code interval} for {@code total}. */
  private static Reply statusThenDrip(int status, Duration interval, Duration total) {
    return exchange -> {
      exchange.sendResponseHeaders(status, 0);
      OutputStream out = exchange.getResponseBody();
      long end = System.nanoTime() + total.toNanos();
      while (System.nanoTime() < end) {
        out.write(' ');
        out.flush();
        Thread.sleep(interval);
      }
    };
  }

  private SesException sendFails() {
    SesException failure = catchThrowableOfType(SesException.class, () -> api.sendEmail(EMAIL));
    assertThat(failure).as("sendEmail should have thrown SesException").isNotNull();
    return failure;
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  private static JsonNode json(String text) throws IOException {
    return JACKSON.readTree(text);
  }

  // --- What goes on the wire ---

  @Test
  void sendsOnePostToTheSendEmailPath() {
    api.sendEmail(EMAIL);

    assertThat(received).hasSize(1);
    Received request = received.getFirst();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.rawPath()).isEqualTo("/v2/email/outbound-emails");
    assertThat(request.rawQuery()).isNull();
  }

  @Test
  void sendsTheBodyAsJson() {
    api.sendEmail(EMAIL);

    assertThat(received.getFirst().header("Content-Type")).isEqualTo("application/json");
    assertThat(received.getFirst().header("Content-Length"))
        .isEqualTo(String.valueOf(EMAIL.toJson().length));
  }

  @Test
  void bodyIsTheSendEmailRequestOfTheApiReference() throws IOException {
    api.sendEmail(EMAIL);

    assertThat(JACKSON.readTree(received.getFirst().body()))
        .isEqualTo(
            json(
                """
                {
                  "FromEmailAddress": "no-reply@example.com",
                  "Destination": {"ToAddresses": ["jane.doe@example.com"]},
                  "Content": {
                    "Simple": {
                      "Subject": {"Data": "Your code 482913", "Charset": "UTF-8"},
                      "Body": {
                        "Text": {"Data": "Your sign-in code is 482913", "Charset": "UTF-8"},
                        "Html": {
                          "Data": "<p>Your sign-in code is <b>482913</b></p>",
                          "Charset": "UTF-8"
                        }
                      }
                    }
                  },
                  "ConfigurationSetName": "otp"
                }
                """));
  }

  @Test
  void bodyHasNoConfigurationSetNameWhenNoneIsNamed() throws IOException {
    api.sendEmail(
        new SesEmail(
            "no-reply@example.com", "jane.doe@example.com", "subject", "text", "html", ""));

    JsonNode body = JACKSON.readTree(received.getFirst().body());
    assertThat(body.has("ConfigurationSetName")).isFalse();
    assertThat(body.get("FromEmailAddress").asText()).isEqualTo("no-reply@example.com");
  }

  @Test
  void japaneseTextArrivesAsUtf8() throws IOException {
    String subject = "サインインコード " + CODE;
    String text = "コードは " + CODE + " です。5分間有効です。";
    String html = "<p>コードは <b>" + CODE + "</b> です。</p>";

    api.sendEmail(new SesEmail("no-reply@example.com", "山田@example.jp", subject, text, html, ""));

    byte[] body = received.getFirst().body();
    assertThat(new String(body, UTF_8)).contains(subject);
    JsonNode read = JACKSON.readTree(body);
    assertThat(read.at("/Destination/ToAddresses/0").asText()).isEqualTo("山田@example.jp");
    assertThat(read.at("/Content/Simple/Subject/Data").asText()).isEqualTo(subject);
    assertThat(read.at("/Content/Simple/Body/Text/Data").asText()).isEqualTo(text);
    assertThat(read.at("/Content/Simple/Body/Html/Data").asText()).isEqualTo(html);
  }

  // --- Signature Version 4, checked by the implementation at the end of this class ---

  @Test
  void signatureVerifiesAgainstWhatSesReceived() throws GeneralSecurityException {
    api.sendEmail(EMAIL);

    Received request = received.getFirst();
    assertThat(authorization(request).signature()).isEqualTo(expectedSignature(request));
  }

  @Test
  void theVerifierRejectsATamperedBody() throws GeneralSecurityException {
    api.sendEmail(EMAIL);

    Received request = received.getFirst();
    byte[] tampered = new String(request.body(), UTF_8).replace(CODE, "000000").getBytes(UTF_8);
    assertThat(tampered).isNotEqualTo(request.body());
    assertThat(authorization(request).signature())
        .isNotEqualTo(expectedSignature(request.withBody(tampered)));
  }

  @Test
  void theVerifierRejectsAnotherSecretKey() throws GeneralSecurityException {
    api.sendEmail(EMAIL);

    Received request = received.getFirst();
    assertThat(authorization(request).signature())
        .isNotEqualTo(expectedSignature(request, "another-secret"));
  }

  @Test
  void credentialIsTheAccessKeyWithTheSesScopeOfTheRegion() {
    api.sendEmail(EMAIL);

    Received request = received.getFirst();
    Authorization authorization = authorization(request);
    assertThat(authorization.accessKey()).isEqualTo(ACCESS_KEY);
    assertThat(authorization.scope())
        .isEqualTo(request.header("X-Amz-Date").substring(0, 8) + "/eu-west-1/ses/aws4_request");
  }

  @Test
  void signedHeadersCoverHostDateAndSessionToken() {
    api.sendEmail(EMAIL);

    assertThat(authorization(received.getFirst()).signedHeaders())
        .contains("host", "x-amz-date", "x-amz-security-token")
        .isSorted();
  }

  @Test
  void sessionTokenTravelsInItsHeader() {
    api.sendEmail(EMAIL);

    assertThat(received.getFirst().header("X-Amz-Security-Token")).isEqualTo(SESSION_TOKEN);
  }

  @Test
  void signatureDateIsNow() {
    api.sendEmail(EMAIL);

    Instant signedAt =
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC)
            .parse(received.getFirst().header("X-Amz-Date"), Instant::from);
    assertThat(Duration.between(signedAt, Instant.now()).abs()).isLessThan(Duration.ofMinutes(1));
  }

  @Test
  void pathPrefixOfTheEndpointIsSentAndSigned() throws GeneralSecurityException {
    SesHttpApi prefixed =
        new SesHttpApi(
            SesHttpApi.endpoint(
                Map.of("AWS_ENDPOINT_URL_SESV2", "http://127.0.0.1:" + port + "/prefix/"), REGION),
            REGION,
            CREDENTIALS);

    prefixed.sendEmail(EMAIL);

    Received request = received.getFirst();
    assertThat(request.rawPath()).isEqualTo("/prefix/v2/email/outbound-emails");
    assertThat(authorization(request).signature()).isEqualTo(expectedSignature(request));
  }

  // --- SES's errors ---

  @Test
  void messageRejectedIsRefusedWithSesCodeAndMessage() {
    replies(
        answer(
            400,
            "{\"message\":\"Email address is not verified.\"}",
            "x-amzn-ErrorType",
            MESSAGE_REJECTED_TYPE));

    SesException failure = sendFails();

    assertThat(failure.kind()).isEqualTo(SesException.Kind.REFUSED);
    assertThat(failure.status()).isEqualTo(400);
    assertThat(failure.errorCode()).isEqualTo("MessageRejected");
    assertThat(failure.errorMessage()).isEqualTo("Email address is not verified.");
  }

  @Test
  void clientErrorIsNotRetried() {
    replies(answer(400, "{\"message\":\"no\"}", "x-amzn-ErrorType", MESSAGE_REJECTED_TYPE));

    sendFails();

    assertThat(received).hasSize(1);
  }

  @Test
  void errorCodeComesFromTheBodyTypeWithoutItsNamespaceWhenTheHeaderIsAbsent() {
    replies(
        answer(
            404,
            "{\"__type\":\"com.amazonaws.sesv2#NotFoundException\",\"message\":\"no such set\"}"));

    SesException failure = sendFails();

    assertThat(failure.kind()).isEqualTo(SesException.Kind.REFUSED);
    assertThat(failure.status()).isEqualTo(404);
    assertThat(failure.errorCode()).isEqualTo("NotFoundException");
    assertThat(failure.errorMessage()).isEqualTo("no such set");
  }

  @Test
  void errorCodeComesFromTheBodyCodeWhenThereIsNoType() {
    replies(answer(400, "{\"code\":\"LimitExceededException\",\"message\":\"limit\"}"));

    assertThat(sendFails().errorCode()).isEqualTo("LimitExceededException");
  }

  @Test
  void errorTypeHeaderWinsOverTheBody() {
    replies(
        answer(
            400,
            "{\"__type\":\"com.amazonaws.sesv2#BadRequestException\",\"message\":\"m\"}",
            "x-amzn-ErrorType",
            MESSAGE_REJECTED_TYPE));

    assertThat(sendFails().errorCode()).isEqualTo("MessageRejected");
  }

  @Test
  void capitalisedMessageIsRead() {
    replies(
        answer(
            403,
            "{\"Message\":\"The security token included in the request is invalid.\"}",
            "x-amzn-ErrorType",
            "UnrecognizedClientException"));

    SesException failure = sendFails();

    assertThat(failure.errorCode()).isEqualTo("UnrecognizedClientException");
    assertThat(failure.errorMessage())
        .isEqualTo("The security token included in the request is invalid.");
  }

  @Test
  void namespaceIsStrippedFromTheErrorTypeHeader() {
    replies(
        answer(
            400,
            "",
            "x-amzn-ErrorType",
            "com.amazonaws.sesv2#MessageRejected:http://internal.amazon.com/coral/com.amazonaws.sesv2/"));

    assertThat(sendFails().errorCode()).isEqualTo("MessageRejected");
  }

  @Test
  void uriIsStrippedFromTheBodyType() {
    replies(
        answer(
            400,
            "{\"__type\":\"com.amazonaws.sesv2#MessageRejected:"
                + "http://internal.amazon.com/coral/com.amazonaws.sesv2/\"}"));

    assertThat(sendFails().errorCode()).isEqualTo("MessageRejected");
  }

  @Test
  void errorWithoutJsonBodyFallsBackToTheStatus() {
    replies(
        answer(
            502,
            "<html><body><h1>502 Bad Gateway</h1></body></html>",
            "Content-Type",
            "text/html"));

    SesException failure = sendFails();

    assertThat(failure.kind()).isEqualTo(SesException.Kind.REFUSED);
    assertThat(failure.status()).isEqualTo(502);
    assertThat(failure.errorCode()).isEqualTo("HTTP 502");
    assertThat(failure.errorMessage()).isEmpty();
  }

  @Test
  void errorWithEmptyBodyKeepsTheHeaderCode() {
    replies(answer(400, "", "x-amzn-ErrorType", MESSAGE_REJECTED_TYPE));

    SesException failure = sendFails();

    assertThat(failure.kind()).isEqualTo(SesException.Kind.REFUSED);
    assertThat(failure.errorCode()).isEqualTo("MessageRejected");
    assertThat(failure.errorMessage()).isEmpty();
  }

  @Test
  void errorWithNeitherHeaderNorBodyIsNamedByItsStatus() {
    replies(answer(403, ""));

    SesException failure = sendFails();

    assertThat(failure.status()).isEqualTo(403);
    assertThat(failure.errorCode()).isEqualTo("HTTP 403");
    assertThat(failure.errorMessage()).isEmpty();
  }

  @Test
  void errorBodyThatIsJsonButNotAnObjectFallsBackToTheStatus() {
    replies(answer(400, "[\"MessageRejected\"]"));

    assertThat(sendFails().errorCode()).isEqualTo("HTTP 400");
  }

  @Test
  void oversizedErrorBodyIsCutAndTheHeaderCodeStillRead() {
    String huge = "{\"message\":\"" + "x".repeat(1024 * 1024) + "\"}";
    replies(answer(400, huge, "x-amzn-ErrorType", MESSAGE_REJECTED_TYPE));

    SesException failure = sendFails();

    assertThat(failure.errorCode()).isEqualTo("MessageRejected");
    assertThat(failure.errorMessage()).isEmpty();
  }

  @Test
  void redirectIsNotFollowed() {
    replies(
        answer(307, "", "Location", "http://127.0.0.1:" + port + "/elsewhere"), answer(200, ""));

    SesException failure = sendFails();

    assertThat(failure.kind()).isEqualTo(SesException.Kind.REFUSED);
    assertThat(failure.status()).isEqualTo(307);
    assertThat(received).extracting(Received::rawPath).containsExactly(SesHttpApi.SEND_EMAIL_PATH);
  }

  // --- Success ---

  @Test
  void successWithEmptyBodyIsASuccess() {
    replies(answer(200, ""));

    assertThatCode(() -> api.sendEmail(EMAIL)).doesNotThrowAnyException();
    assertThat(received).hasSize(1);
  }

  @Test
  void successIsKnownFromTheStatusEvenIfTheBodyStalls() {
    replies(statusThenStall(200, Duration.ofMillis(2500)));

    assertThatCode(() -> api.sendEmail(EMAIL)).doesNotThrowAnyException();
    assertThat(received).hasSize(1);
  }

  // --- Retries ---

  @Test
  void throttlingIsRetriedOnceAndThenSucceeds() {
    replies(answer(429, "{\"message\":\"Maximum sending rate exceeded.\"}"), ok());

    assertThatCode(() -> api.sendEmail(EMAIL)).doesNotThrowAnyException();
    assertThat(received).hasSize(2);
  }

  @Test
  void retryAfterThrottlingWaitsTheThrottledDelay() {
    replies(answer(429, ""), ok());

    api.sendEmail(EMAIL);

    long gapMillis =
        (received.get(1).receivedAtNanos() - received.get(0).receivedAtNanos()) / 1_000_000;
    assertThat(gapMillis).isGreaterThanOrEqualTo(SesHttpApi.THROTTLED_RETRY_DELAY.toMillis());
  }

  @Test
  void retrySendsTheSameCodeFreshlySigned() throws GeneralSecurityException {
    replies(answer(503, ""), ok());

    api.sendEmail(EMAIL);

    assertThat(received).hasSize(2);
    assertThat(received.get(1).body()).isEqualTo(received.get(0).body());
    assertThat(authorization(received.get(1)).signature())
        .isEqualTo(expectedSignature(received.get(1)));
  }

  @Test
  void serverErrorTwiceIsRefusedAfterTwoAttempts() {
    replies(answer(503, "{\"message\":\"Service Unavailable\"}"));

    SesException failure = sendFails();

    assertThat(failure.kind()).isEqualTo(SesException.Kind.REFUSED);
    assertThat(failure.status()).isEqualTo(503);
    assertThat(failure.errorMessage()).isEqualTo("Service Unavailable");
    assertThat(received).hasSize(2);
  }

  @Test
  void throttlingTwiceIsRefusedAfterTwoAttempts() {
    replies(answer(429, "", "x-amzn-ErrorType", "TooManyRequestsException"));

    SesException failure = sendFails();

    assertThat(failure.status()).isEqualTo(429);
    assertThat(failure.errorCode()).isEqualTo("TooManyRequestsException");
    assertThat(received).hasSize(2);
  }

  @Test
  void hangUpWithoutAnswerIsRetriedAndThenSucceeds() {
    replies(hangUp(), ok());

    assertThatCode(() -> api.sendEmail(EMAIL)).doesNotThrowAnyException();
    assertThat(received).hasSize(2);
  }

  @Test
  void hangUpTwiceIsUnreachableNamedByTheExceptionClassOnly() {
    replies(hangUp());

    SesException failure = sendFails();

    assertThat(failure.kind()).isEqualTo(SesException.Kind.UNREACHABLE);
    assertThat(failure.status()).isZero();
    assertThat(failure.errorMessage()).matches("[A-Za-z]+Exception");
    assertThat(received).hasSize(2);
  }

  // --- Time ---

  @Test
  void noAnswerWithinTheAttemptTimeoutIsUnreachableWellInsideCognitosFiveSeconds() {
    replies(after(Duration.ofMillis(2500), ok()));

    long start = System.nanoTime();
    SesException failure = sendFails();
    long elapsedMillis = millisSince(start);

    assertThat(failure.kind()).isEqualTo(SesException.Kind.UNREACHABLE);
    assertThat(failure.errorMessage()).isEqualTo("SocketTimeoutException");
    assertThat(elapsedMillis).isBetween(SesHttpApi.ATTEMPT_TIMEOUT.toMillis(), 4500L);
    assertThat(received).hasSizeBetween(1, 2);
  }

  @Test
  void answerTricklingInStillEndsWellInsideCognitosFiveSeconds() {
    replies(statusThenDrip(500, Duration.ofMillis(200), Duration.ofSeconds(6)));

    long start = System.nanoTime();
    SesException failure = sendFails();
    long elapsedMillis = millisSince(start);

    assertThat(failure).isNotNull();
    assertThat(elapsedMillis).isLessThan(4500L);
  }

  @Test
  void refusedConnectionIsUnreachableAtOnce() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    SesHttpApi nowhere =
        new SesHttpApi(URI.create("http://127.0.0.1:" + closedPort), REGION, CREDENTIALS);

    long start = System.nanoTime();
    SesException failure = catchThrowableOfType(SesException.class, () -> nowhere.sendEmail(EMAIL));
    long elapsedMillis = millisSince(start);

    assertThat(failure).isNotNull();
    assertThat(failure.kind()).isEqualTo(SesException.Kind.UNREACHABLE);
    assertThat(failure.errorMessage()).isEqualTo("ConnectException");
    assertThat(elapsedMillis).isLessThan(1000L);
  }

  // --- Credentials ---

  @Test
  void missingCredentialsStopBeforeAnythingIsSent() {
    AwsCredentialsProvider none =
        () -> {
          throw SdkClientException.create("no creds");
        };
    SesHttpApi unsigned = new SesHttpApi(URI.create("http://127.0.0.1:" + port), REGION, none);

    SesException failure =
        catchThrowableOfType(SesException.class, () -> unsigned.sendEmail(EMAIL));

    assertThat(failure).isNotNull();
    assertThat(failure.kind()).isEqualTo(SesException.Kind.NO_CREDENTIALS);
    assertThat(failure.errorMessage()).isEqualTo("no creds");
    assertThat(received).isEmpty();
  }

  // --- Where SES is ---

  @Test
  void regionalEndpointByDefault() {
    assertThat(SesHttpApi.endpoint(Map.of(), "eu-west-1"))
        .isEqualTo(URI.create("https://email.eu-west-1.amazonaws.com"));
  }

  @Test
  void chinaRegionsUseTheChinaDomain() {
    assertThat(SesHttpApi.endpoint(Map.of(), "cn-north-1"))
        .isEqualTo(URI.create("https://email.cn-north-1.amazonaws.com.cn"));
  }

  @Test
  void fipsEndpointWhenAskedFor() {
    assertThat(SesHttpApi.endpoint(Map.of("AWS_USE_FIPS_ENDPOINT", "true"), "us-east-1"))
        .isEqualTo(URI.create("https://email-fips.us-east-1.amazonaws.com"));
  }

  @Test
  void fipsFalseKeepsTheRegionalEndpoint() {
    assertThat(SesHttpApi.endpoint(Map.of("AWS_USE_FIPS_ENDPOINT", "false"), "us-east-1"))
        .isEqualTo(URI.create("https://email.us-east-1.amazonaws.com"));
  }

  @Test
  void sesEndpointVariableWinsOverTheGeneralOne() {
    assertThat(
            SesHttpApi.endpoint(
                Map.of(
                    "AWS_ENDPOINT_URL_SESV2", "https://ses.example.com",
                    "AWS_ENDPOINT_URL", "https://all.example.com"),
                REGION))
        .isEqualTo(URI.create("https://ses.example.com"));
  }

  @Test
  void generalEndpointVariableIsUsedWithoutTheSesOne() {
    assertThat(SesHttpApi.endpoint(Map.of("AWS_ENDPOINT_URL", "https://all.example.com"), REGION))
        .isEqualTo(URI.create("https://all.example.com"));
  }

  @Test
  void blankSesEndpointVariableFallsThroughToTheGeneralOne() {
    assertThat(
            SesHttpApi.endpoint(
                Map.of(
                    "AWS_ENDPOINT_URL_SESV2", "  ", "AWS_ENDPOINT_URL", "https://all.example.com"),
                REGION))
        .isEqualTo(URI.create("https://all.example.com"));
  }

  @Test
  void configuredEndpointsAreIgnoredWhenAskedTo() {
    assertThat(
            SesHttpApi.endpoint(
                Map.of(
                    "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true",
                    "AWS_ENDPOINT_URL_SESV2", "https://ses.example.com",
                    "AWS_ENDPOINT_URL", "https://all.example.com"),
                REGION))
        .isEqualTo(URI.create("https://email.eu-west-1.amazonaws.com"));
  }

  @Test
  void regionalSendEmailUriIsTheEndpointWithTheOperationPath() {
    assertThat(
            new SesHttpApi(SesHttpApi.endpoint(Map.of(), REGION), REGION, CREDENTIALS)
                .sendEmailUri())
        .isEqualTo(URI.create("https://email.eu-west-1.amazonaws.com/v2/email/outbound-emails"));
  }

  @Test
  void pathPrefixWithTrailingSlashIsKeptOnceInTheSendEmailUri() {
    URI endpoint =
        SesHttpApi.endpoint(
            Map.of("AWS_ENDPOINT_URL_SESV2", "http://127.0.0.1:4566/prefix/"), REGION);

    assertThat(new SesHttpApi(endpoint, REGION, CREDENTIALS).sendEmailUri())
        .isEqualTo(URI.create("http://127.0.0.1:4566/prefix/v2/email/outbound-emails"));
  }

  @Test
  void trailingSlashOfAHostOnlyEndpointIsNotDoubled() {
    URI endpoint =
        SesHttpApi.endpoint(Map.of("AWS_ENDPOINT_URL_SESV2", "https://ses.example.com/"), REGION);

    assertThat(new SesHttpApi(endpoint, REGION, CREDENTIALS).sendEmailUri())
        .isEqualTo(URI.create("https://ses.example.com/v2/email/outbound-emails"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://ses.example.com",
        "http://10.0.0.1:4566",
        "http://0.0.0.0:4566",
        "http://127.0.0.1.example.com",
        "http://localhost.example.com"
      })
  void plainHttpToAnotherMachineIsRefusedNamingTheVariable(String url) {
    assertThatThrownBy(() -> SesHttpApi.endpoint(Map.of("AWS_ENDPOINT_URL_SESV2", url), REGION))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("AWS_ENDPOINT_URL_SESV2")
        .hasMessageContaining("https");
  }

  @Test
  void plainHttpInTheGeneralVariableIsRefusedNamingThatVariable() {
    assertThatThrownBy(
            () -> SesHttpApi.endpoint(Map.of("AWS_ENDPOINT_URL", "http://ses.example.com"), REGION))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageStartingWith("AWS_ENDPOINT_URL ");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://localhost",
        "http://localhost:4566",
        "http://127.0.0.1:4566",
        "http://[::1]:1234"
      })
  void plainHttpToThisMachineIsAccepted(String url) {
    assertThat(SesHttpApi.endpoint(Map.of("AWS_ENDPOINT_URL_SESV2", url), REGION))
        .isEqualTo(URI.create(url));
  }

  @ParameterizedTest
  @ValueSource(strings = {"EU_WEST_1", "eu-west-1/evil", "", "eu-west-1.example.com", "eu-west"})
  void invalidRegionIsRefused(String region) {
    assertThatThrownBy(() -> SesHttpApi.endpoint(Map.of(), region))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("AWS_REGION");
  }

  @Test
  void isolatedRegionWithoutAnEndpointVariableIsRefused() {
    assertThatThrownBy(() -> SesHttpApi.endpoint(Map.of(), "us-iso-east-1"))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("us-iso-east-1")
        .hasMessageContaining("AWS_ENDPOINT_URL_SESV2");
  }

  @Test
  void isolatedRegionWithAnEndpointVariableUsesIt() {
    assertThat(
            SesHttpApi.endpoint(
                Map.of("AWS_ENDPOINT_URL_SESV2", "https://email.us-iso-east-1.c2s.ic.gov"),
                "us-iso-east-1"))
        .isEqualTo(URI.create("https://email.us-iso-east-1.c2s.ic.gov"));
  }

  @Test
  void dualStackIsRefused() {
    assertThatThrownBy(
            () -> SesHttpApi.endpoint(Map.of("AWS_USE_DUALSTACK_ENDPOINT", "true"), REGION))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("AWS_USE_DUALSTACK_ENDPOINT");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://ses.example.com/?Action=SendEmail",
        "ftp://ses.example.com",
        "ses.example.com",
        "https://",
        "https:ses.example.com",
        "https://ses example.com"
      })
  void endpointThatIsNotAnHttpUrlWithAHostAndNoQueryIsRefused(String url) {
    assertThatThrownBy(() -> SesHttpApi.endpoint(Map.of("AWS_ENDPOINT_URL_SESV2", url), REGION))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("AWS_ENDPOINT_URL_SESV2");
  }

  // --- An independent Signature Version 4 verifier (AWS General Reference, "Create a signed
  // AWS API request"): canonical request, string to sign, signing key, signature. ---

  private record Authorization(
      String accessKey, String scope, List<String> signedHeaders, String signature) {}

  private static final Pattern AUTHORIZATION =
      Pattern.compile(
          "AWS4-HMAC-SHA256 Credential=([^/]+)/([^,]+), ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})");

  private static Authorization authorization(Received request) {
    String header = request.header("Authorization");
    assertThat(header).as("Authorization header").isNotNull();
    Matcher matcher = AUTHORIZATION.matcher(header);
    assertThat(matcher.matches()).as("Authorization header: %s", header).isTrue();
    return new Authorization(
        matcher.group(1),
        matcher.group(2),
        Arrays.asList(matcher.group(3).split(";")),
        matcher.group(4));
  }

  private static String expectedSignature(Received request) throws GeneralSecurityException {
    return expectedSignature(request, SECRET_KEY);
  }

  private static String expectedSignature(Received request, String secretKey)
      throws GeneralSecurityException {
    List<String> signedHeaders = authorization(request).signedHeaders();
    StringBuilder canonicalHeaders = new StringBuilder();
    for (String name : signedHeaders) {
      List<String> values = request.headers().get(name);
      assertThat(values).as("signed header %s as received", name).isNotNull();
      canonicalHeaders
          .append(name)
          .append(':')
          .append(
              values.stream()
                  .map(value -> value.strip().replaceAll(" +", " "))
                  .collect(Collectors.joining(",")))
          .append('\n');
    }
    assertThat(request.rawQuery()).as("query").isNull();
    String canonicalRequest =
        String.join(
            "\n",
            request.method(),
            canonicalUri(request.rawPath()),
            "",
            canonicalHeaders.toString(),
            String.join(";", signedHeaders),
            hex(sha256(request.body())));
    String amzDate = request.header("X-Amz-Date");
    String date = amzDate.substring(0, 8);
    String scope = date + "/" + REGION + "/ses/aws4_request";
    String stringToSign =
        "AWS4-HMAC-SHA256\n"
            + amzDate
            + "\n"
            + scope
            + "\n"
            + hex(sha256(canonicalRequest.getBytes(UTF_8)));
    byte[] key = hmac(("AWS4" + secretKey).getBytes(UTF_8), date);
    key = hmac(key, REGION);
    key = hmac(key, "ses");
    key = hmac(key, "aws4_request");
    return hex(hmac(key, stringToSign));
  }

  /** Every service but S3 URI-encodes each segment of the (already encoded) path once more. */
  private static String canonicalUri(String rawPath) {
    StringBuilder uri = new StringBuilder();
    for (String segment : rawPath.split("/", -1)) {
      if (!uri.isEmpty() || !segment.isEmpty()) {
        uri.append('/');
      }
      for (byte b : segment.getBytes(UTF_8)) {
        char c = (char) (b & 0xFF);
        if ((c >= 'A' && c <= 'Z')
            || (c >= 'a' && c <= 'z')
            || (c >= '0' && c <= '9')
            || c == '-'
            || c == '_'
            || c == '.'
            || c == '~') {
          uri.append(c);
        } else {
          uri.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
        }
      }
    }
    return uri.isEmpty() ? "/" : uri.toString();
  }

  private static byte[] sha256(byte[] data) throws GeneralSecurityException {
    return MessageDigest.getInstance("SHA-256").digest(data);
  }

  private static byte[] hmac(byte[] key, String data) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data.getBytes(UTF_8));
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  // --- Added with the retry and connection rules ---

  @Test
  void internalServerErrorIsRetriedToo() {
    replies(answer(500, "{\"message\":\"Internal\"}"), ok());

    assertThatCode(() -> api.sendEmail(EMAIL)).doesNotThrowAnyException();
    assertThat(received).hasSize(2);
  }

  @Test
  void everyAttemptHasItsOwnConnection() {
    replies(answer(503, "{\"message\":\"Service Unavailable\"}"), ok());

    api.sendEmail(EMAIL);

    assertThat(received).extracting(Received::remotePort).doesNotHaveDuplicates().hasSize(2);
  }

  @Test
  void successiveEmailsDoNotShareAConnection() {
    api.sendEmail(EMAIL);
    api.sendEmail(EMAIL);

    assertThat(received).extracting(Received::remotePort).doesNotHaveDuplicates().hasSize(2);
  }

  @Test
  void theRealClientIsBuiltForTheConfiguredEndpoint() {
    SesHttpApi real =
        SesHttpApi.fromEnvironment(
            Map.of("AWS_ENDPOINT_URL_SESV2", "http://127.0.0.1:" + port), REGION);

    assertThat(real.sendEmailUri())
        .isEqualTo(URI.create("http://127.0.0.1:" + port + SesHttpApi.SEND_EMAIL_PATH));
  }

  @Test
  void statusLineTricklingInStillEndsWellInsideCognitosFiveSeconds() throws Exception {
    try (ServerSocket raw = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread server =
          Thread.ofPlatform()
              .daemon()
              .start(
                  () -> {
                    while (!raw.isClosed()) {
                      try (Socket connection = raw.accept()) {
                        connection.getInputStream().read(new byte[65536]);
                        OutputStream out = connection.getOutputStream();
                        for (byte b : "HTTP/1.1 200 OK\r\nX-Slow: ".getBytes(UTF_8)) {
                          out.write(b);
                          out.flush();
                          Thread.sleep(200);
                        }
                        for (int i = 0; i < 30; i++) {
                          out.write('a');
                          out.flush();
                          Thread.sleep(200);
                        }
                      } catch (IOException | InterruptedException closedOrGone) {
                        // The client gave up, as it should, or the test is over.
                      }
                    }
                  });
      SesHttpApi slow =
          new SesHttpApi(URI.create("http://127.0.0.1:" + raw.getLocalPort()), REGION, CREDENTIALS);

      long start = System.nanoTime();
      SesException failure = catchThrowableOfType(SesException.class, () -> slow.sendEmail(EMAIL));
      long elapsedMillis = millisSince(start);

      assertThat(failure).isNotNull();
      assertThat(failure.kind()).isEqualTo(SesException.Kind.UNREACHABLE);
      assertThat(failure.errorMessage()).isEqualTo("SocketTimeoutException");
      assertThat(elapsedMillis).isBetween(1400L, 4500L);
      raw.close();
      server.join(2000);
    }
  }

  @Test
  void serverWithAnUntrustedCertificateGetsNothing(@TempDir Path dir) throws Exception {
    Path keystore = dir.resolve("self-signed.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "ses",
                "-keyalg",
                "EC",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    keytool.getInputStream().readAllBytes();
    assertThat(keytool.waitFor()).isZero();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(keystore)) {
      keys.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, "changeit".toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keyManagers.getKeyManagers(), null, null);
    HttpsServer https =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    https.setHttpsConfigurator(new HttpsConfigurator(tls));
    https.createContext("/", this::handle);
    https.start();
    try {
      SesHttpApi client =
          new SesHttpApi(
              URI.create("https://127.0.0.1:" + https.getAddress().getPort()), REGION, CREDENTIALS);

      SesException failure =
          catchThrowableOfType(SesException.class, () -> client.sendEmail(EMAIL));

      assertThat(failure).isNotNull();
      assertThat(failure.kind()).isEqualTo(SesException.Kind.UNREACHABLE);
      assertThat(failure.errorMessage()).isEqualTo("SSLHandshakeException");
      assertThat(received).isEmpty();
    } finally {
      https.stop(0);
    }
  }
}
