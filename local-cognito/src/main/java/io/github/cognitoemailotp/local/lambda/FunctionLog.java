package io.github.cognitoemailotp.local.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A function's log file, written one whole record per line as Lambda's log collector keeps them:
 * the runtime client's log frames (read from their own descriptor by {@link TelemetryLog}) and,
 * apart from them, whatever else the process prints on stdout or stderr, a line at a time. Each
 * record is one append, so execution environments of one function sharing the file never split each
 * other's lines.
 */
final class FunctionLog implements AutoCloseable {

  private final OutputStream file;

  FunctionLog(Path logFile) throws IOException {
    this.file =
        Files.newOutputStream(logFile, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** Appends {@code message} as one line (a newline is added when it has none). */
  synchronized void record(byte[] message, int length) {
    byte[] line = new byte[length + 1];
    System.arraycopy(message, 0, line, 0, length);
    int end = length;
    if (length == 0 || message[length - 1] != '\n') {
      line[end++] = '\n';
    }
    try {
      file.write(line, 0, end);
      file.flush();
    } catch (IOException e) {
      // The log is a convenience: a full disk must not stop the function.
    }
  }

  /**
   * Copies plain output (stdout and stderr, not framed) to the log a line at a time; a last line
   * without a newline is kept when the stream ends.
   */
  void copyLines(InputStream plain) {
    byte[] buffer = new byte[8192];
    java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
    try (plain) {
      int read;
      while ((read = plain.read(buffer)) != -1) {
        for (int i = 0; i < read; i++) {
          line.write(buffer[i]);
          if (buffer[i] == '\n') {
            record(line.toByteArray(), line.size());
            line.reset();
          }
        }
      }
    } catch (IOException e) {
      // The function's process ended; what was read is kept below.
    }
    if (line.size() > 0) {
      record(line.toByteArray(), line.size());
    }
  }

  @Override
  public synchronized void close() {
    try {
      file.close();
    } catch (IOException e) {
      // Nothing more will be written.
    }
  }
}
