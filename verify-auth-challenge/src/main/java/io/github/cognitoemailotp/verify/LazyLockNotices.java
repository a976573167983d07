package io.github.cognitoemailotp.verify;

import io.github.cognitoemailotp.aws.EmailTemplates;
import io.github.cognitoemailotp.aws.SesEmailSender;
import io.github.cognitoemailotp.layer.EmailSenderSettings;
import io.github.cognitoemailotp.layer.lock.LockNotice;
import io.github.cognitoemailotp.layer.lock.LockNoticeSender;
import java.util.function.Supplier;
import software.amazon.awssdk.regions.Region;

/**
 * Sends lock notices through SES, building the SES client and loading the email templates on the
 * first notice rather than at init: a lock is rare, and every Verify cold start would otherwise pay
 * for a client almost none of them uses. The first notice's send then pays for it, well inside
 * Cognito's 5 seconds (docs/performance.md).
 */
final class LazyLockNotices implements LockNoticeSender {

  private final Supplier<LockNoticeSender> build;
  private LockNoticeSender sender;

  /** Sends through SES in {@code region}, from the settings' sender. */
  LazyLockNotices(EmailSenderSettings settings, Region region) {
    this(
        () ->
            new SesEmailSender(
                SesEmailSender.client(region),
                settings.emailSender(),
                settings.sesConfigurationSet(),
                EmailTemplates.load(),
                region));
  }

  /** Sends through what {@code build} makes, once, on the first notice (tests). */
  LazyLockNotices(Supplier<LockNoticeSender> build) {
    this.build = build;
  }

  @Override
  public void send(LockNotice notice) {
    sender().send(notice);
  }

  private synchronized LockNoticeSender sender() {
    if (sender == null) {
      sender = build.get();
    }
    return sender;
  }
}
