package io.github.cognitoemailotp.client.doctor;

/**
 * One thing {@code example-client doctor} looked at: how it stands and, unless it is fine, what to
 * do about it.
 *
 * @param check what was looked at
 * @param status how it stands
 * @param message what was found, and what to do when it is not {@link Status#OK}
 */
public record Diagnosis(Check check, Status status, String message) {

  /** What the doctor looks at, in the order it reports. */
  public enum Check {
    CLIENT_FLOWS,
    TRIGGERS,
    TRIGGER_PERMISSIONS,
    SENDER_IDENTITY,
    SENDER_DKIM,
    SES_ACCOUNT,
    SEND_QUOTA,
    TABLES
  }

  /** How a check stands. */
  public enum Status {
    /** As it should be. */
    OK,
    /** Sign-ins work, but not for everyone or not for long: fix it before real users come. */
    WARN,
    /** Sign-ins fail, or skip the code, until this is fixed. */
    FAIL,
    /** Could not be read with these credentials (or has no API locally): not judged. */
    NOT_CHECKED
  }

  static Diagnosis ok(Check check, String message) {
    return new Diagnosis(check, Status.OK, message);
  }

  static Diagnosis warn(Check check, String message) {
    return new Diagnosis(check, Status.WARN, message);
  }

  static Diagnosis fail(Check check, String message) {
    return new Diagnosis(check, Status.FAIL, message);
  }

  static Diagnosis notChecked(Check check, String message) {
    return new Diagnosis(check, Status.NOT_CHECKED, message);
  }

  /** Whether this needs someone to act. */
  public boolean needsAction() {
    return status == Status.WARN || status == Status.FAIL;
  }
}
