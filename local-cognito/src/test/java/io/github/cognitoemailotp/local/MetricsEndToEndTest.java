package io.github.cognitoemailotp.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cognitoemailotp.client.CodePrompt;
import io.github.cognitoemailotp.client.SignInException;
import io.github.cognitoemailotp.testkit.EmfSpecification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A scripted set of sign-ins through a local stack of its own (one execution environment per
 * function, its own log folder, MetricsNamespace set) produces exactly the expected CloudWatch
 * metrics, read from the functions' logs as CloudWatch would extract them: every metric line is
 * Embedded Metric Format by the specification, and no log holds a code or an address.
 */
class MetricsEndToEndTest {

  static final Path LOGS = Path.of("target", "metrics-function-logs");
  static final String NAMESPACE = "Local/SignIns";
  static final ObjectMapper JSON = new ObjectMapper();
  static LocalStack stack;

  @BeforeAll
  static void startAStackOfItsOwn() throws IOException {
    if (Files.exists(LOGS)) {
      try (Stream<Path> files = Files.walk(LOGS)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }
    stack = LocalStack.start(Map.of("MetricsNamespace", NAMESPACE), 1, LOGS);
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  /** Every JSON object the functions logged (a thrown exception's text between them is skipped). */
  static List<String> decisionLines() throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(LOGS)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int start = text.indexOf("{\"level\":");
        while (start >= 0) {
          try (JsonParser parser = JSON.getFactory().createParser(text.substring(start))) {
            parser.readValueAsTree();
            int end = start + (int) parser.currentLocation().getCharOffset();
            lines.add(text.substring(start, end));
            start = text.indexOf("{\"level\":", end);
          }
        }
      }
    }
    return lines;
  }

  /** The metric totals of every EMF line, each line checked against the specification. */
  static Map<String, Double> metricTotals() throws IOException {
    List<EmfSpecification.Datum> data = new ArrayList<>();
    for (String line : decisionLines()) {
      if (EmfSpecification.isEmf(line)) {
        data.addAll(EmfSpecification.check(line));
      }
    }
    assertThat(data).allSatisfy(datum -> assertThat(datum.namespace()).isEqualTo(NAMESPACE));
    assertThat(data).allSatisfy(datum -> assertThat(datum.unit()).isEqualTo("Count"));
    return EmfSpecification.totals(data);
  }

  static CodePrompt wrongFirst(CodePrompt emailed, int wrongAnswers) {
    int[] answered = {0};
    return challenge -> {
      String right = emailed.nextCode(challenge);
      answered[0]++;
      if (answered[0] <= wrongAnswers) {
        return right.equals("000000") ? "111111" : "000000";
      }
      return right;
    };
  }

  @Test
  void aScriptedSetOfSignInsCountsExactly() throws Exception {
    List<String> secrets = new ArrayList<>();

    // A wrong code, then the right one.
    String first = stack.newUser();
    stack
        .signInFlow(line -> {})
        .signIn(first, LocalStack.PASSWORD, wrongFirst(stack.emailedCodes(first), 1));

    // Three wrong codes: MaxAttempts (3) ends the sign-in.
    String second = stack.newUser();
    assertThat(signInFails(second, LocalStack.PASSWORD, wrongFirst(stack.emailedCodes(second), 3)))
        .isTrue();

    // A resend, then the new code.
    String third = stack.newUser();
    List<String> codes = new ArrayList<>();
    CodePrompt resendFirst =
        challenge -> {
          if (codes.isEmpty()) {
            codes.add(SesEmulator.codeIn(stack.ses.awaitEmail(third, 0)));
            return CodePrompt.RESEND;
          }
          if (codes.size() == 1) {
            codes.add(SesEmulator.codeIn(stack.ses.awaitEmail(third, 1)));
          }
          return codes.getLast();
        };
    stack.signInFlow(line -> {}).signIn(third, LocalStack.PASSWORD, resendFirst);

    // A wrong password: no code at all.
    String fourth = stack.newUser();
    assertThat(signInFails(fourth, "Wr0ng-password", challenge -> "123456")).isTrue();

    Map<String, Double> expected =
        Map.of(
            "CodesSent{}", 4.0,
            "WrongCodes{}", 4.0,
            "ResendsGranted{}", 1.0,
            "SignInsSucceeded{}", 2.0,
            "SignInsFailed{}", 2.0,
            "SignInsFailed{Reason=WrongCodes}", 1.0,
            "SignInsFailed{Reason=WrongPassword}", 1.0,
            // The token gate lets out the two sign-ins' tokens, each on its pass.
            "TokensAllowed{}", 2.0);
    // The runtime writes a line a moment after the response it belongs to.
    long deadline = System.nanoTime() + 10_000_000_000L;
    Map<String, Double> totals = metricTotals();
    while (!totals.equals(expected) && System.nanoTime() < deadline) {
      Thread.sleep(200);
      totals = metricTotals();
    }
    assertThat(totals).isEqualTo(expected);

    for (String email : List.of(first, second, third, fourth)) {
      secrets.add(email);
      for (SesEmulator.Email sent : stack.ses.emailsTo(email)) {
        secrets.add(SesEmulator.codeIn(sent));
      }
    }
    assertThat(secrets).hasSizeGreaterThanOrEqualTo(4 + 4);
    String logs = String.join("\n", allLogText());
    for (String secret : secrets) {
      // A code as a number of its own, not as six digits inside a millisecond timestamp.
      java.util.regex.Pattern alone =
          java.util.regex.Pattern.compile(
              "(?<![0-9])" + java.util.regex.Pattern.quote(secret) + "(?![0-9])",
              java.util.regex.Pattern.CASE_INSENSITIVE);
      assertThat(alone.matcher(logs).find()).as("the logs hold " + secret).isFalse();
    }
  }

  private static boolean signInFails(String email, String password, CodePrompt codes) {
    try {
      stack.signInFlow(line -> {}).signIn(email, password, codes);
      return false;
    } catch (SignInException e) {
      return true;
    }
  }

  private static List<String> allLogText() throws IOException {
    List<String> texts = new ArrayList<>();
    try (Stream<Path> files = Files.list(LOGS)) {
      for (Path file : files.toList()) {
        texts.add(Files.readString(file, StandardCharsets.UTF_8));
      }
    }
    return texts;
  }
}
