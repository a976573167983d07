package io.github.cognitoemailotp.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cognitoemailotp.client.CodePrompt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 1,000 sign-ins of distinct users, 50 in flight, through the whole local stack. Every one
 * succeeds, every user gets one email (the same email twice when the SDK retried a late answer,
 * never a second code) with a code no other user got, and a code tried for another user is refused.
 * Throughput and latency go to target/load-report.txt (docs/performance.md quotes them); they
 * describe this machine, they are not asserted.
 */
@ExtendWith(LocalStack.Extension.class)
class LoadTest {

  private static final int SIGN_INS = 1_000;
  private static final int IN_FLIGHT = 50;

  @Test
  void thousandSignInsFiftyAtATime(LocalStack stack) throws Exception {
    List<String> emails = new ArrayList<>();
    for (int i = 0; i < SIGN_INS; i++) {
      emails.add(stack.newUser());
    }
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    List<String> refusedForeignCodes = Collections.synchronizedList(new ArrayList<>());
    List<Callable<String>> signIns = new ArrayList<>();
    for (int i = 0; i < SIGN_INS; i++) {
      String email = emails.get(i);
      String neighbour = emails.get(i == 0 ? 1 : i - 1);
      boolean tryForeignCode = i % 10 == 0;
      signIns.add(
          () -> {
            CodePrompt own = stack.emailedCodes(email);
            List<String> said = new ArrayList<>();
            CodePrompt prompt =
                challenge -> {
                  String code = own.nextCode(challenge);
                  List<SesEmulator.Email> theirs = stack.ses.emailsTo(neighbour);
                  if (tryForeignCode
                      && said.stream().noneMatch("foreign"::equals)
                      && !theirs.isEmpty()) {
                    String foreign = SesEmulator.codeIn(theirs.getLast());
                    if (!foreign.equals(code)) {
                      said.add("foreign");
                      return foreign;
                    }
                  }
                  return code;
                };
            long started = System.nanoTime();
            String token =
                stack.signInFlow(said::add).signIn(email, LocalStack.PASSWORD, prompt).idToken();
            latencies.add(System.nanoTime() - started);
            if (said.contains("foreign")) {
              assertThat(said)
                  .as("another user's code was refused")
                  .contains("That code was not right.");
              refusedForeignCodes.add(email);
            }
            return token;
          });
    }
    long started = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(IN_FLIGHT)) {
      List<Future<String>> results = pool.invokeAll(signIns);
      for (Future<String> result : results) {
        assertThat(result.get()).isNotBlank();
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;

    Set<String> codes = new HashSet<>();
    for (String email : emails) {
      List<SesEmulator.Email> received = stack.ses.emailsTo(email);
      // One email; two only when SES answered too late and the SDK sent the same email again.
      assertThat(received).as(email).hasSizeBetween(1, 2);
      assertThat(received.stream().map(SesEmulator::codeIn).distinct()).as(email).hasSize(1);
      codes.add(SesEmulator.codeIn(received.getFirst()));
    }
    // Codes are independent and uniform, so 1,000 of them from a million values repeat about 0.5
    // times on average (birthday bound, Poisson(0.5)); 9 or more repeats has a chance of about
    // 1e-9 and would mean the codes are not independent. Each user's own code is what Verify
    // accepted for that user, and a neighbour's code was refused above.
    assertThat(SIGN_INS - codes.size()).isLessThanOrEqualTo(8);
    assertThat(refusedForeignCodes).isNotEmpty();

    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    String report =
        String.format(
            Locale.ROOT,
            "sign-ins %d, in flight %d, wall %.1f s, throughput %.1f sign-ins/s, latency p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
            SIGN_INS,
            IN_FLIGHT,
            seconds,
            SIGN_INS / seconds,
            sorted.get(sorted.size() / 2) / 1e6,
            sorted.get((int) (sorted.size() * 0.99)) / 1e6,
            sorted.getLast() / 1e6);
    Files.writeString(Path.of("target", "load-report.txt"), report);
    System.out.print("load: " + report);
  }
}
