package io.github.cognitoemailotp.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;

/** A function that throws, as a trigger does when it cannot go on. */
public final class FailingHandler implements RequestStreamHandler {
  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) {
    throw new IllegalStateException("the mailbox is on fire");
  }
}
