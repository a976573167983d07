package io.github.cognitoemailotp.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.cognitoemailotp.local.template.FunctionSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One execution environment of a function: a child JVM running the real Lambda Java runtime
 * interface client (RIC) against a Runtime API that this class serves on 127.0.0.1. It handles one
 * invocation at a time, as a Lambda execution environment does.
 */
final class FunctionInstance implements AutoCloseable {

  private static final String RUNTIME_CLIENT =
      "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
  private static final String JNI_PROPERTY =
      "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Invocation(String id, byte[] payload, long deadlineMillis) {}

  private final FunctionSettings function;
  private final HttpServer server;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final SynchronousQueue<Invocation> pending = new SynchronousQueue<>();
  private final Map<String, CompletableFuture<byte[]>> results =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final CompletableFuture<String> initError = new CompletableFuture<>();
  private final CompletableFuture<Void> ready = new CompletableFuture<>();
  private static final int TELEMETRY_FD = 3;

  private final Process process;
  private final Path workDirectory;
  private final FunctionLog log;
  private final List<Thread> logCopiers = new ArrayList<>();

  FunctionInstance(
      FunctionSettings function,
      Map<String, String> baseEnvironment,
      String region,
      Path logDirectory)
      throws IOException {
    this.function = function;
    this.workDirectory = Files.createTempDirectory("lambda-" + function.logicalId() + "-");
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(threads);
    server.createContext("/2018-06-01/runtime/", this::handle);
    server.start();
    Path jni = copyNativeLibrary(workDirectory);
    List<String> command = new ArrayList<>();
    // The runtime client writes its log frames to a descriptor of their own, as on Lambda: the
    // shell gives the JVM the stdout pipe as descriptor 3 and points stdout at stderr.
    command.add("/bin/sh");
    command.add("-c");
    command.add("exec \"$@\" " + TELEMETRY_FD + ">&1 1>&2");
    command.add("sh");
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:+TieredCompilation");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Xshare:auto");
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-D" + JNI_PROPERTY + "=" + jni);
    // The runtime client opens the descriptor through FileDescriptor's private constructor.
    command.add("--add-opens=java.base/java.io=ALL-UNNAMED");
    command.add("-cp");
    command.add(absoluteClassPath());
    command.add(RUNTIME_CLIENT);
    command.add(function.handler());
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDirectory.toFile());
    Map<String, String> environment = builder.environment();
    environment.clear();
    environment.putAll(baseEnvironment);
    environment.putAll(function.environment());
    environment.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + server.getAddress().getPort());
    environment.put("AWS_LAMBDA_FUNCTION_NAME", function.logicalId());
    environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memorySize()));
    environment.put("AWS_LAMBDA_LOG_FORMAT", function.logFormat());
    environment.put("AWS_REGION", region);
    environment.put("AWS_DEFAULT_REGION", region);
    environment.put("_HANDLER", function.handler());
    environment.put("_LAMBDA_TELEMETRY_LOG_FD", Integer.toString(TELEMETRY_FD));
    environment.putIfAbsent("AWS_ACCESS_KEY_ID", "local");
    environment.putIfAbsent("AWS_SECRET_ACCESS_KEY", "local");
    this.log = new FunctionLog(logDirectory.resolve(function.logicalId() + ".log"));
    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    try {
      this.process = builder.start();
    } catch (IOException e) {
      log.close();
      server.stop(0);
      throw e;
    }
    Process started = process;
    logCopiers.add(
        Thread.ofPlatform().daemon().start(() -> TelemetryLog.copy(started.getInputStream(), log)));
    logCopiers.add(
        Thread.ofPlatform().daemon().start(() -> log.copyLines(started.getErrorStream())));
    process.onExit().thenRun(() -> initError.complete("the function's process exited"));
  }

  /**
   * Runs one invocation; throws TimeoutException when it takes longer than the function's timeout.
   */
  byte[] invoke(byte[] payload)
      throws TriggerFailedException, TimeoutException, InterruptedException {
    long timeoutMillis = function.timeoutSeconds() * 1000L;
    Invocation invocation =
        new Invocation(
            UUID.randomUUID().toString(), payload, System.currentTimeMillis() + timeoutMillis);
    CompletableFuture<byte[]> result = new CompletableFuture<>();
    results.put(invocation.id(), result);
    try {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
      while (!pending.offer(invocation, 50, TimeUnit.MILLISECONDS)) {
        if (initError.isDone()) {
          throw new TriggerFailedException(initError.getNow("the function failed to start"));
        }
        if (System.nanoTime() > deadline) {
          throw new TimeoutException();
        }
      }
      long left = Math.max(1, deadline - System.nanoTime());
      CompletableFuture<Object> outcome = CompletableFuture.anyOf(result, initError);
      Object value = outcome.get(left, TimeUnit.NANOSECONDS);
      if (value instanceof byte[] bytes) {
        return bytes;
      }
      throw new TriggerFailedException(String.valueOf(value));
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      while (cause instanceof java.util.concurrent.CompletionException
          && cause.getCause() != null) {
        cause = cause.getCause();
      }
      throw new TriggerFailedException(cause.getMessage());
    } finally {
      results.remove(invocation.id());
    }
  }

  /** Waits until the runtime client has initialised the handler and asks for work. */
  void awaitReady(long seconds) {
    try {
      CompletableFuture.anyOf(ready, initError).get(seconds, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // A slow or failed start shows at the first invocation.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  boolean alive() {
    return process.isAlive() && !initError.isDone();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (path.endsWith("/invocation/next") && exchange.getRequestMethod().equals("GET")) {
        ready.complete(null);
        Invocation invocation;
        try {
          invocation = pending.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", invocation.id());
        exchange
            .getResponseHeaders()
            .add("Lambda-Runtime-Deadline-Ms", Long.toString(invocation.deadlineMillis()));
        exchange
            .getResponseHeaders()
            .add(
                "Lambda-Runtime-Invoked-Function-Arn",
                "arn:aws:lambda:us-east-1:000000000000:function:" + function.logicalId());
        exchange
            .getResponseHeaders()
            .add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000");
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        send(exchange, 200, invocation.payload());
      } else if (path.endsWith("/response")) {
        complete(path, body, false);
        send(exchange, 202, "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8));
      } else if (path.endsWith("/error") && path.contains("/invocation/")) {
        complete(path, body, true);
        send(exchange, 202, "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8));
      } else if (path.endsWith("/init/error")) {
        initError.complete(errorMessage(body));
        send(exchange, 202, "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8));
      } else {
        send(exchange, 404, "{\"errorMessage\":\"not found\"}".getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  private void complete(String path, byte[] body, boolean error) {
    String[] parts = path.split("/");
    String id = parts[parts.length - 2];
    CompletableFuture<byte[]> result = results.get(id);
    if (result == null) {
      return;
    }
    if (error) {
      result.completeExceptionally(new TriggerFailedException(errorMessage(body)));
    } else {
      result.complete(body);
    }
  }

  private static String errorMessage(byte[] body) {
    try {
      JsonNode error = JSON.readTree(body);
      String message = error.path("errorMessage").asText("");
      return message.isEmpty() ? error.path("errorType").asText("the function failed") : message;
    } catch (IOException e) {
      return "the function failed";
    }
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** This JVM's class path with absolute entries, since the child runs in its own folder. */
  private static String absoluteClassPath() {
    StringBuilder classPath = new StringBuilder();
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      if (!entry.isEmpty()) {
        if (!classPath.isEmpty()) {
          classPath.append(java.io.File.pathSeparator);
        }
        classPath.append(Path.of(entry).toAbsolutePath());
      }
    }
    return classPath.toString();
  }

  /**
   * The RIC unpacks its JNI library to one fixed path in /tmp each time a JVM starts; JVMs starting
   * side by side overwrite it under each other. Each instance gets its own copy.
   */
  private static Path copyNativeLibrary(Path directory) throws IOException {
    String arch =
        System.getProperty("os.arch").contains("aarch64") ? "linux-aarch_64" : "linux-x86_64";
    String resource = "jni/libaws-lambda-jni." + arch + ".so";
    Path target = directory.resolve("libaws-lambda-jni.so");
    try (InputStream in = FunctionInstance.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException(
            "the Lambda runtime interface client's " + resource + " is not on the class path");
      }
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
    return target;
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.stop(0);
    threads.shutdownNow();
    // The process is gone, so each copier reaches the end of its pipe: waiting long enough for a
    // loaded machine keeps every line the function printed (2 s once lost a run's log frames).
    for (Thread copier : logCopiers) {
      try {
        copier.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    log.close();
    try (var files = Files.walk(workDirectory)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
    } catch (IOException e) {
      // A leftover temporary folder is harmless.
    }
  }
}
