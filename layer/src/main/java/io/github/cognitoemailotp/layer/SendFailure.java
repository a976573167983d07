package io.github.cognitoemailotp.layer;

import io.github.cognitoemailotp.layer.metrics.Metric;

/**
 * Why a code email could not be sent, in a few classes: what the user is told (a short message that
 * names the kind of failure and what they can do, and nothing about the sender, region, endpoint,
 * configuration set or the email service's own text), and a low-cardinality name that a log field
 * or a metric dimension can carry. The operator's detail goes with the {@link CodeNotSentException}
 * into the function's log, never to the app.
 */
public enum SendFailure {
  /** The email service refused this email (SES MessageRejected: an unverified identity, say). */
  REJECTED("The sign-in code could not be sent: the email was refused. Contact support"),
  /** Sending is not set up or not allowed: identity, permission, credentials, paused account. */
  MISCONFIGURED(
      "The sign-in code could not be sent: sign-in email is not set up correctly. Contact"
          + " support"),
  /** The email service throttled the send. */
  THROTTLED("The sign-in code could not be sent: too many emails right now. Try again in a minute"),
  /** A sending quota is used up (SES LimitExceeded). */
  QUOTA_EXCEEDED("The sign-in code could not be sent: the email limit is reached. Try again later"),
  /** No answer in time, no connection, or the service failed. */
  UNAVAILABLE("The sign-in code could not be sent. Try again later");

  private final String userMessage;

  SendFailure(String userMessage) {
    this.userMessage = userMessage;
  }

  /**
   * The {@code ErrorClass} dimension of {@link Metric#SES_FAILURES}: the constant's name in
   * CamelCase ({@code QUOTA_EXCEEDED} is {@code QuotaExceeded}).
   */
  public String errorClass() {
    StringBuilder word = new StringBuilder(name().length());
    boolean upper = true;
    for (char c : name().toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        word.append(upper ? c : Character.toLowerCase(c));
        upper = false;
      }
    }
    return word.toString();
  }

  /** What the app shows: the kind of failure and what the user can do. */
  public String userMessage() {
    return userMessage;
  }
}
