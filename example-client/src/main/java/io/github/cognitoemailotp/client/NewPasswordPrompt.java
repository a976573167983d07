package io.github.cognitoemailotp.client;

/**
 * Where a new password comes from when Cognito asks for one ({@code NEW_PASSWORD_REQUIRED}, an
 * invited user's first sign-in): the terminal without echo, a line of stdin, a test. {@link
 * SignInFlow} asks twice and compares.
 */
@FunctionalInterface
public interface NewPasswordPrompt {

  /** A prompt for callers that cannot choose a new password: the sign-in then stops. */
  NewPasswordPrompt NONE = prompt -> null;

  /**
   * Reads one entry.
   *
   * @param prompt what to show, such as {@code "New password: "}
   * @return what was typed, or null when there is nothing (end of input)
   */
  String read(String prompt);
}
