package io.github.cognitoemailotp.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a test class's {@code main} in a JVM of its own, on the test's class path, with exactly the
 * environment given: for what a handler does at init from the real environment (its no-argument
 * constructor reads {@code System.getenv()}), as a Lambda cold start runs it.
 */
public final class ChildJvm {

  private ChildJvm() {}

  /**
   * Runs {@code mainClass} with {@code environment} and returns what it printed (standard output
   * and error together).
   *
   * @throws AssertionError when it does not end within a minute or ends with a non-zero status
   */
  public static String run(Class<?> mainClass, Map<String, String> environment)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                mainClass.getName()));
    builder.environment().clear();
    builder.environment().putAll(environment);
    builder.redirectErrorStream(true);
    builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(mainClass.getSimpleName() + " did not end within a minute");
    }
    if (process.exitValue() != 0) {
      throw new AssertionError(
          mainClass.getSimpleName() + " ended with " + process.exitValue() + ":\n" + output);
    }
    return output;
  }
}
