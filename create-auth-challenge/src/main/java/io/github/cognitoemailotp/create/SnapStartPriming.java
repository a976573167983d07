package io.github.cognitoemailotp.create;

import io.github.cognitoemailotp.layer.BudgetSpend;
import io.github.cognitoemailotp.layer.CodeEmail;
import io.github.cognitoemailotp.layer.CreateAuthChallenge;
import io.github.cognitoemailotp.layer.CreateSettings;
import io.github.cognitoemailotp.layer.internal.DiscardingLogger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/**
 * Warms the Create function just before Lambda SnapStart takes its snapshot, so the first sign-in
 * after a restore does not pay for loading and first use of the classes on its path.
 *
 * <p>It runs the trigger on a built-in event (parse, decide, render the email, respond), and takes
 * that email through the function's own {@link SesV2Client} up to transmission: the request is
 * marshalled, its endpoint resolved, credentials fetched from the default chain and the request
 * signed, and then {@link AwsClients.StopBeforeTransmission} ends the call. No email is sent. The
 * code-email budget's DynamoDB client goes the same way: its conditional write is built, signed and
 * stopped unsent, so no budget is spent and nothing is written. The code is a fixed string and the
 * clock a fixed instant, so nothing random or time-dependent is made before the snapshot (codes are
 * made per invocation; see {@code CodeGenerator.secureRandom()}).
 *
 * <p>Registered with CRaC's global context by the handler, which holds it: the context holds its
 * resources weakly. Without SnapStart nothing calls it. It never throws: a warm-up that fails
 * leaves a slower first invocation, not a failed deploy.
 */
final class SnapStartPriming implements Resource {

  /** A first code challenge for a made-up user, for the trigger's whole path. */
  static final String EVENT =
      """
      {"version":"1","region":"us-east-1","userPoolId":"us-east-1_SnapStart","userName":"priming",
       "callerContext":{"awsSdkVersion":"aws-sdk-unknown-unknown","clientId":"priming"},
       "triggerSource":"CreateAuthChallenge_Authentication",
       "request":{"userAttributes":{"sub":"00000000-0000-4000-8000-000000000000",
         "email":"priming@example.invalid","email_verified":"true"},
        "challengeName":"CUSTOM_CHALLENGE",
        "session":[{"challengeName":"SRP_A","challengeResult":true,"challengeMetadata":null},
         {"challengeName":"PASSWORD_VERIFIER","challengeResult":true,"challengeMetadata":null}],
        "clientMetadata":{},"userNotFound":false},
       "response":{"publicChallengeParameters":null,"privateChallengeParameters":null,
        "challengeMetadata":null}}
      """;

  /** What one priming run did. */
  record Outcome(boolean triggerAnswered, boolean sesRequestSigned, boolean budgetRequestSigned) {}

  private final CreateSettings settings;
  private final SesV2Client ses;
  private final DynamoDbCodeEmailBudget budget;
  private final EmailTemplates templates;

  SnapStartPriming(
      CreateSettings settings,
      SesV2Client ses,
      DynamoDbCodeEmailBudget budget,
      EmailTemplates templates) {
    this.settings = settings;
    this.ses = ses;
    this.budget = budget;
    this.templates = templates;
  }

  /** Registers {@code priming} to run before a checkpoint; the caller must keep a reference. */
  static SnapStartPriming register(SnapStartPriming priming) {
    Core.getGlobalContext().register(priming);
    return priming;
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    System.out.println(report(prime()));
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    // Nothing to renew: the credentials chain refreshes what it holds, and priming opened no
    // connection that could have gone stale in the snapshot.
  }

  /** The log line of a priming run; it names no user, code or address. */
  static String report(Outcome outcome) {
    return "SnapStart priming: trigger path "
        + (outcome.triggerAnswered() ? "warmed" : "failed")
        + ", SES client "
        + (outcome.sesRequestSigned() ? "warmed" : "not warmed")
        + ", DynamoDB client "
        + (outcome.budgetRequestSigned() ? "warmed" : "not warmed")
        + "; no email sent, no budget spent";
  }

  /** Runs the trigger and signs its SES request without sending it; never throws. */
  Outcome prime() {
    boolean[] sesSigned = {false};
    boolean[] budgetSigned = {false};
    boolean answered;
    try {
      CreateAuthChallenge trigger =
          new CreateAuthChallenge(
              settings,
              email -> sesSigned[0] = signWithoutSending(email),
              (sub, now) -> {
                budgetSigned[0] = budget.warmUp(now);
                return BudgetSpend.grant();
              },
              length -> "0".repeat(length),
              // A fixed instant (2026-01-01T00:00:00Z): nothing of the run outlives it.
              Clock.fixed(Instant.ofEpochSecond(1_767_225_600L), ZoneOffset.UTC));
      trigger.handle(EVENT.getBytes(StandardCharsets.UTF_8), DiscardingLogger.INSTANCE);
      answered = true;
    } catch (RuntimeException e) {
      answered = false;
    }
    return new Outcome(answered, sesSigned[0], budgetSigned[0]);
  }

  /** Whether {@code email}'s request went through the client and was signed, unsent. */
  private boolean signWithoutSending(CodeEmail email) {
    SendEmailRequest request =
        SesCodeSender.request(email, settings, templates).toBuilder()
            .overrideConfiguration(AwsClients.PRIMING_ONLY)
            .build();
    try {
      ses.sendEmail(request);
      return false;
    } catch (RuntimeException e) {
      return AwsClients.primingStop(e).map(AwsClients.PrimingStopped::signed).orElse(false);
    }
  }
}
