package io.github.cognitoemailotp.client.audit;

/**
 * One thing in a pool that lets a sign-in skip the emailed code.
 *
 * @param check which rule found it
 * @param clientId the app client it is about; empty when it is about the pool
 * @param message what was found and why it matters, for a person
 */
public record Finding(Check check, String clientId, String message) {

  /** The audit's rules, one per way around the code. */
  public enum Check {
    /** An app client allows a flow that gets tokens for the password alone. */
    PASSWORD_FLOW,
    /**
     * An app client allows choice-based sign-in (USER_AUTH), whose first factors skip the triggers.
     */
    CHOICE_BASED_FLOW,
    /**
     * An app client signs users in through the hosted UI (OAuth 2.0), which runs no custom auth.
     */
    OAUTH_FLOW,
    /** A custom-auth trigger is missing or is not this stack's function. */
    TRIGGER,
    /** Anyone may sign up, and choose the address the codes go to. */
    SELF_SIGN_UP,
    /** Users may change their own email attribute, where the codes go. */
    EMAIL_WRITABLE
  }
}
