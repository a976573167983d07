package io.github.cognitoemailotp.local;

import io.github.cognitoemailotp.local.cognito.CognitoMessage;
import io.github.cognitoemailotp.local.cognito.CognitoServer;
import io.github.cognitoemailotp.local.cognito.CognitoService;
import io.github.cognitoemailotp.local.dynamodb.LocalDynamoDb;
import io.github.cognitoemailotp.local.lambda.LambdaTriggerInvoker;
import io.github.cognitoemailotp.local.template.StackTemplate;
import io.github.cognitoemailotp.local.template.TemplateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A local Cognito user pool built from template.yaml: the Cognito API on 127.0.0.1, the template's
 * trigger functions run through the Lambda runtime client, email through whatever SES endpoint
 * {@code AWS_ENDPOINT_URL_SESV2} names, the budgets in the DynamoDB {@code
 * AWS_ENDPOINT_URL_DYNAMODB} names or, when it is unset, in dynalite started here ({@link
 * LocalDynamoDb}).
 *
 * <pre>java -jar local-cognito.jar [--port 0] [--template template.yaml] [--region us-east-1]
 *     [--parameter-overrides EmailSender=no-reply@example.com CodeLength=6 ...]</pre>
 *
 * On start it prints one JSON line to stdout with the endpoint, region, pool id and ARN, client id
 * and the pool's LambdaConfig; everything else goes to stderr.
 *
 * <p>With {@code --parameter-overrides
 * ExistingUserPoolArn=arn:aws:cognito-idp:<region>:<account>:userpool/<id>} it serves that pool as
 * if it had been made elsewhere with Cognito's defaults (no app client, no triggers, username not
 * an email, the default password policy, self sign-up open), then applies what the stack adds: its
 * app client from template.yaml and the functions, wired into the pool's LambdaConfig from the
 * stack's outputs, as docs/existing-pool.md tells the pool's owner to do.
 */
public final class LocalCognito implements AutoCloseable {

  /** The app client's id; Cognito's are 26 lowercase letters and digits. */
  public static final String CLIENT_ID = "7lc0localcognitoclient0001";

  /**
   * What to start.
   *
   * @param template the SAM template
   * @param parameterOverrides as {@code sam deploy --parameter-overrides}
   * @param region the region of the pool and functions
   * @param port the port, 0 for any free one
   * @param environment what the functions inherit (AWS_ENDPOINT_URL_SESV2, credentials, ...)
   * @param clock the clock of sessions and tokens
   * @param logDirectory where the functions' logs go
   * @param maxInstancesPerFunction the most execution environments per function
   * @param warmInstancesPerFunction environments started, and waited for, before serving
   * @param triggerTimeoutSeconds how long Cognito waits for a function before retrying it; 0 takes
   *     the template's Timeout (5 s, Cognito's own wait). Tests that run dozens of JVMs on two
   *     cores raise it, so that CPU starvation on the test machine is not mistaken for a slow
   *     function.
   */
  public record Options(
      Path template,
      Map<String, String> parameterOverrides,
      String region,
      int port,
      Map<String, String> environment,
      Clock clock,
      Path logDirectory,
      int maxInstancesPerFunction,
      int warmInstancesPerFunction,
      int triggerTimeoutSeconds,
      PoolSetup beforeAttach) {

    /** Options with nothing done to the pool before the stack is attached. */
    public Options(
        Path template,
        Map<String, String> parameterOverrides,
        String region,
        int port,
        Map<String, String> environment,
        Clock clock,
        Path logDirectory,
        int maxInstancesPerFunction,
        int warmInstancesPerFunction,
        int triggerTimeoutSeconds) {
      this(
          template,
          parameterOverrides,
          region,
          port,
          environment,
          clock,
          logDirectory,
          maxInstancesPerFunction,
          warmInstancesPerFunction,
          triggerTimeoutSeconds,
          pool -> {});
    }
  }

  /**
   * What happens to an existing pool (ExistingUserPoolArn) while it is served and before the stack
   * is attached, such as creating the users and legacy app clients it already had.
   */
  @FunctionalInterface
  public interface PoolSetup {
    void prepare(LocalCognito pool) throws IOException;
  }

