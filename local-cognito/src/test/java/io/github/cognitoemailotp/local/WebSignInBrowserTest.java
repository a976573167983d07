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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The web sign-in page (example-client/web) in a real browser: headless Chromium driven by
 * puppeteer-core, the page served on 127.0.0.1 by its serve.mjs and talking to the local Cognito
 * from another origin (so through CORS), the codes read from aws-ses-v2-local. Each scenario is
 * example-client/web/test/browser-test.mjs, once per library the page can use.
 *
 * <p>The browser is the Chromium in example-client/web's npm lockfile (@sparticuz/chromium,
 * unpacked on first use to $TMPDIR/chromium; it needs the system libraries libnss3, libnspr4 and
 * libexpat), or the one {@code $CHROMIUM} names, such as Debian's /usr/bin/chromium.
 */
@ExtendWith(LocalStack.Extension.class)
class WebSignInBrowserTest {

  private static final Path WEB = Path.of("..", "example-client", "web");
  private static final Path SCREENSHOTS =
      Path.of(System.getProperty("web.screenshots", "target/web-screenshots"));
  private static final long SCENARIO_TIMEOUT_SECONDS = 180;

  private static PageServer sharedPage;

  /** The browser {@code $CHROMIUM} names; empty for the lockfile's. */
  static Optional<Path> namedChromium() {
    return Optional.ofNullable(System.getenv("CHROMIUM")).filter(s -> !s.isBlank()).map(Path::of);
  }

  /** Unpacks the lockfile's Chromium once, before the scenarios (two unpacking at once collide). */
  static void unpackLockfileChromium() throws IOException, InterruptedException {
    Process node =
        new ProcessBuilder("node", "test/browser-test.mjs", "--print-chromium")
            .directory(WEB.toFile())
            .redirectErrorStream(true)
            .start();
    CompletableFuture<String> output =
        CompletableFuture.supplyAsync(() -> read(node.getInputStream()));
    boolean ended = node.waitFor(120, TimeUnit.SECONDS);
    if (!ended) {
      node.destroyForcibly();
    }
    String printed = output.join();
    assertThat(ended && node.exitValue() == 0)
        .as(
            "the npm lockfile's Chromium (@sparticuz/chromium in example-client/web) did not"
                + " unpack; set CHROMIUM to a Chromium to use instead. Its output:%n%s",
            printed)
        .isTrue();
  }

  /** serve.mjs serving the page for one stack, on 127.0.0.1. */
  record PageServer(Process process, String url) implements AutoCloseable {

    /** {@code moreOptions}: serve.mjs's others, such as {@code --trusted-device-days 30}. */
    static PageServer start(LocalStack stack, String... moreOptions) throws IOException {
      List<String> command =
          new ArrayList<>(
              List.of(
                  "node",
                  "serve.mjs",
                  "--endpoint",
                  stack.cognito.endpoint(),
                  "--pool-id",
                  stack.cognito.userPoolId(),
                  "--client-id",
                  stack.cognito.clientId()));
      command.addAll(List.of(moreOptions));
      Process process =
          new ProcessBuilder(command).directory(WEB.toFile()).redirectErrorStream(true).start();
      BufferedReader output =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String first = output.readLine();
      PageServer server =
          new PageServer(
              process,
              first == null || !first.contains("\"url\"")
                  ? ""
                  : new ObjectMapper().readTree(first).path("url").asText());
      if (!server.url().startsWith("http://127.0.0.1:")) {
        server.close();
        throw new AssertionError("serve.mjs did not print its 127.0.0.1 URL but: " + first);
      }
      // A platform thread: a virtual one blocked reading a pipe holds one of the few carrier
      // threads, and two such stalled every local stack's server in this JVM on two cores.
      Thread.ofPlatform().daemon().start(() -> output.lines().forEach(ignored -> {}));
      return server;
    }

    @Override
    public void close() {
      process.destroy();
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @BeforeAll
  static void servePage(LocalStack stack) throws IOException, InterruptedException {
    prepareBrowserAndPage();
    sharedPage = PageServer.start(stack);
  }

  /** Checks that the page is built and a browser is there (unpacking the lockfile's once). */
  static void prepareBrowserAndPage() throws IOException, InterruptedException {
    assertThat(WEB.resolve("node_modules/puppeteer-core")).exists();
    Optional<Path> named = namedChromium();
    if (named.isPresent()) {
      assertThat(Files.isExecutable(named.get()))
          .as("CHROMIUM names %s, which is not an executable file", named.get())
          .isTrue();
    } else {
      unpackLockfileChromium();
    }
    assertThat(WEB.resolve("dist/index.html"))
        .as(
            "the page is built by the example-client module (npm ci and npm run build in"
                + " example-client/web)")
        .exists();
    assertThat(WEB.resolve("node_modules/puppeteer-core")).exists();
  }

  @AfterAll
  static void stopPageServer() {
    if (sharedPage != null) {
      sharedPage.close();
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
    "trust-off, amplify",
  })
  void thePageSignsInInABrowser(String scenario, String library, LocalStack stack)
      throws Exception {
    runScenario(scenario, library, stack, sharedPage);
  }

  /**
   * An invited user (temporary password) sets a new password, typed twice, and then: with the
   * stack's token gate, the page signs in again after the gate's refusal and the code signs in; on
   * a template without the gate, the page refuses the tokens issued without the code.
   */
  @ParameterizedTest(name = "an invited user with {0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"amplify", "cognito-identity-js"})
  void anInvitedUserSetsANewPasswordAndNeverGetsInWithoutTheCode(String library, LocalStack stack)
      throws Exception {
    String email = InvitedUserEndToEndTest.invite(stack);
    runScenario(
        InvitedUserEndToEndTest.hasTheGate(stack) ? "invited-user" : "invited-user-no-gate",
        library,
        stack,
        sharedPage,
        email,
        InvitedUserEndToEndTest.TEMPORARY,
        "--new-password",
        InvitedUserEndToEndTest.CHOSEN);
  }

  /**
   * The shared stack has no resend cooldown, so this one starts a small stack of its own whose
   * cooldown (120 s) outlasts the scenario.
   */
  @Test
  void aResendWithinTheCooldownShowsCognitosMessageAndTheCodeStillWorks() throws Exception {
    try (LocalStack stack = LocalStack.start(Map.of("ResendCooldownSeconds", "120"), 1);
        PageServer page = PageServer.start(stack)) {
      runScenario("cooldown", "amplify", stack, page);
    }
  }

  private static void runScenario(
      String scenario, String library, LocalStack stack, PageServer page) throws Exception {
    runScenario(scenario, library, stack, page, stack.newUser(), LocalStack.PASSWORD);
  }

  static void runScenario(
      String scenario,
      String library,
      LocalStack stack,
      PageServer page,
      String email,
      String password,
      String... moreOptions)
      throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "node",
                "test/browser-test.mjs",
                "--scenario",
                scenario,
                "--library",
                library,
                "--url",
                page.url(),
                "--ses",
                stack.ses.url(),
                "--email",
                email,
                "--password",
                password,
                "--screenshots",
                SCREENSHOTS.toAbsolutePath().toString()));
    command.addAll(List.of(moreOptions));
    namedChromium().ifPresent(path -> command.addAll(List.of("--chromium", path.toString())));
    Process node =
        new ProcessBuilder(command).directory(WEB.toFile()).redirectErrorStream(true).start();
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
