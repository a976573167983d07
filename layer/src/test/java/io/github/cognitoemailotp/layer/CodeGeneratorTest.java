package io.github.cognitoemailotp.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The production code generator: shape and uniformity. */
class CodeGeneratorTest {

  private final CodeGenerator codes = CodeGenerator.secureRandom();

  @Test
  void everyLengthGivesThatManyDigits() {
    for (int length = 4; length <= 10; length++) {
      for (int i = 0; i < 2_000; i++) {
        assertThat(codes.next(length)).hasSize(length).containsOnlyDigits();
      }
    }
  }

  @Test
  void smallValuesAreZeroPadded() {
    boolean sawLeadingZero = false;
    for (int i = 0; i < 5_000 && !sawLeadingZero; i++) {
      String code = codes.next(4);
      assertThat(code).hasSize(4);
      sawLeadingZero = code.charAt(0) == '0';
    }
    assertThat(sawLeadingZero).as("about one code in ten starts with 0").isTrue();
  }

  /**
   * Chi-square test of each digit position over 100,000 six-digit codes: 9 degrees of freedom per
   * position; 37.0 is the critical value for p = 1e-5 (about 1 false alarm in 100,000 runs per
   * position). A modulo-biased or low-entropy generator fails it at once.
   */
  @Test
  void digitsAreUniformInEveryPosition() {
    int samples = 100_000;
    int[][] counts = new int[6][10];
    for (int i = 0; i < samples; i++) {
      String code = codes.next(6);
      for (int position = 0; position < 6; position++) {
        counts[position][code.charAt(position) - '0']++;
      }
    }
    double expected = samples / 10.0;
    for (int position = 0; position < 6; position++) {
      double chiSquare = 0;
      for (int digit = 0; digit < 10; digit++) {
        double difference = counts[position][digit] - expected;
        chiSquare += difference * difference / expected;
      }
      assertThat(chiSquare).as("chi-square of position %d", position).isLessThan(37.0);
    }
  }

  /**
   * Over all 10,000 four-digit values: 200,000 draws, 9,999 degrees of freedom; the statistic's
   * standard deviation is about 141, so 10,999 + 6 sigma bounds it far from a false alarm.
   */
  @Test
  void wholeCodesAreUniformOverAllValues() {
    int samples = 200_000;
    int[] counts = new int[10_000];
    for (int i = 0; i < samples; i++) {
      counts[Integer.parseInt(codes.next(4))]++;
    }
    double expected = samples / 10_000.0;
    double chiSquare = 0;
    for (int count : counts) {
      chiSquare += (count - expected) * (count - expected) / expected;
    }
    assertThat(chiSquare).isLessThan(9_999 + 6 * Math.sqrt(2 * 9_999));
  }

  @Test
  void codesDoNotRepeatLikeAFixedSeedWould() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      seen.add(codes.next(10));
    }
    assertThat(seen).hasSizeGreaterThan(995);
  }
}
