package io.github.cognitoemailotp.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A function that outlives its timeout, counting its invocations in a file named by COUNT_FILE. */
public final class SlowHandler implements RequestStreamHandler {
  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    Files.writeString(
        Path.of(System.getenv("COUNT_FILE")),
        "x",
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    try {
      Thread.sleep(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    output.write(input.readAllBytes());
  }
}
