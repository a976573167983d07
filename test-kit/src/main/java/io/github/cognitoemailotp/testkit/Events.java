package io.github.cognitoemailotp.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads event JSON from test resources as the bytes Lambda hands a stream handler. */
public final class Events {

  private Events() {}

  /** The bytes of {@code /events/<name>} on the test class path. */
  public static byte[] load(String name) {
    try (InputStream in = Events.class.getResourceAsStream("/events/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test event /events/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
