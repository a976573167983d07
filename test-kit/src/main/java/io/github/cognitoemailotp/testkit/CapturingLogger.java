package io.github.cognitoemailotp.testkit;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A {@link LambdaLogger} that keeps every line, so tests can check what reaches the log. */
public final class CapturingLogger implements LambdaLogger {

  /** One logged line and its level. */
  public record Line(LogLevel level, String message) {}

  private final List<Line> lines = new ArrayList<>();

  @Override
  public synchronized void log(String message) {
    lines.add(new Line(LogLevel.UNDEFINED, message));
  }

  @Override
  public synchronized void log(byte[] message) {
    log(new String(message, StandardCharsets.UTF_8));
  }

  @Override
  public synchronized void log(String message, LogLevel level) {
    lines.add(new Line(level, message));
  }

  public synchronized List<Line> lines() {
    return List.copyOf(lines);
  }

  /** Everything logged, one line per entry. */
  public synchronized String text() {
    StringBuilder text = new StringBuilder();
    lines.forEach(line -> text.append(line.message()).append('\n'));
    return text.toString();
  }
}
