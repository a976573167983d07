package io.github.cognitoemailotp.testkit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.crac.Core;
import javax.crac.Resource;

/**
 * What a function registered for SnapStart, and a checkpoint run on it, for tests: {@code org.crac}
 * binds to test-kit's {@code javax.crac} (the test JVM has no CRaC of its own), whose global
 * context records each registration.
 */
public final class CracCheckpoint {

  private CracCheckpoint() {}

  /** The resources registered since the last call (forgotten now); call it first to start clean. */
  public static List<Resource> takeRegistered() {
    return Core.takeRegistered();
  }

  /**
   * Runs {@code registered}'s {@code beforeCheckpoint} and {@code afterRestore} as a checkpoint
   * would, and returns what it printed to standard output (where the priming line goes).
   */
  public static String printedBy(Resource registered) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      registered.beforeCheckpoint(Core.getGlobalContext());
      registered.afterRestore(Core.getGlobalContext());
    } finally {
      System.setOut(original);
    }
    return printed.toString(StandardCharsets.UTF_8);
  }
}
