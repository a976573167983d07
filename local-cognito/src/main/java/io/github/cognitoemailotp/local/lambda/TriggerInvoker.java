package io.github.cognitoemailotp.local.lambda;

/** Invokes one of the pool's Lambda triggers the way Cognito does. */
public interface TriggerInvoker extends AutoCloseable {

  /**
   * Sends the event JSON to the function attached to {@code trigger} and returns its response JSON.
   * Retries as Cognito does when the function runs past its time (up to 3 attempts).
   *
   * @throws TriggerFailedException when the function errs or times out
   */
  byte[] invoke(Trigger trigger, byte[] eventJson) throws TriggerFailedException;

  @Override
  void close();
}