  private static final String STACK_NAME = CognitoService.STACK_NAME;

  private final LambdaTriggerInvoker triggers;
  private final CognitoService service;
  private final CognitoServer server;
  private final String region;
  private final String userPoolId;
  private final String userPoolArn;
  private final boolean existingPool;
  private final Map<String, String> lambdaConfig;
  private LocalDynamoDb dynamo;

  private LocalCognito(
      LambdaTriggerInvoker triggers,
      CognitoService service,
      CognitoServer server,
      String region,
      String userPoolId,
      String userPoolArn,
      boolean existingPool,
      Map<String, String> lambdaConfig) {
    this.triggers = triggers;
    this.service = service;
    this.server = server;
    this.region = region;
    this.userPoolId = userPoolId;
    this.userPoolArn = userPoolArn;
    this.existingPool = existingPool;
    this.lambdaConfig = lambdaConfig;
  }

  /** Reads the template, starts the functions and the server. */
  public static LocalCognito start(Options options) throws IOException {
    StackTemplate stack =
        StackTemplate.load(options.template(), options.parameterOverrides(), options.region());
    String existingArn = stack.existingUserPoolArn();
    String userPoolId;
    String account;
    if (existingArn.isEmpty()) {
      userPoolId = options.region() + "_LocalPool1";
      account = CognitoService.LOCAL_ACCOUNT;
    } else {
      // arn:aws:cognito-idp:<region>:<account>:userpool/<id>, checked by the parameter's pattern.
      String[] parts = existingArn.split(":", 6);
      if (!parts[3].equals(options.region())) {
        throw new TemplateException(
            "ExistingUserPoolArn names a pool in "
                + parts[3]
                + "; the stack's functions must be in the pool's region: pass --region "
                + parts[3]);
      }
      account = parts[4];
      userPoolId = parts[5].substring("userpool/".length());
    }
    String userPoolArn =
        existingArn.isEmpty()
            ? "arn:aws:cognito-idp:" + options.region() + ":" + account + ":userpool/" + userPoolId
            : existingArn;
    Map<String, String> lambdaConfig =
        CognitoService.lambdaConfig(stack, options.region(), account);
    Files.createDirectories(options.logDirectory());
    // The template's tables, in the DynamoDB that AWS_ENDPOINT_URL_DYNAMODB names or in dynalite
    // started here; the functions reach it through the same variable, as they reach SES.
    LocalDynamoDb dynamo =
        LocalDynamoDb.start(
            options.template(),
            options.environment(),
            StackTemplate.resourcesNotCreated(
                options.template(), options.parameterOverrides(), options.region()));
    Map<String, String> functionEnvironment = new java.util.HashMap<>(options.environment());
    functionEnvironment.put(LocalDynamoDb.ENDPOINT_VARIABLE, dynamo.endpoint());
    LambdaTriggerInvoker triggers;
    try {
      triggers =
          new LambdaTriggerInvoker(
              stack,
              functionEnvironment,
              options.region(),
              options.logDirectory(),
              options.maxInstancesPerFunction());
    } catch (RuntimeException e) {
      dynamo.close();
      throw e;
    }
    try {
      triggers.warmUp(options.warmInstancesPerFunction());
      CognitoServer[] server = new CognitoServer[1];
      int port = options.port();
      // The issuer names the endpoint, which is only known once the port is bound.
      java.net.ServerSocket probe = null;
      if (port == 0) {
        probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        port = probe.getLocalPort();
        probe.close();
      }
      String endpoint = "http://127.0.0.1:" + port;
      CognitoService service =
          new CognitoService(
              stack,
              triggers,
              options.clock(),
              options.region(),
              userPoolId,
              CLIENT_ID,
              endpoint + "/" + userPoolId,
              userPoolArn);
      server[0] = new CognitoServer(service, userPoolId, port);
      LocalCognito local =
          new LocalCognito(
              triggers,
              service,
              server[0],
              options.region(),
              userPoolId,
              userPoolArn,
              !existingArn.isEmpty(),
              lambdaConfig);
      local.dynamo = dynamo;
      try {
        if (!existingArn.isEmpty()) {
          options.beforeAttach().prepare(local);
        }
        service.attachStack(stack, CLIENT_ID, STACK_NAME + "-client", lambdaConfig);
      } catch (IOException | RuntimeException e) {
        server[0].close();
        throw e;
      }
      return local;
    } catch (IOException | RuntimeException e) {
      triggers.close();
      dynamo.close();
      throw e;
    }
  }

