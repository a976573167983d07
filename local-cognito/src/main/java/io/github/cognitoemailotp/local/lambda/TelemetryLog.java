package io.github.cognitoemailotp.local.lambda;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads the log frames the Lambda runtime client writes to {@code _LAMBDA_TELEMETRY_LOG_FD}, as
 * Lambda's own log collector does, and appends each message to a log file as one line. (Written to
 * stdout instead, the client's messages sit in a buffer until it fills.) A frame is a 16-byte
 * big-endian header (type, length, timestamp in microseconds) and the message; anything that is not
 * a frame is copied as it is.
 */
final class TelemetryLog {

  private static final int FRAME_MAGIC = 0xa55a;

  private TelemetryLog() {}

  static void copy(InputStream frames, Path logFile) {
    try (DataInputStream in = new DataInputStream(frames);
        OutputStream log =
            Files.newOutputStream(logFile, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      while (true) {
        int type;
        try {
          type = in.readInt();
        } catch (EOFException end) {
          return;
        }
        if ((type >>> 16) != FRAME_MAGIC) {
          log.write(
              new byte[] {
                (byte) (type >>> 24), (byte) (type >>> 16), (byte) (type >>> 8), (byte) type
              });
          in.transferTo(log);
          return;
        }
        int length = in.readInt();
        in.readLong();
        byte[] message = in.readNBytes(length);
        log.write(message);
        if (length == 0 || message[length - 1] != '\n') {
          log.write('\n');
        }
        log.flush();
      }
    } catch (IOException e) {
      // The function's process ended mid-frame; nothing more will come.
    }
  }
}
