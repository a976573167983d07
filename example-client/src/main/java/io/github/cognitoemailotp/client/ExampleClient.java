package io.github.cognitoemailotp.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import io.github.cognitoemailotp.client.device.DeviceStore;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClientBuilder;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;

/**
 * The command line: {@code java -jar example-client.jar --pool-id ... --client-id ... --username
 * ...}.
 */
@Command(
    name = "example-client",
    mixinStandardHelpOptions = true,
    version = "example-client 1.0.0",
    description =
        "Signs in to a Cognito user pool with the password (SRP) and then the code emailed by the"
            + " custom-auth triggers, and verifies the ID token.",
    exitCodeListHeading = "%nExit codes:%n",
    footerHeading = "%n",
    footer = {
      "At the code prompt, type 'resend' to ask for a new code. A user with a temporary password"
          + " (invited with AdminCreateUser) is asked for a new one twice, without echo, and then"
          + " signed in again with it. When standard input is not a terminal, the password"
          + " (without --password), then the new password twice when Cognito asks for one, then"
          + " each code are read one line at a time."
    })
public final class ExampleClient implements Callable<Integer> {

  // Required to sign in, and checked in call(): picocli would otherwise ask for them before the
  // audit subcommand too.
  @Option(names = "--pool-id", description = "User pool id, such as us-east-1_AbCdEf123.")
  String userPoolId;

  @Option(names = "--client-id", description = "App client id.")
  String clientId;

  @Option(names = "--username", description = "The user's name (the email address).")
  String username;

  @Option(
      names = "--password",
      description = "The password; prompted for (without echo) when absent.")
  String password;

  @Option(names = "--code", description = "One code to try, without prompting.")
  String code;

  @Option(names = "--client-secret", description = "The app client's secret, when it has one.")
  String clientSecret;

  @Option(names = "--region", description = "AWS region (default: the pool id's prefix).")
  String region;

  @Option(
      names = "--endpoint-url",
      description =
          "Cognito endpoint (default: $AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER, then"
              + " $AWS_ENDPOINT_URL, then AWS).")
  String endpointUrl;

  @Option(names = "--json", description = "Print the tokens and the verified claims as JSON.")
  boolean json;

  @Option(
      names = "--trust-device",
      description =
          "After the emailed code, trust this device: later sign-ins ask for the password only,"
              + " for as long as the pool's TrustedDeviceDays allows. Its private key stays in"
              + " --device-store.")
  boolean trustDevice;

  @Option(
      names = "--device-store",
      paramLabel = "DIR",
      description =
          "Where this computer keeps its device keys (a 0700 directory of 0600 files); default"
              + " $XDG_CONFIG_HOME/cognito-email-otp/devices or ~/.config/cognito-email-otp/devices.")
  java.nio.file.Path deviceStore;

  @Option(
      names = "--device-name",
      description =
          "The name of this device in the account's device list (default: example-client on <host>).")
  String deviceName;

  @Option(
      names = "--forget-device",
      description =
          "Sign in, ask the pool to forget this device (its proof or the emailed code carries"
              + " forgetDevice), and remove its key from --device-store.")
  boolean forgetDevice;

  @Option(
      names = "--forget-all-devices",
      description =
          "Sign in with the emailed code (never a device key) and ask the pool to forget every"
              + " trusted device of this account, for a lost or stolen one.")
  boolean forgetAllDevices;

  private final Map<String, String> environment;
  private final PrintStream out;
  private final PrintStream err;
  private final BufferedReader stdin;
  private final Console console;

  ExampleClient(
      Map<String, String> environment,
      PrintStream out,
      PrintStream err,
      BufferedReader stdin,
      Console console) {
    this.environment = environment;
    this.out = out;
    this.err = err;
    this.stdin = stdin;
    this.console = console;
  }

  public static void main(String[] args) {
    Console console = System.console();
    ExampleClient client =
        new ExampleClient(
            System.getenv(),
            System.out,
            System.err,
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
            console != null && console.isTerminal() ? console : null);
    System.exit(run(client, args));
  }

