package io.github.cognitoemailotp.layer;

/** The answer to a client's request for a new code, shown in the public challenge parameters. */
public enum ResendOutcome {
  SENT,
  REFUSED_LIMIT,
  REFUSED_COOLDOWN
}
