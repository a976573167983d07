package io.github.cognitoemailotp.create;

/** The one SES v2 operation Create calls. {@link SesHttpApi} is the real one; tests pass a fake. */
interface SesApi {

  /**
   * Sends {@code email}; returns once SES has accepted it.
   *
   * @throws SesException when SES refused it, could not be reached in time, or no credentials could
   *     be found
   */
  void sendEmail(SesEmail email);
}
