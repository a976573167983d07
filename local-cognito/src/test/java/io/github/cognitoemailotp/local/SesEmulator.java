package io.github.cognitoemailotp.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * aws-ses-v2-local (from npm, pinned in package-lock.json) run as a real SES v2 endpoint on
 * 127.0.0.1, with its mailbox readable. It can be stopped and started again on the same port to
 * play an SES outage.
 */
final class SesEmulator implements AutoCloseable {

  /** One email the emulator received. */
  record Email(String to, String subject, String text, String html) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final int port;
  private Process process;

  SesEmulator() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    start();
  }

  int port() {
    return port;
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  void start() throws IOException {
    Path cli = Path.of("node_modules/aws-ses-v2-local/dist/cli.js");
    if (!Files.exists(cli)) {
      throw new IOException("aws-ses-v2-local is not installed: run npm ci in local-cognito");
    }
    process =
        new ProcessBuilder(
                "node", cli.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port))
            .redirectErrorStream(true)
            .start();
    BufferedReader output =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String line;
    while ((line = output.readLine()) != null) {
      if (line.contains("server running")) {
        // A platform thread: a virtual one blocked reading a pipe holds one of the few carrier
        // threads, and two such stalled every local stack's server in this JVM on two cores.
        Thread.ofPlatform().daemon().start(() -> output.lines().forEach(ignored -> {}));
        return;
      }
      if (System.nanoTime() > deadline) {
        break;
      }
    }
    stop();
    throw new IOException("aws-ses-v2-local did not start");
  }

  void stop() {
    if (process != null) {
      process.destroy();
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
  }

  /** Every email received so far, oldest first. */
  List<Email> emails() {
    try {
      HttpResponse<String> response = store();
      List<Email> emails = new ArrayList<>();
      for (JsonNode email : JSON.readTree(response.body()).path("emails")) {
        for (JsonNode to : email.path("destination").path("to")) {
          emails.add(
              new Email(
                  to.asText(),
                  email.path("subject").asText(),
                  email.path("body").path("text").asText(),
                  email.path("body").path("html").asText()));
        }
      }
      return emails;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * {@code GET /store}, tried up to three times: Node closes an idle keep-alive connection (after 5
   * s) while the JDK's client may be reusing it, which fails that one request with "header parser
   * received no bytes". A GET of the mailbox is safe to repeat.
   */
  private HttpResponse<String> store() throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url() + "/store")).timeout(Duration.ofSeconds(5)).build();
    for (int attempt = 1; ; attempt++) {
      try {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        if (attempt == 3) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  /** The emails received by one address, oldest first. */
  List<Email> emailsTo(String address) {
    return emails().stream().filter(email -> email.to().equalsIgnoreCase(address)).toList();
  }

  /** Waits until {@code address} has more than {@code seen} emails and returns the newest. */
  Email awaitEmail(String address, int seen) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      List<Email> emails = emailsTo(address);
      if (emails.size() > seen) {
        return emails.getLast();
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new AssertionError("no email number " + (seen + 1) + " reached " + address);
  }

  /** The code in an email's text body (the subject carries none). */
  static String codeIn(Email email) {
    java.util.regex.Matcher digits =
        java.util.regex.Pattern.compile("\\d{4,10}").matcher(email.text());
    if (!digits.find()) {
      throw new AssertionError("no code in the email's text");
    }
    return digits.group();
  }

  @Override
  public void close() {
    stop();
  }
}
