package io.github.cognitoemailotp.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cognitoemailotp.client.SignInException;
import io.github.cognitoemailotp.client.SignInFlow;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * local-cognito started as users start it, {@code java -jar local-cognito.jar ...
 * --parameter-overrides ...} in its own process with its environment (as local-demo.sh does), and
 * signed in to with the example client: the budget and lifetime parameters take effect, and a
 * DynamoDB named by {@code AWS_ENDPOINT_URL_DYNAMODB} is the one used.
 */
class CommandLineEndToEndTest {

  private static final String PASSWORD = "Corr3ct-horse";
  private static final String DEFINE_HANDLER =
      "io.github.cognitoemailotp.define.DefineAuthChallengeHandler::handleRequest";
  private static final String CREATE_HANDLER =
      "io.github.cognitoemailotp.create.CreateAuthChallengeHandler::handleRequest";

  @Test
  void budgetAndLifetimeOverridesReachTheFunctionsAndTheFifthEmailInTheHourIsRefused()
      throws Exception {
    try (SesEmulator ses = new SesEmulator();
        Running local =
            Running.start(
                ses,
                Optional.empty(),
                "MaxCodeEmailsPerHour=4",
                "MaxCodeEmailsPerDay=6",
                "MaxSignInMinutes=7")) {
      assertThat(local.environmentOf(DEFINE_HANDLER)).containsEntry("MAX_SIGN_IN_MINUTES", "7");
      assertThat(local.environmentOf(CREATE_HANDLER))
          .containsEntry("MAX_SIGN_IN_MINUTES", "7")
          .containsEntry("MAX_CODE_EMAILS_PER_HOUR", "4")
          .containsEntry("MAX_CODE_EMAILS_PER_DAY", "6");
      assertThat(local.descendantsRunning("dynalite.js"))
          .as("without AWS_ENDPOINT_URL_DYNAMODB it starts dynalite")
          .hasSize(1);

      String email = local.newUser();
      awaitAMinuteLeftInTheHour();
      for (int i = 1; i <= 4; i++) {
        assertThat(local.signIn(ses, email)).as("sign-in " + i).isNotBlank();
      }
      assertThatThrownBy(() -> local.signIn(ses, email))
          .isInstanceOf(SignInException.class)
          .hasMessageContaining("Too many sign-in codes were sent to this account. Try again after")
          .hasMessageContaining("(MAX_CODE_EMAILS_PER_HOUR)");
      assertThat(ses.emailsTo(email)).hasSize(4);
    }
  }

  @Test
  void aDynamoDbNamedByAwsEndpointUrlDynamoDbHoldsTheTableAndTheBudgetsAndNoDynaliteIsStarted()
      throws Exception {
    try (SesEmulator ses = new SesEmulator();
        OwnDynalite dynamo = new OwnDynalite();
        Running local = Running.start(ses, Optional.of(dynamo.endpoint()))) {
      assertThat(local.descendantsRunning("dynalite.js")).isEmpty();
      assertThat(local.environmentOf(CREATE_HANDLER))
          .containsEntry("AWS_ENDPOINT_URL_DYNAMODB", dynamo.endpoint());
      try (DynamoDbClient client = dynamo.client()) {
        assertThat(client.listTables().tableNames())
            .containsExactly("CodeEmailBudgetTable", "SecondFactorPassTable", "UserLockTable");
        assertThat(client.scan(request -> request.tableName("CodeEmailBudgetTable")).items())
            .isEmpty();

        String email = local.newUser();
        awaitAMinuteLeftInTheHour();
        assertThat(local.signIn(ses, email)).isNotBlank();
        assertThat(local.signIn(ses, email)).isNotBlank();

        List<Map<String, AttributeValue>> items =
            client.scan(request -> request.tableName("CodeEmailBudgetTable")).items();
        assertThat(items).hasSize(1);
        assertThat(items.getFirst().get("sub").s()).isEqualTo(local.subOf(email));
        assertThat(items.getFirst().get("dayEmails").n()).isEqualTo("2");
      }
    }
  }

  /**
   * The budgets count in clock hours (UTC): a test that fills one waits when the hour is about to
   * turn, rather than see its count start again.
   */
  private static void awaitAMinuteLeftInTheHour() throws InterruptedException {
    Instant now = Instant.now();
    Instant nextHour = now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
    if (Duration.between(now, nextHour).compareTo(Duration.ofMinutes(1)) < 0) {
      Thread.sleep(Duration.between(now, nextHour).toMillis() + 1_000);
    }
  }

  /** local-cognito's own process, started with the command line and stopped on close. */
  private static final class Running implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final String userPoolId;
    private final String clientId;
    private final CognitoIdentityProviderClient admin;
    private final CognitoIdentityProviderClient anonymous;

    private Running(Process process, JsonNode started) {
      this.process = process;
      this.userPoolId = started.path("userPoolId").asText();
      this.clientId = started.path("userPoolClientId").asText();
      URI endpoint = URI.create(started.path("endpoint").asText());
      this.admin =
          client(endpoint, StaticCredentialsProvider.create(AwsBasicCredentials.create("l", "l")));
      this.anonymous = client(endpoint, AnonymousCredentialsProvider.create());
    }

