package io.github.cognitoemailotp.layer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The cold-start-cheap system clock tells the same time as Clock.systemUTC(). */
class UtcClockTest {

  @Test
  void itTellsTheSystemClocksTime() {
    Instant before = Clock.systemUTC().instant();
    Instant now = UtcClock.INSTANCE.instant();
    long millis = UtcClock.INSTANCE.millis();
    Instant after = Clock.systemUTC().instant();

    assertThat(now).isBetween(before, after);
    assertThat(Instant.ofEpochMilli(millis))
        .isBetween(before.minus(Duration.ofMillis(1)), after.plus(Duration.ofMillis(1)));
  }

  @Test
  void itsZoneIsUtcAndAnotherZoneIsTheSystemClockInIt() {
    assertThat(UtcClock.INSTANCE.getZone()).isEqualTo(ZoneOffset.UTC);
    ZoneId paris = ZoneId.of("Europe/Paris");
    assertThat(UtcClock.INSTANCE.withZone(paris)).isEqualTo(Clock.system(paris));
  }
}
