package io.github.cognitoemailotp.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * local-demo.sh as a newcomer runs it: a wrong parameter or option must show the real reason at
 * once and end with a non-zero status, leaving nothing behind. Runs after package (failsafe), since
 * the script uses local-cognito.jar and example-client.jar.
 */
class LocalDemoScriptIT {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path temporary;

  record Run(int status, String output, Duration took) {}

  private Run localDemo(String... arguments) throws IOException, InterruptedException {
    // Without them the script would start a build of its own.
    assertThat(ROOT.resolve("local-cognito/target/local-cognito.jar")).exists();
    assertThat(ROOT.resolve("example-client/target/example-client.jar")).exists();
    Path output = temporary.resolve("output.txt");
    Path tmp = Files.createDirectories(temporary.resolve("tmp"));
    ProcessBuilder builder =
        new ProcessBuilder(
                concat(List.of("bash", ROOT.resolve("local-demo.sh").toString()), arguments))
            .directory(ROOT.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().put("TMPDIR", tmp.toString());
    long start = System.nanoTime();
    Process process = builder.start();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new AssertionError(
          "local-demo.sh still running after 90 s:\n" + Files.readString(output));
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    try (var left = Files.list(tmp)) {
      assertThat(left.toList()).as("what local-demo.sh left in TMPDIR").isEmpty();
    }
    return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8), took);
  }

  private static List<String> concat(List<String> head, String... tail) {
    List<String> all = new java.util.ArrayList<>(head);
    all.addAll(List.of(tail));
    return all;
  }

  @Test
  void parameterOutOfRangeShowsLocalCognitosOwnErrorAndExitsAtOnce() throws Exception {
    Run run = localDemo("CodeLength=99");

    assertThat(run.output())
        .contains("local-cognito: parameter CodeLength is 99; its MaxValue is 10");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.took()).isLessThan(Duration.ofSeconds(25));
  }

  @Test
  void unknownOptionIsRefusedBeforeAnythingStarts() throws Exception {
    Run run = localDemo("--keep-log");

    assertThat(run.output()).startsWith("local-demo: unknown option --keep-log").contains("usage:");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.took()).isLessThan(Duration.ofSeconds(5));
  }
}
