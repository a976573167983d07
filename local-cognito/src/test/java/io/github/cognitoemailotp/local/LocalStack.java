package io.github.cognitoemailotp.local;

import io.github.cognitoemailotp.client.CodePrompt;
import io.github.cognitoemailotp.client.IdTokenVerifier;
import io.github.cognitoemailotp.client.SignInFlow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;

/**
 * The whole local stack for the end-to-end tests, started once for the test run: the SES emulator,
 * the local Cognito built from template.yaml (its functions in their own JVMs), and an admin
 * client. JUnit closes it, and with it every process it started, when the run ends.
 */
final class LocalStack implements AutoCloseable {

  /** Resolves a {@link LocalStack} parameter, starting the stack once per test run. */
  static final class Extension implements BeforeAllCallback, ParameterResolver {
    @Override
    public void beforeAll(ExtensionContext context) {
      shared(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == LocalStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return shared(context);
    }

    private static LocalStack shared(ExtensionContext context) {
      return context
          .getRoot()
          .getStore(ExtensionContext.Namespace.GLOBAL)
          .getOrComputeIfAbsent(LocalStack.class, key -> LocalStack.start(), LocalStack.class);
    }
  }

  static final String PASSWORD = "Corr3ct-horse";
  private static final AtomicInteger USERS = new AtomicInteger();

  final SesEmulator ses;
  final LocalCognito cognito;
  final CognitoIdentityProviderClient admin;
  final CognitoIdentityProviderClient anonymous;

  private LocalStack(SesEmulator ses, LocalCognito cognito) {
    this.ses = ses;
    this.cognito = cognito;
    this.admin = client(true);
    this.anonymous = client(false);
  }

  static LocalStack start() {
    return start(Map.of(), 4);
  }

  private static final AtomicInteger OWN_STACKS = new AtomicInteger();

  /**
   * A stack of its own, for a test that needs other template parameters: {@code parameterOverrides}
   * over the shared stack's, {@code instancesPerFunction} JVMs per function. The test closes it.
   */
  static LocalStack start(Map<String, String> parameterOverrides, int instancesPerFunction) {
    return start(
        parameterOverrides,
        instancesPerFunction,
        Path.of(
            "target",
            parameterOverrides.isEmpty()
                ? "function-logs"
                : "function-logs-" + OWN_STACKS.incrementAndGet()));
  }

  /**
   * The same, with the functions' logs in {@code logDirectory} (for a test that reads them all).
   */
  static LocalStack start(
      Map<String, String> parameterOverrides, int instancesPerFunction, Path logDirectory) {
    SesEmulator ses = null;
    try {
      ses = new SesEmulator();
      Map<String, String> environment = new HashMap<>(System.getenv());
      environment.put("AWS_ENDPOINT_URL_SESV2", ses.url());
      environment.put("AWS_ACCESS_KEY_ID", "local");
      environment.put("AWS_SECRET_ACCESS_KEY", "local");
      MutableClock clock = new MutableClock();
      LocalCognito cognito =
          LocalCognito.start(
              new LocalCognito.Options(
                  Path.of("..", "template.yaml"),
                  parameters(parameterOverrides),
                  "us-east-1",
                  0,
                  environment,
                  clock,
                  Files.createDirectories(logDirectory),
                  instancesPerFunction,
                  instancesPerFunction,
                  // Dozens of JVMs share two cores here; Cognito's 5-second retry is tested on
                  // its own in LambdaTriggerInvokerTest, with a 1-second timeout.
                  15));
      LocalStack stack = new LocalStack(ses, cognito);
      stack.clockHolder = clock;
      return stack;
    } catch (IOException e) {
      if (ses != null) {
        ses.close();
      }
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, String> parameters(Map<String, String> overrides) {
    Map<String, String> parameters = new HashMap<>();
    parameters.put("EmailSender", "no-reply@example.com");
    parameters.put("ResendCooldownSeconds", "0");
    parameters.putAll(overrides);
    return parameters;
  }

  private MutableClock clockHolder;

  /** Where {@code function}'s log goes (every execution environment's lines, in order). */
  static Path functionLogFile(String function) {
    return Path.of("target", "function-logs", function + ".log");
  }

  /** How long {@code function}'s log is now, to read only what comes after. */
  static long functionLogMark(String function) throws IOException {
    Path log = functionLogFile(function);
    return Files.exists(log) ? Files.size(log) : 0;
  }

  /**
   * What {@code function} logged after {@code mark} that holds {@code expected}, waiting up to 5 s
   * for the line to arrive (the runtime writes it a moment after the response); what it did log
   * otherwise, for the assertion's message.
   */
  static String functionLogSince(String function, long mark, String expected)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    String text = "";
    while (System.nanoTime() < deadline) {
      byte[] all = Files.readAllBytes(functionLogFile(function));
      text =
          new String(
              all,
              (int) Math.min(mark, all.length),
              (int) Math.max(0, all.length - mark),
              java.nio.charset.StandardCharsets.UTF_8);
      if (text.contains(expected)) {
        return text;
      }
      Thread.sleep(50);
    }
    return text;
  }

  /** The clock the local Cognito uses for sessions and tokens. */
  MutableClock cognitoClock() {
    return clockHolder;
  }

  private CognitoIdentityProviderClient client(boolean signed) {
    var builder =
        CognitoIdentityProviderClient.builder()
            .region(Region.US_EAST_1)
            .endpointOverride(URI.create(cognito.endpoint()))
            .httpClient(UrlConnectionHttpClient.create());
    builder.credentialsProvider(
        signed
            ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))
            : software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider.create());
    return builder.build();
  }

  /** A new confirmed user with a verified email and {@link #PASSWORD}; returns the address. */
  String newUser() {
    String email = "user" + USERS.incrementAndGet() + "-" + System.nanoTime() + "@example.com";
    admin.adminCreateUser(
        request ->
            request
                .userPoolId(cognito.userPoolId())
                .username(email)
                .userAttributes(
                    AttributeType.builder().name("email").value(email).build(),
                    AttributeType.builder().name("email_verified").value("true").build())
                .messageAction(MessageActionType.SUPPRESS));
    admin.adminSetUserPassword(
        request ->
            request
                .userPoolId(cognito.userPoolId())
                .username(email)
                .password(PASSWORD)
                .permanent(true));
    return email;
  }

  SignInFlow signInFlow(Consumer<String> say) {
    return new SignInFlow(
        anonymous, cognito.userPoolId(), cognito.clientId(), Optional.empty(), say);
  }

  IdTokenVerifier tokenVerifier() {
    return new IdTokenVerifier(
        IdTokenVerifier.issuerFor(cognito.endpoint(), cognito.region(), cognito.userPoolId()),
        cognito.clientId());
  }

  /** Answers each challenge with the newest code emailed to the address. */
  CodePrompt emailedCodes(String email) {
    int[] seen = {ses.emailsTo(email).size()};
    return challenge -> {
      if (challenge.codeSent()) {
        ses.awaitEmail(email, seen[0]);
        seen[0] = ses.emailsTo(email).size();
      }
      return SesEmulator.codeIn(ses.emailsTo(email).getLast());
    };
  }

  @Override
  public void close() {
    admin.close();
    anonymous.close();
    cognito.close();
    ses.close();
  }
}