    /**
     * Starts {@code java ... LocalCognito --port 0 --template ../template.yaml
     * --parameter-overrides EmailSender=... ResendCooldownSeconds=0 <overrides>} with the SES
     * emulator's endpoint and, when given, {@code AWS_ENDPOINT_URL_DYNAMODB} in its environment.
     */
    static Running start(SesEmulator ses, Optional<String> dynamoDbEndpoint, String... overrides)
        throws IOException {
      List<String> arguments =
          new java.util.ArrayList<>(
              List.of(
                  "--port",
                  "0",
                  "--template",
                  "../template.yaml",
                  "--parameter-overrides",
                  "EmailSender=no-reply@example.com",
                  "ResendCooldownSeconds=0"));
      arguments.addAll(List.of(overrides));
      Path errors = Files.createTempFile(Path.of("target"), "local-cognito-", ".stderr");
      ProcessBuilder builder =
          new ProcessBuilder(LocalCognitoMainTest.command(arguments.toArray(String[]::new)))
              .redirectError(errors.toFile());
      Map<String, String> environment = builder.environment();
      environment.remove("AWS_ENDPOINT_URL_DYNAMODB");
      dynamoDbEndpoint.ifPresent(url -> environment.put("AWS_ENDPOINT_URL_DYNAMODB", url));
      environment.put("AWS_ENDPOINT_URL_SESV2", ses.url());
      environment.put("AWS_REGION", "us-east-1");
      environment.put("AWS_ACCESS_KEY_ID", "local");
      environment.put("AWS_SECRET_ACCESS_KEY", "local");
      Process process = builder.start();
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      if (line == null) {
        stop(process);
        throw new IOException("local-cognito did not start: " + Files.readString(errors));
      }
      return new Running(process, JSON.readTree(line));
    }

    private static CognitoIdentityProviderClient client(
        URI endpoint, AwsCredentialsProvider credentials) {
      return CognitoIdentityProviderClient.builder()
          .region(Region.US_EAST_1)
          .endpointOverride(endpoint)
          .credentialsProvider(credentials)
          .httpClient(UrlConnectionHttpClient.create())
          .build();
    }

    /**
     * The processes under local-cognito whose command line holds {@code text}, read from Linux's
     * /proc (ProcessHandle.Info cuts a long command line, such as a JVM's with its class path).
     */
    List<ProcessHandle> descendantsRunning(String text) {
      return process
          .descendants()
          .filter(child -> procFile(child, "cmdline").replace('\0', ' ').contains(text))
          .toList();
    }

    private static String procFile(ProcessHandle process, String name) {
      try {
        return new String(
            Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), name)),
            StandardCharsets.UTF_8);
      } catch (IOException gone) {
        return "";
      }
    }

    /** The environment of the function JVM that runs {@code handler} (Linux's /proc). */
    Map<String, String> environmentOf(String handler) {
      List<ProcessHandle> functions = descendantsRunning(handler);
      assertThat(functions).as("a JVM runs " + handler).isNotEmpty();
      return Arrays.stream(procFile(functions.getFirst(), "environ").split("\0"))
          .filter(entry -> entry.contains("="))
          .collect(
              Collectors.toMap(
                  entry -> entry.substring(0, entry.indexOf('=')),
                  entry -> entry.substring(entry.indexOf('=') + 1),
                  (first, second) -> second));
    }

    String newUser() {
      String email = "cli-" + System.nanoTime() + "@example.com";
      admin.adminCreateUser(
          request ->
              request
                  .userPoolId(userPoolId)
                  .username(email)
                  .userAttributes(
                      AttributeType.builder().name("email").value(email).build(),
                      AttributeType.builder().name("email_verified").value("true").build())
                  .messageAction(MessageActionType.SUPPRESS));
      admin.adminSetUserPassword(
          request ->
              request.userPoolId(userPoolId).username(email).password(PASSWORD).permanent(true));
      return email;
    }

    String subOf(String email) {
      return admin
          .adminGetUser(request -> request.userPoolId(userPoolId).username(email))
          .userAttributes()
          .stream()
          .filter(attribute -> attribute.name().equals("sub"))
          .findFirst()
          .orElseThrow()
          .value();
    }

    /** Signs in with the example client, answering with the code emailed; the ID token. */
    String signIn(SesEmulator ses, String email) throws SignInException {
      int before = ses.emailsTo(email).size();
      return new SignInFlow(anonymous, userPoolId, clientId, Optional.empty(), line -> {})
          .signIn(email, PASSWORD, challenge -> SesEmulator.codeIn(ses.awaitEmail(email, before)))
          .idToken();
    }

    @Override
    public void close() {
      admin.close();
      anonymous.close();
      stop(process);
    }

    private static void stop(Process process) {
      List<ProcessHandle> children = process.descendants().toList();
      process.destroy();
      try {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      children.forEach(ProcessHandle::destroyForcibly);
    }
  }

  /** dynalite started by the test, as a user would run their own DynamoDB, on 127.0.0.1. */
  private static final class OwnDynalite implements AutoCloseable {

    private final Process process;
    private final int port;

    OwnDynalite() throws IOException {
      try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = free.getLocalPort();
      }
      process =
          new ProcessBuilder("node", "scripts/dynalite.js", Integer.toString(port))
              .redirectErrorStream(true)
              .start();
      BufferedReader output =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line = output.readLine();
      if (line == null || !line.contains("listening at")) {
        close();
        throw new IOException("dynalite did not start: " + line);
      }
      // A platform thread: a virtual one blocked reading a pipe holds one of the few carrier
      // threads, and two such stalled every local stack's server in this JVM on two cores.
      Thread.ofPlatform().daemon().start(() -> output.lines().forEach(ignored -> {}));
    }

    String endpoint() {
      return "http://127.0.0.1:" + port;
    }

    DynamoDbClient client() {
      return DynamoDbClient.builder()
          .region(Region.US_EAST_1)
          .endpointOverride(URI.create(endpoint()))
          .credentialsProvider(
              StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
          .httpClient(UrlConnectionHttpClient.create())
          .build();
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
}
