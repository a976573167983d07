package io.github.cognitoemailotp.create;

import io.github.cognitoemailotp.layer.InvalidSettingException;
import io.github.cognitoemailotp.layer.internal.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import javax.net.ssl.HttpsURLConnection;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * SES v2 {@code SendEmail} ({@code POST /v2/email/outbound-emails}) over HTTPS, without the SDK's
 * service client. The AWS parts stay the SDK's: credentials come from its default chain (which
 * SnapStart needs: it serves credentials from a container endpoint, not environment variables) and
 * every request is signed by its Signature Version 4 signer. What is ours is the little left: the
 * JSON body ({@link SesEmail#toJson()}), the endpoint, the HTTP exchange, one retry and reading
 * SES's error. The service client made Create's cold start twice as long (docs/performance.md): its
 * endpoint rules, service metadata and marshallers load over 1,600 classes more for one call.
 *
 * <p>Time: Cognito gives the trigger 5 seconds. A connection may take {@link #CONNECT_TIMEOUT}, an
 * answer {@link #ATTEMPT_TIMEOUT}, and both attempts together {@link #CALL_TIMEOUT}, which leaves
 * room for the JVM and a clear error instead of Cognito's retry (which would send a second email
 * with another code). A throttled or failed attempt (429, 5xx, no connection, no answer) is tried
 * once more; an attempt without an answer may have sent the email, so the retry can send the same
 * code twice, never two codes.
 */
final class SesHttpApi implements SesApi {

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
  static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(1500);
  static final Duration CALL_TIMEOUT = Duration.ofMillis(3500);
  static final int MAX_ATTEMPTS = 2;

  /** Pause before the retry: longer after throttling, when SES asked for it. */
  static final Duration RETRY_DELAY = Duration.ofMillis(50);

  static final Duration THROTTLED_RETRY_DELAY = Duration.ofMillis(250);

  /** SES's answers are small; an error body past this is cut, not read into memory. */
  static final int MAX_ANSWER_BYTES = 64 * 1024;

  static final String SEND_EMAIL_PATH = "/v2/email/outbound-emails";

  /** SES's name in SigV4 credential scopes (its API host is {@code email.<region>...}). */
  static final String SIGNING_NAME = "ses";

  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]+");

  private final URI sendEmailUri;
  private final String region;
  private final AwsCredentialsProvider credentials;
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

  /**
   * @param endpoint where SES is, without a path (see {@link #endpoint})
   * @param region the region in the signature's credential scope
   * @param credentials what signs each request
   */
  SesHttpApi(URI endpoint, String region, AwsCredentialsProvider credentials) {
    this.sendEmailUri = URI.create(endpoint.toString().replaceAll("/+$", "") + SEND_EMAIL_PATH);
    this.region = region;
    this.credentials = credentials;
  }

  /**
   * The real client, built once at init: the endpoint for {@code region} (or the one the SDK's
   * endpoint variables name), the SDK's default credentials chain, and TLS set up now (trust store
   * loaded) so the first sign-in does not pay for it and a SnapStart snapshot holds it.
   */
  static SesHttpApi fromEnvironment(Map<String, String> environment, String region) {
    URI endpoint = endpoint(environment, region);
    HttpsURLConnection.getDefaultSSLSocketFactory();
    return new SesHttpApi(endpoint, region, DefaultCredentialsProvider.builder().build());
  }

  /**
   * Where SES v2 is: {@code AWS_ENDPOINT_URL_SESV2}, else {@code AWS_ENDPOINT_URL} (as the SDKs
   * read them, unless {@code AWS_IGNORE_CONFIGURED_ENDPOINT_URLS} is true), else the regional
   * endpoint {@code https://email.<region>.amazonaws.com} ({@code email-fips} when {@code
   * AWS_USE_FIPS_ENDPOINT} is true; {@code .com.cn} in China). Plain HTTP is refused except to this
   * machine, because the request carries the code. Anything else stops init with what to set.
   */
  static URI endpoint(Map<String, String> environment, String region) {
    if (!REGION.matcher(region).matches()) {
      throw new InvalidSettingException(
          "AWS_REGION must be a region name such as eu-west-1, not '" + region + "'");
    }
    if (!"true".equalsIgnoreCase(setting(environment, "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"))) {
      for (String name : List.of("AWS_ENDPOINT_URL_SESV2", "AWS_ENDPOINT_URL")) {
        String configured = setting(environment, name);
        if (!configured.isEmpty()) {
          return configuredEndpoint(name, configured);
        }
      }
    }
    if ("true".equalsIgnoreCase(setting(environment, "AWS_USE_DUALSTACK_ENDPOINT"))) {
      throw new InvalidSettingException(
          "AWS_USE_DUALSTACK_ENDPOINT is not supported for SES; unset it, or name the endpoint"
              + " in AWS_ENDPOINT_URL_SESV2");
    }
    boolean fips = "true".equalsIgnoreCase(setting(environment, "AWS_USE_FIPS_ENDPOINT"));
    String suffix;
    if (region.startsWith("cn-")) {
      suffix = "amazonaws.com.cn";
    } else if (region.contains("-iso")) {
      throw new InvalidSettingException(
          "the SES endpoint of region "
              + region
              + " is not built in; name it in AWS_ENDPOINT_URL_SESV2");
    } else {
      suffix = "amazonaws.com";
    }
    return URI.create("https://email" + (fips ? "-fips." : ".") + region + "." + suffix);
  }

  private static URI configuredEndpoint(String name, String value) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new InvalidSettingException(
          name + " must be a URL such as https://host, not '" + value + "'");
    }
    boolean https = "https".equals(uri.getScheme());
    boolean http = "http".equals(uri.getScheme());
    if (uri.getHost() == null || !(https || http) || uri.getRawQuery() != null) {
      throw new InvalidSettingException(
          name + " must be an http(s) URL with a host and no query, not '" + value + "'");
    }
    if (http && !isLoopback(uri.getHost())) {
      throw new InvalidSettingException(
          name
              + " uses plain HTTP to "
              + uri.getHost()
              + "; the email carries a code, so use https (plain HTTP only to this machine)");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    // Without a fragment; the constructor appends the operation's path after any trailing '/'.
    return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + path);
  }

  /** Whether {@code host} is this machine: "localhost" or a loopback address literal (no DNS). */
  private static boolean isLoopback(String host) {
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (bare.equals("localhost")) {
      return true;
    }
    try {
      return InetAddress.ofLiteral(bare).isLoopbackAddress();
    } catch (IllegalArgumentException notAnAddress) {
      return false;
    }
  }

  private static String setting(Map<String, String> environment, String name) {
    return environment.getOrDefault(name, "").strip();
  }

  /** The endpoint this client sends to, with the operation's path. */
  URI sendEmailUri() {
    return sendEmailUri;
  }

  @Override
  public void sendEmail(SesEmail email) {
    byte[] body = email.toJson();
    long deadline = System.nanoTime() + CALL_TIMEOUT.toNanos();
    for (int attempt = 1; ; attempt++) {
      SdkHttpRequest request = sign(body);
      long attemptEnd = Math.min(System.nanoTime() + ATTEMPT_TIMEOUT.toNanos(), deadline);
      SesException failure;
      Duration delay;
      try {
        Answer answer = exchange(request, body, attemptEnd);
        if (answer.status() / 100 == 2) {
          return;
        }
        failure = refusal(answer);
        if (answer.status() == 429) {
          delay = THROTTLED_RETRY_DELAY;
        } else if (answer.status() >= 500) {
          delay = RETRY_DELAY;
        } else {
          throw failure;
        }
      } catch (IOException e) {
        failure = SesException.unreachable(e.getClass().getSimpleName());
        delay = RETRY_DELAY;
      }
      if (attempt == MAX_ATTEMPTS || !pause(delay, deadline)) {
        throw failure;
      }
    }
  }

  /**
   * {@code body} as a signed {@code SendEmail} request: credentials from the chain, SigV4 for SES
   * in this region. Sends nothing (SnapStart priming calls it to warm the path).
   *
   * @throws SesException of kind NO_CREDENTIALS when the chain has none
   */
  SdkHttpRequest sign(byte[] body) {
    AwsCredentialsIdentity identity;
    try {
      identity = credentials.resolveCredentials();
    } catch (SdkClientException e) {
      throw SesException.noCredentials(String.valueOf(e.getMessage()));
    }
    SdkHttpRequest unsigned =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(sendEmailUri)
            .putHeader("Content-Type", "application/json")
            .build();
    return signer
        .sign(
            request ->
                request
                    .identity(identity)
                    .request(unsigned)
                    .payload(ContentStreamProvider.fromByteArray(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SIGNING_NAME)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region))
        .request();
  }

  /** An HTTP answer: its status, SES's error type header, and its body (cut at the limit). */
  record Answer(int status, String errorType, byte[] body) {}

  /**
   * One attempt, which ends by {@code attemptEnd} (a {@link System#nanoTime()} value) whatever the
   * server does. A read timeout alone would not end an answer that trickles in byte by byte, so:
   * until the status line and headers have arrived, a watchdog thread disconnects the connection at
   * that time (which closes the socket under a blocked write or read); after that, the error body
   * is read in a loop that stops at that time. A 2xx is a success as soon as its status line
   * arrives; its body (the message id) is not read. Every attempt has its own connection, so none
   * goes stale while Lambda freezes the environment between invocations.
   */
  private static Answer exchange(SdkHttpRequest request, byte[] body, long attemptEnd)
      throws IOException {
    HttpURLConnection connection = open(request, body.length, attemptEnd);
    AtomicBoolean timedOut = new AtomicBoolean();
    Thread watchdog =
        Thread.ofPlatform()
            .daemon()
            .name("ses-attempt-watchdog")
            .start(
                () -> {
                  try {
                    Thread.sleep(Duration.ofNanos(Math.max(0, attemptEnd - System.nanoTime())));
                    timedOut.set(true);
                    connection.disconnect();
                  } catch (InterruptedException headersArrived) {
                    // The status line and headers came in time.
                  }
                });
    try {
      int status;
      try {
        try (OutputStream out = connection.getOutputStream()) {
          out.write(body);
        }
        status = connection.getResponseCode();
      } finally {
        watchdog.interrupt();
      }
      String errorType = connection.getHeaderField("x-amzn-ErrorType");
      // Null after a 2xx: a success's body is not read.
      InputStream in = connection.getErrorStream();
      byte[] answer = in == null ? new byte[0] : readBefore(in, attemptEnd);
      return new Answer(status, errorType == null ? "" : errorType, answer);
    } catch (IOException e) {
      if (timedOut.get()) {
        throw new SocketTimeoutException("no answer within the attempt's time");
      }
      throw e;
    } finally {
      connection.disconnect();
    }
  }

  /**
   * Up to {@link #MAX_ANSWER_BYTES} of {@code in}, read before {@code attemptEnd}; each read is
   * bounded by the connection's read timeout. Not closed: closing a fully read body would put the
   * connection in the JDK's keep-alive cache, and {@code disconnect()} closes it instead.
   */
  private static byte[] readBefore(InputStream in, long attemptEnd) throws IOException {
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int read;
    while (answer.size() < MAX_ANSWER_BYTES
        && (read = in.read(buffer, 0, Math.min(buffer.length, MAX_ANSWER_BYTES - answer.size())))
            != -1) {
      answer.write(buffer, 0, read);
      if (System.nanoTime() - attemptEnd > 0) {
        throw new SocketTimeoutException("the answer took longer than the attempt's time");
      }
    }
    return answer.toByteArray();
  }

  /**
   * A connection for {@code request}, set up but not connected: nothing leaves the process until
   * its output stream is opened (SnapStart priming opens one to warm the path, then drops it). It
   * must connect by {@code attemptEnd} (a {@link System#nanoTime()} value) and within {@link
   * #CONNECT_TIMEOUT}, and no single read may wait past it.
   */
  static HttpURLConnection open(SdkHttpRequest request, int bodyLength, long attemptEnd)
      throws IOException {
    HttpURLConnection connection = (HttpURLConnection) request.getUri().toURL().openConnection();
    long attemptMillis = (attemptEnd - System.nanoTime()) / 1_000_000;
    connection.setConnectTimeout((int) Math.clamp(attemptMillis, 1, CONNECT_TIMEOUT.toMillis()));
    connection.setReadTimeout((int) Math.clamp(attemptMillis, 1, ATTEMPT_TIMEOUT.toMillis()));
    connection.setRequestMethod("POST");
    connection.setInstanceFollowRedirects(false);
    connection.setDoOutput(true);
    connection.setFixedLengthStreamingMode(bodyLength);
    for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
      // The JDK writes Host from the URL itself, the same value the signature covers.
      if (!header.getKey().equalsIgnoreCase("Host")) {
        for (String value : header.getValue()) {
          connection.addRequestProperty(header.getKey(), value);
        }
      }
    }
    return connection;
  }

  /**
   * SES's error as REST-JSON services give it: the code in the {@code x-amzn-ErrorType} header,
   * else the body's {@code __type} or {@code code}, in either case cut before any ':' and after any
   * '#'; the message in the body's {@code message} or {@code Message}.
   */
  static SesException refusal(Answer answer) {
    Map<?, ?> fields = Map.of();
    try {
      if (Json.parse(answer.body()) instanceof Map<?, ?> object) {
        fields = object;
      }
    } catch (Json.SyntaxException notJson) {
      // An error without a JSON body (a proxy's page, say) still has its status and header.
    }
    String code =
        answer.errorType().isBlank() ? text(fields, "__type", "code", "Code") : answer.errorType();
    code = code.replaceFirst(":.*", "");
    code = code.substring(code.lastIndexOf('#') + 1);
    if (code.isBlank()) {
      code = "HTTP " + answer.status();
    }
    return SesException.refused(answer.status(), code.strip(), text(fields, "message", "Message"));
  }

  private static String text(Map<?, ?> fields, String... names) {
    for (String name : names) {
      if (fields.get(name) instanceof String value) {
        return value;
      }
    }
    return "";
  }

  /** Sleeps {@code delay} if the deadline allows it; false when it does not. */
  private static boolean pause(Duration delay, long deadline) {
    if (System.nanoTime() + delay.toNanos() >= deadline) {
      return false;
    }
    try {
      Thread.sleep(delay);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
