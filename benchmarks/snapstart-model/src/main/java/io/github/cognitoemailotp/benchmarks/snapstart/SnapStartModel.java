package io.github.cognitoemailotp.benchmarks.snapstart;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One function through SnapStart's phases in one JVM: init (the handler's constructor, as Lambda
 * runs it when publishing a version), the CRaC hooks ({@code beforeCheckpoint}, where the function
 * primes itself, then {@code afterRestore}), and then the first invocation, timed alone: what a
 * user waits for after a restore, less the restore itself. The hooks run through {@code org.crac},
 * which binds by name to this benchmark's small {@code javax.crac}.
 *
 * <p>Prints one line of JSON: each phase in milliseconds and the response's length; with a third
 * argument, writes the response there (after the timing) for the caller to check. The handler's own
 * log lines go to standard error, as Lambda's Text format would write them.
 *
 * <p>usage: java -cp FUNCTION_CLASS_PATH:MODEL_JAR ...SnapStartModel HANDLER_CLASS EVENT_FILE
 * [RESPONSE_FILE]
 */
public final class SnapStartModel {

  private SnapStartModel() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2 && args.length != 3) {
      System.err.println("usage: SnapStartModel HANDLER_CLASS EVENT_FILE [RESPONSE_FILE]");
      System.exit(2);
    }
    byte[] event = Files.readAllBytes(Path.of(args[1]));
    PrintStream results = System.out;
    // What the function prints (the priming line included) goes where Lambda's log would.
    System.setOut(System.err);

    long started = System.nanoTime();
    RequestStreamHandler handler =
        (RequestStreamHandler) Class.forName(args[0]).getDeclaredConstructor().newInstance();
    long initialised = System.nanoTime();
    javax.crac.Core.checkpointRestore();
    long restored = System.nanoTime();
    ByteArrayOutputStream response = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(event), response, new ModelContext());
    long answered = System.nanoTime();
    if (args.length == 3) {
      Files.write(Path.of(args[2]), response.toByteArray());
    }

    results.println(
        "{\"init_ms\":"
            + millis(initialised - started)
            + ",\"hooks_ms\":"
            + millis(restored - initialised)
            + ",\"first_invocation_ms\":"
            + millis(answered - restored)
            + ",\"response_bytes\":"
            + response.size()
            + "}");
  }

  private static String millis(long nanos) {
    return String.format(java.util.Locale.ROOT, "%.3f", nanos / 1e6);
  }

  /** The invocation's context; its logger writes lines as Lambda's Text format does. */
  private static final class ModelContext implements Context {
    private final LambdaLogger logger =
        new LambdaLogger() {
          @Override
          public void log(String message) {
            System.err.println(message);
          }

          @Override
          public void log(byte[] message) {
            System.err.println(new String(message, StandardCharsets.UTF_8));
          }

          @Override
          public void log(String message, LogLevel level) {
            System.err.println("[" + level + "] " + message);
          }
        };

    @Override
    public String getAwsRequestId() {
      return "snapstart-model";
    }

    @Override
    public String getLogGroupName() {
      return "/aws/lambda/snapstart-model";
    }

    @Override
    public String getLogStreamName() {
      return "snapstart-model";
    }

    @Override
    public String getFunctionName() {
      return System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "snapstart-model");
    }

    @Override
    public String getFunctionVersion() {
      return "1";
    }

    @Override
    public String getInvokedFunctionArn() {
      return "arn:aws:lambda:us-east-1:000000000000:function:" + getFunctionName() + ":live";
    }

    @Override
    public CognitoIdentity getIdentity() {
      return null;
    }

    @Override
    public ClientContext getClientContext() {
      return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
      return 5000;
    }

    @Override
    public int getMemoryLimitInMB() {
      return Integer.parseInt(
          System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024"));
    }

    @Override
    public LambdaLogger getLogger() {
      return logger;
    }
  }
}
