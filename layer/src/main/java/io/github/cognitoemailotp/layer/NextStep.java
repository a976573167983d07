package io.github.cognitoemailotp.layer;

/** What Define tells Cognito to do next. */
public enum NextStep {
  PASSWORD_VERIFIER,
  CUSTOM_CHALLENGE,
  ISSUE_TOKENS,
  FAIL_AUTHENTICATION
}
