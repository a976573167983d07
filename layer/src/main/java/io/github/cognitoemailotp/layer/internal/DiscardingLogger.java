package io.github.cognitoemailotp.layer.internal;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;

/**
 * A logger that writes nothing: SnapStart priming runs the triggers on made-up events before the
 * snapshot, and their decision lines are of no user.
 */
public final class DiscardingLogger implements LambdaLogger {

  public static final LambdaLogger INSTANCE = new DiscardingLogger();

  private DiscardingLogger() {}

  @Override
  public void log(String message) {}

  @Override
  public void log(byte[] message) {}

  @Override
  public void log(String message, LogLevel level) {}
}
