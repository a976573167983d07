package io.github.cognitoemailotp.client.audit;

/**
 * One thing the audit found in a pool, with what to do about it.
 *
 * @param check which rule found it
 * @param clientId the app client it is about; empty when it is about the pool
 * @param message what was found, why it matters and what to do, for a person
 * @param kind whether it is a way around the code (a finding) or only something to know (a note)
 */
public record Finding(Check check, String clientId, String message, Kind kind) {

  /** A finding: a way around the emailed code, or a weakness in it. */
  public Finding(Check check, String clientId, String message) {
    this(check, clientId, message, Kind.FINDING);
  }

  /** Something to know that does not let a sign-in skip the code. */
  public static Finding note(Check check, String clientId, String message) {
    return new Finding(check, clientId, message, Kind.NOTE);
  }

  /** Whether the audit's exit code counts it. */
  public enum Kind {
    /** A way around the emailed code or a weakness in it: the audit exits 9. */
    FINDING,
    /** Something the deployer should know, such as a choice that has a cost: no exit code. */
    NOTE
  }

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
    /**
     * The Pre Token Generation trigger (the token gate) is missing or is not this stack's function:
     * nothing refuses tokens Cognito issues without the code.
     */
    TOKEN_GATE,
    /**
     * The Post Confirmation trigger is missing or is not this stack's function: a password reset
     * does not lift a wrong-code lock nor remove the user's trusted devices.
     */
    UNLOCK_TRIGGER,
    /** Anyone may sign up, and choose the address the codes go to. */
    SELF_SIGN_UP,
    /** Users may change their own email attribute, where the codes go. */
    EMAIL_WRITABLE,
    /** An app client answers sign-ins for unknown users differently: it enumerates users. */
    USER_EXISTENCE_ERRORS,
    /** The pool's own MFA (MfaConfiguration ON or OPTIONAL) inserts a step after the password. */
    POOL_MFA,
    /** Users invited with a temporary password, whose first sign-in sets a new one. */
    FORCE_CHANGE_PASSWORD,
    /** How a forgotten password is reset (AccountRecoverySetting). */
    ACCOUNT_RECOVERY
  }
}
