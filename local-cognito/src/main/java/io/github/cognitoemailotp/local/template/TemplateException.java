package io.github.cognitoemailotp.local.template;

/** template.yaml or a parameter override cannot be used; the message says which and why. */
public final class TemplateException extends RuntimeException {
  public TemplateException(String message) {
    super(message);
  }
}
