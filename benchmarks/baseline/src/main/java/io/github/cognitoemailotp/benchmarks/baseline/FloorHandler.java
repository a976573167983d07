package io.github.cognitoemailotp.benchmarks.baseline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The floor of the cold-start benchmark: a stream handler that reads the event, writes {@code {}}
 * and does nothing else. What it costs is the JVM and the Lambda runtime client, which no function
 * can go below.
 */
public final class FloorHandler implements RequestStreamHandler {

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    input.readAllBytes();
    output.write(new byte[] {'{', '}'});
  }
}
