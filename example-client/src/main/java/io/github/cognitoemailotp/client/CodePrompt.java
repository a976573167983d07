package io.github.cognitoemailotp.client;

/** Where the user's codes come from: the terminal, a line of stdin, a test. */
@FunctionalInterface
public interface CodePrompt {

  /** The word that asks for a new code instead of answering. */
  String RESEND = "resend";

  /**
   * The next code for this challenge, or {@link #RESEND}.
   *
   * @return the code, or null when there is none (end of input)
   */
  String nextCode(CodeChallenge challenge);
}