  /** Parses the arguments and runs; returns the exit code. */
  static int run(ExampleClient client, String... args) {
    CommandLine commandLine = new CommandLine(client);
    commandLine.addSubcommand(new AuditCommand(client.environment, client.out, client.err));
    commandLine.addSubcommand(new DoctorCommand(client.environment, client.out, client.err));
    commandLine.addSubcommand(new UserCommand(client.environment, client.out, client.err));
    commandLine.getCommandSpec().usageMessage().exitCodeList(ExitCode.helpList());
    commandLine
        .getCommandSpec()
        .exitCodeOnSuccess(ExitCode.SUCCESS.code())
        .exitCodeOnUsageHelp(ExitCode.SUCCESS.code())
        .exitCodeOnVersionHelp(ExitCode.SUCCESS.code())
        .exitCodeOnInvalidInput(ExitCode.USAGE.code())
        .exitCodeOnExecutionException(ExitCode.FAILURE.code());
    commandLine.setOut(new java.io.PrintWriter(client.out, true));
    commandLine.setErr(new java.io.PrintWriter(client.err, true));
    return commandLine.execute(args);
  }

  @Spec CommandSpec spec;

  /** The sign-in's options that must be given, as picocli words their absence. */
  private void requireSignInOptions() {
    java.util.List<String> missing = new java.util.ArrayList<>();
    if (userPoolId == null) {
      missing.add("'--pool-id=<userPoolId>'");
    }
    if (clientId == null) {
      missing.add("'--client-id=<clientId>'");
    }
    if (username == null) {
      missing.add("'--username=<username>'");
    }
    if (!missing.isEmpty()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          (missing.size() == 1 ? "Missing required option: " : "Missing required options: ")
              + String.join(", ", missing));
    }
    if (trustDevice && (forgetDevice || forgetAllDevices)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--trust-device cannot go with --forget-device or --forget-all-devices: choose one.");
    }
    if (forgetDevice && forgetAllDevices) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--forget-device and --forget-all-devices: choose one (all includes this one).");
    }
  }

  @Override
  public Integer call() {
    requireSignInOptions();
    try {
      String resolvedRegion = region != null ? region : regionOf(userPoolId);
      Optional<String> endpoint = endpoint();
      String secret = password != null ? password : readPassword();
      AuthenticationResultType tokens;
      try (CognitoIdentityProviderClient cognito = cognitoClient(resolvedRegion, endpoint)) {
        SignInFlow flow =
            new SignInFlow(
                    cognito, userPoolId, clientId, Optional.ofNullable(clientSecret), err::println)
                .withDevices(
                    new DeviceStore(
                        deviceStore != null
                            ? deviceStore
                            : DeviceStore.defaultDirectory(environment)),
                    trustDevice,
                    deviceName != null && !deviceName.isBlank()
                        ? deviceName.strip()
                        : "example-client on " + hostName())
                .withForget(
                    forgetAllDevices
                        ? SignInFlow.Forget.ALL
                        : forgetDevice ? SignInFlow.Forget.THIS : SignInFlow.Forget.NONE);
        tokens = flow.signIn(username, secret, codePrompt(), newPasswordPrompt());
      }
      IdTokenVerifier verifier =
          new IdTokenVerifier(
              IdTokenVerifier.issuerFor(endpoint.orElse(null), resolvedRegion, userPoolId),
              clientId);
      JWTClaimsSet claims = verifier.verify(tokens.idToken());
      verifier.verifyAccessToken(tokens.accessToken());
      out.println(json ? asJson(tokens, claims) : summary(claims));
      return ExitCode.SUCCESS.code();
    } catch (SignInException e) {
      err.println(e.getMessage());
      return e.exitCode().code();
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return ExitCode.USAGE.code();
    }
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "this computer";
    }
  }

  static String regionOf(String userPoolId) {
    int underscore = userPoolId.indexOf('_');
    if (underscore <= 0) {
      throw new IllegalArgumentException(
          "--pool-id '"
              + userPoolId
              + "' is not a pool id such as us-east-1_AbCdEf123; give --region too");
    }
    return userPoolId.substring(0, underscore);
  }

  Optional<String> endpoint() {
    return endpoint(endpointUrl, environment);
  }

  /** --endpoint-url, else the SDK's environment variables for Cognito; empty for AWS itself. */
  static Optional<String> endpoint(String endpointUrl, Map<String, String> environment) {
    for (String candidate :
        new String[] {
          endpointUrl,
          environment.get("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER"),
          environment.get("AWS_ENDPOINT_URL")
        }) {
      if (candidate != null && !candidate.isBlank()) {
        URI uri = URI.create(candidate.strip());
        if (uri.getScheme() == null || uri.getHost() == null) {
          throw new IllegalArgumentException(
              "The endpoint '" + candidate + "' is not a URL such as http://127.0.0.1:9229");
        }
        return Optional.of(candidate.strip().replaceAll("/+$", ""));
      }
    }
    return Optional.empty();
  }

  static CognitoIdentityProviderClient cognitoClient(String region, Optional<String> endpoint) {
    CognitoIdentityProviderClientBuilder builder =
        CognitoIdentityProviderClient.builder()
            .region(Region.of(region))
            .credentialsProvider(AnonymousCredentialsProvider.create())
            .httpClient(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(5))
                    .socketTimeout(Duration.ofSeconds(30))
                    .build());
    endpoint.ifPresent(url -> builder.endpointOverride(URI.create(url)));
    return builder.build();
  }

  private String readPassword() throws SignInException {
    if (console != null) {
      char[] typed = console.readPassword("Password for %s: ", username);
      if (typed != null) {
        return new String(typed);
      }
    } else {
      String line = readLine();
      if (line != null) {
        return line;
      }
    }
    throw new SignInException(
        ExitCode.USAGE, "No password was given (--password, or one line on standard input).");
  }

  /** The new password for an invited user's first sign-in: without echo on a terminal. */
  private NewPasswordPrompt newPasswordPrompt() {
    if (console != null) {
      return prompt -> {
        char[] typed = console.readPassword("%s", prompt);
        return typed == null ? null : new String(typed);
      };
    }
    return prompt -> readLine();
  }

  private CodePrompt codePrompt() {
    if (code != null) {
      boolean[] used = {false};
      return challenge -> {
        if (used[0]) {
          return null;
        }
        used[0] = true;
        return code;
      };
    }
    if (console != null) {
      return challenge -> console.readLine("Code (or 'resend'): ");
    }
    return challenge -> readLine();
  }

  private String readLine() {
    try {
      return stdin.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String summary(JWTClaimsSet claims) {
    Object email = claims.getClaim("email");
    Date expiry = claims.getExpirationTime();
    return "Signed in as "
        + (email == null ? claims.getClaim("cognito:username") : email)
        + " (subject "
        + claims.getSubject()
        + "). The ID token verified; it expires at "
        + expiry.toInstant()
        + ".";
  }

  private static String asJson(AuthenticationResultType tokens, JWTClaimsSet claims) {
    StringWriter text = new StringWriter();
    try (JsonGenerator generator = new JsonFactory().createGenerator(text)) {
      generator.useDefaultPrettyPrinter();
      generator.writeStartObject();
      generator.writeStringField("idToken", tokens.idToken());
      generator.writeStringField("accessToken", tokens.accessToken());
      generator.writeStringField("refreshToken", tokens.refreshToken());
      generator.writeNumberField("expiresIn", tokens.expiresIn());
      generator.writeStringField("tokenType", tokens.tokenType());
      generator.writeObjectFieldStart("idTokenClaims");
      for (Map.Entry<String, Object> claim : claims.toJSONObject().entrySet()) {
        generator.writeFieldName(claim.getKey());
        writeValue(generator, claim.getValue());
      }
      generator.writeEndObject();
      generator.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  private static void writeValue(JsonGenerator generator, Object value) throws IOException {
    switch (value) {
      case null -> generator.writeNull();
      case String string -> generator.writeString(string);
      case Number number -> generator.writeNumber(number.toString());
      case Boolean bool -> generator.writeBoolean(bool);
      case java.util.Collection<?> list -> {
        generator.writeStartArray();
        for (Object element : list) {
          writeValue(generator, element);
        }
        generator.writeEndArray();
      }
      default -> generator.writeString(String.valueOf(value));
    }
  }
}
