package io.github.cognitoemailotp.testkit;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@link LambdaLogger} that keeps every line, so tests can check what reaches the log. */
public final class CapturingLogger implements LambdaLogger {

  /**
   * One logged line and its level: the level it was logged at, or, for a line logged without one,
   * the {@code "level"} field of the JSON line (the triggers write their level there, since the
   * functions log in Lambda's Text format), or {@code UNDEFINED}.
   */
  public record Line(LogLevel level, String message) {}

  private static final Pattern LEVEL_FIELD = Pattern.compile("^\\{\"level\":\"([A-Z]+)\"");

  private final List<Line> lines = new ArrayList<>();

  @Override
  public synchronized void log(String message) {
    Matcher level = LEVEL_FIELD.matcher(message);
    lines.add(
        new Line(level.find() ? LogLevel.valueOf(level.group(1)) : LogLevel.UNDEFINED, message));
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
