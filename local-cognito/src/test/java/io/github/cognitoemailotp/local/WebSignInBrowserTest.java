package io.github.cognitoemailotp.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The web sign-in page (example-client/web) in a real browser: Debian's headless Chromium driven by
 * puppeteer-core, the page served on 127.0.0.1 by its serve.mjs and talking to the local Cognito
 * from another origin (so through CORS), the codes read from aws-ses-v2-local. Each scenario is
 * example-client/web/test/browser-test.mjs, once per library the page can use.
 *
 * <p>Chromium is not downloaded: a machine without {@code /usr/bin/chromium} (or {@code $CHROMIUM})
 * fails these tests with what to install; .ci/run installs it.
 */
@ExtendWith(LocalStack.Extension.class)
class WebSignInBrowserTest {

  private static final Path WEB = Path.of("..", "example-client", "web");
  private static final Path SCREENSHOTS =
      Path.of(System.getProperty("web.screenshots", "target/web-screenshots"));
  private static final long SCENARIO_TIMEOUT_SECONDS = 180;

  private static Process pageServer;
  private static String pageUrl;

  static Path chromium() {
    return Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
  }

  @BeforeAll
  static void servePage(LocalStack stack) throws IOException {
    assertThat(Files.isExecutable(chromium()))
        .as(
            "Debian's chromium is needed at %s for the browser test (or set CHROMIUM): "
                + "apt-get update && apt-get install -y chromium",
            chromium())
        .isTrue();
    assertThat(WEB.resolve("dist/index.html"))
        .as(
            "the page is built by the example-client module (npm ci and npm run build in"
                + " example-client/web)")
        .exists();
    assertThat(WEB.resolve("node_modules/puppeteer-core")).exists();
    pageServer =
        new ProcessBuilder(
                "node",
                "serve.mjs",
                "--endpoint",
                stack.cognito.endpoint(),
                "--pool-id",
                stack.cognito.userPoolId(),
                "--client-id",
                stack.cognito.clientId())
            .directory(WEB.toFile())
            .redirectErrorStream(true)
            .start();
    BufferedReader output =
        new BufferedReader(
            new InputStreamReader(pageServer.getInputStream(), StandardCharsets.UTF_8));
    String first = output.readLine();
    assertThat(first).as("serve.mjs prints its URL").isNotNull().contains("\"url\"");
    pageUrl = new ObjectMapper().readTree(first).path("url").asText();
    assertThat(pageUrl).startsWith("http://127.0.0.1:");
    Thread.ofVirtual().start(() -> output.lines().forEach(ignored -> {}));
  }

  @AfterAll
  static void stopPageServer() throws InterruptedException {
    if (pageServer != null) {
      pageServer.destroy();
      if (!pageServer.waitFor(5, TimeUnit.SECONDS)) {
        pageServer.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
  }

  @ParameterizedTest(name = "{0} with {1}")
  @CsvSource({
    "wrong-code-then-code, amplify",
    "wrong-code-then-code, cognito-identity-js",
    "resend, amplify",
    "resend, cognito-identity-js",
    "attempt-limit, amplify",
    "attempt-limit, cognito-identity-js",
    "wrong-password, amplify",
  })
  void thePageSignsInInABrowser(String scenario, String library, LocalStack stack)
      throws Exception {
    String email = stack.newUser();
    Process node =
        new ProcessBuilder(
                "node",
                "test/browser-test.mjs",
                "--scenario",
                scenario,
                "--library",
                library,
                "--url",
                pageUrl,
                "--ses",
                stack.ses.url(),
                "--email",
                email,
                "--password",
                LocalStack.PASSWORD,
                "--chromium",
                chromium().toString(),
                "--screenshots",
                SCREENSHOTS.toAbsolutePath().toString())
            .directory(WEB.toFile())
            .redirectErrorStream(true)
            .start();
    CompletableFuture<String> output =
        CompletableFuture.supplyAsync(() -> read(node.getInputStream()));
    boolean ended = node.waitFor(SCENARIO_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (!ended) {
      node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    assertThat(ended).as("the scenario ended within %d s", SCENARIO_TIMEOUT_SECONDS).isTrue();
    String printed = output.get(10, TimeUnit.SECONDS);
    assertThat(node.exitValue()).as(printed).isZero();
    assertThat(printed).contains("\"ok\":true", "\"scenario\":\"" + scenario + "\"");
  }

  private static String read(InputStream stream) {
    try {
      return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
