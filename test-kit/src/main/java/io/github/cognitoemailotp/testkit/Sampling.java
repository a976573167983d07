package io.github.cognitoemailotp.testkit;

import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Property checks on JUnit 5: draw many samples from a seeded generator and check a rule on each. A
 * failure names the seed, the try and the sample, so it can be replayed with {@code
 * -Dsampling.seed=<seed>}. (We write our own instead of using jqwik: its 1.10 releases ask AI
 * agents, who write much of this project, not to use it.)
 */
public final class Sampling {

  private Sampling() {}

  /** The seed of this run: {@code -Dsampling.seed} when given, otherwise new each run. */
  public static long seed() {
    String given = System.getProperty("sampling.seed", "");
    return given.isEmpty() ? System.nanoTime() : Long.parseLong(given);
  }

  /**
   * Checks {@code rule} on {@code tries} samples drawn by {@code generator} ({@code
   * -Dsampling.scale} scales the count, e.g. down under mutation testing).
   */
  public static <T> void check(int tries, Function<Random, T> generator, Consumer<T> rule) {
    long seed = seed();
    Random random = new Random(seed);
    int scaled =
        Math.max(1, (int) (tries * Double.parseDouble(System.getProperty("sampling.scale", "1"))));
    for (int i = 0; i < scaled; i++) {
      T sample = generator.apply(random);
      try {
        rule.accept(sample);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(
            "rule broken on try "
                + i
                + " of seed "
                + seed
                + " (-Dsampling.seed="
                + seed
                + ")"
                + " for sample "
                + sample,
            e);
      }
    }
  }

  /** One of the values, uniformly. */
  @SafeVarargs
  public static <T> T oneOf(Random random, T... values) {
    return values[random.nextInt(values.length)];
  }

  /** One of the values, uniformly. */
  public static <T> T oneOf(Random random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** A string of up to {@code maxLength} characters from the whole of Unicode's BMP, often odd. */
  public static String anyString(Random random, int maxLength) {
    int length = random.nextInt(maxLength + 1);
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(
          switch (random.nextInt(4)) {
            case 0 -> (char) ('a' + random.nextInt(26));
            case 1 -> (char) ('0' + random.nextInt(10));
            case 2 -> (char) random.nextInt(0x80);
            default -> (char) random.nextInt(0xD800);
          });
    }
    return text.toString();
  }

  /** {@code length} decimal digits. */
  public static String digits(Random random, int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append((char) ('0' + random.nextInt(10)));
    }
    return text.toString();
  }
}
