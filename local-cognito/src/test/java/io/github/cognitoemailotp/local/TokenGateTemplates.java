package io.github.cognitoemailotp.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * template.yaml as it is, and with the token gate unwired: the pool's {@code LambdaConfig} {@code
 * PreTokenGeneration} line and the {@code PreTokenGenerationArn} output (which an existing pool's
 * owner copies into its LambdaConfig) removed, everything else as written. The end-to-end tests run
 * the second to show the bypasses the gate closes, so that a test passing with the gate proves the
 * gate holds and not that the emulator is kind.
 */
final class TokenGateTemplates {

  static final Path TEMPLATE = Path.of("..", "template.yaml");

  private TokenGateTemplates() {}

  /** Whether template.yaml wires a Pre Token Generation trigger. */
  static boolean templateHasTokenGate() throws IOException {
    return Files.readString(TEMPLATE).contains("PreTokenGeneration:");
  }

  /** A copy of template.yaml without the gate's wiring, in target/. */
  static Path withoutTokenGate() throws IOException {
    String without =
        Files.readString(TEMPLATE)
            .replaceAll("(?m)^ +PreTokenGeneration: .*\\n", "")
            .replaceAll("(?m)^  PreTokenGenerationArn:\\n(?: {4}.*\\n)+", "");
    assertThat(without)
        .doesNotContain("PreTokenGeneration:")
        .doesNotContain("PreTokenGenerationArn");
    Path copy = Path.of("target", "template-without-token-gate.yaml");
    Files.createDirectories(copy.getParent());
    Files.writeString(copy, without);
    return copy;
  }
}
