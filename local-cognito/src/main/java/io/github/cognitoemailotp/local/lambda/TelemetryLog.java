package io.github.cognitoemailotp.local.lambda;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the log frames the Lambda runtime client writes to the descriptor {@code
 * _LAMBDA_TELEMETRY_LOG_FD} names, as Lambda's own log collector does, and hands each message to
 * the function's log as one record. On Lambda that descriptor is the runtime's alone; here too
 * ({@link FunctionInstance} gives the process a descriptor 3 of its own), so nothing the process
 * prints elsewhere can fall between a frame's bytes. A frame is a 16-byte big-endian header (type,
 * length, timestamp in microseconds) and the message; anything that is not a frame is kept as plain
 * lines.
 */
final class TelemetryLog {

  private static final int FRAME_MAGIC = 0xa55a;

  private TelemetryLog() {}

  static void copy(InputStream frames, FunctionLog log) {
    try (DataInputStream in = new DataInputStream(frames)) {
      while (true) {
        int type;
        try {
          type = in.readInt();
        } catch (EOFException end) {
          return;
        }
        if ((type >>> 16) != FRAME_MAGIC) {
          byte[] start = {
            (byte) (type >>> 24), (byte) (type >>> 16), (byte) (type >>> 8), (byte) type
          };
          log.copyLines(
              new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(start), in));
          return;
        }
        int length = in.readInt();
        in.readLong();
        byte[] message = in.readNBytes(length);
        log.record(message, message.length);
      }
    } catch (IOException e) {
      // The function's process ended mid-frame; nothing more will come.
    }
  }
}
