package io.github.cognitoemailotp.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cognitoemailotp.layer.lock.LockNotice;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The lock notice's sender is built on the first notice, once, and every notice goes through it.
 */
class LazyLockNoticesTest {

  @Test
  void nothingIsBuiltBeforeTheFirstNoticeAndOnlyOnceAfter() {
    AtomicInteger built = new AtomicInteger();
    List<LockNotice> sent = new ArrayList<>();
    LazyLockNotices notices =
        new LazyLockNotices(
            () -> {
              built.incrementAndGet();
              return sent::add;
            });
    assertThat(built).hasValue(0);
    LockNotice first = new LockNotice("a@example.com", 10, true, "");
    LockNotice second = new LockNotice("b@example.com", 10, false, "ja");
    notices.send(first);
    notices.send(second);
    assertThat(built).hasValue(1);
    assertThat(sent).containsExactly(first, second);
  }
}
