package io.github.cognitoemailotp.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ExitCode} is the one source of the exit codes: the README's table must say the same. */
class ExitCodeTest {

  @Test
  void codesAreDistinct() {
    assertThat(Arrays.stream(ExitCode.values()).map(ExitCode::code)).doesNotHaveDuplicates();
  }

  @Test
  void readmeTableListsEveryCodeWithItsNameAndMeaning() throws IOException {
    List<String> rows = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("README.md"))) {
      if (line.matches("\\| \\d+ \\| `[A-Z_]+` \\| .*\\|")) {
        rows.add(line);
      }
    }
    List<String> expected =
        Arrays.stream(ExitCode.values())
            .map(e -> "| " + e.code() + " | `" + e.name() + "` | " + e.meaning() + " |")
            .toList();
    assertThat(rows).containsExactlyElementsOf(expected);
  }

  @Test
  void helpListsEveryCodeInOrder() {
    assertThat(ExitCode.helpList().keySet())
        .containsExactly(
            Arrays.stream(ExitCode.values())
                .map(e -> Integer.toString(e.code()))
                .toArray(String[]::new));
  }
}
