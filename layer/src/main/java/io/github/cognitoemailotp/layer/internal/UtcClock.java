package io.github.cognitoemailotp.layer.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock in UTC, as {@link Clock#systemUTC()} gives it, without what that costs a cold
 * start: {@code Clock.systemUTC()} initialises {@link ZoneOffset} and its caches (about 2 ms on the
 * first call, docs/performance.md), though the triggers only ever ask for {@link #instant()}. Here
 * the zone is made only if someone asks for it.
 */
public final class UtcClock extends Clock {

  /** The one instance: it holds nothing. */
  public static final Clock INSTANCE = new UtcClock();

  private UtcClock() {}

  @Override
  public Instant instant() {
    return Instant.now();
  }

  @Override
  public long millis() {
    return System.currentTimeMillis();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return Clock.system(zone);
  }

  @Override
  public String toString() {
    return "UtcClock";
  }
}