  /** The stack's DynamoDB (dynalite started here, or the one AWS_ENDPOINT_URL_DYNAMODB names). */
  public LocalDynamoDb dynamoDb() {
    return dynamo;
  }

  public String endpoint() {
    return "http://127.0.0.1:" + server.port();
  }

  public String region() {
    return region;
  }

  public String userPoolId() {
    return userPoolId;
  }

  public String clientId() {
    return CLIENT_ID;
  }

  /** What Cognito itself would have emailed to the address (confirmation codes), oldest first. */
  public List<CognitoMessage> cognitoMessagesTo(String address) {
    return service.messagesTo(address);
  }

  public String userPoolArn() {
    return userPoolArn;
  }

  /** The pool's LambdaConfig: trigger name to the ARN of the stack's function (its alias). */
  public Map<String, String> lambdaConfig() {
    return lambdaConfig;
  }

  /** The line printed on start. */
  public String describe() {
    com.fasterxml.jackson.databind.node.ObjectNode line =
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    line.put("endpoint", endpoint());
    line.put("region", region);
    line.put("userPoolId", userPoolId);
    line.put("userPoolClientId", CLIENT_ID);
    line.put("userPoolArn", userPoolArn);
    line.put("existingUserPool", existingPool);
    com.fasterxml.jackson.databind.node.ObjectNode config = line.putObject("lambdaConfig");
    lambdaConfig.forEach(config::put);
    return line.toString();
  }

  @Override
  public void close() {
    server.close();
    triggers.close();
    if (dynamo != null) {
      dynamo.close();
    }
  }

  public static void main(String[] args) {
    Path template = Path.of("template.yaml");
    String region = "us-east-1";
    int port = 0;
    List<String> overrides = new ArrayList<>();
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--template" -> template = Path.of(value(args, ++i, "--template"));
          case "--region" -> region = value(args, ++i, "--region");
          case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
          case "--parameter-overrides" -> {
            while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
              overrides.add(args[++i]);
            }
          }
          case "--help", "-h" -> {
            System.out.println(USAGE);
            return;
          }
          default -> throw new IllegalArgumentException("unknown argument " + args[i]);
        }
      }
    } catch (IllegalArgumentException e) {
      System.err.println("local-cognito: " + e.getMessage() + "\n" + USAGE);
      System.exit(2);
      return;
    }
    try {
      Path logs = Files.createTempDirectory("local-cognito-logs-");
      LocalCognito local =
          start(
              new Options(
                  template,
                  StackTemplate.parseOverrides(overrides),
                  region,
                  port,
                  System.getenv(),
                  Clock.systemUTC(),
                  logs,
                  4,
                  1,
                  0));
      Runtime.getRuntime().addShutdownHook(new Thread(local::close));
      System.err.println("local-cognito: the functions' logs in " + logs);
      System.out.println(local.describe());
      System.out.flush();
      System.err.println("local-cognito: serving " + local.endpoint() + " (Ctrl-C to stop)");
    } catch (TemplateException e) {
      System.err.println("local-cognito: " + e.getMessage());
      System.exit(2);
    } catch (IOException e) {
      System.err.println("local-cognito: " + e.getMessage());
      System.exit(1);
    }
  }

  private static String value(String[] args, int index, String option) {
    if (index >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[index];
  }

  private static final String USAGE =
      "usage: java -jar local-cognito.jar [--port N] [--template template.yaml] [--region us-east-1]"
          + " [--parameter-overrides Name=value ...]";
}
