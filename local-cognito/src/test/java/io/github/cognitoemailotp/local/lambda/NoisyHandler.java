package io.github.cognitoemailotp.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A function that prints junk of its own on stdout and stderr, half lines included (as SLF4J's
 * warnings or a library's banner do), around the records it logs through the runtime's logger.
 */
public final class NoisyHandler implements RequestStreamHandler {

  static {
    System.err.print("SLF4J: junk at init without a newline");
    System.out.print("{\"not\":\"closed\"");
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws java.io.IOException {
    System.err.print("half a line on stderr ");
    context.getLogger().log("{\"level\":\"INFO\",\"record\":1}");
    System.out.print("more junk on stdout");
    System.out.flush();
    context.getLogger().log("{\"level\":\"INFO\",\"record\":2}");
    System.err.println("and the rest of it");
    output.write("{}".getBytes(StandardCharsets.UTF_8));
  }
}
