package io.github.cognitoemailotp.create;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import io.github.cognitoemailotp.layer.CodeEmail;
import io.github.cognitoemailotp.layer.CreateAuthChallenge;
import io.github.cognitoemailotp.layer.CreateSettings;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.core.SdkServiceClientConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/**
 * Warms the Create function just before Lambda SnapStart takes its snapshot, so the first sign-in
 * after a restore does not pay for loading and first use of the classes on its path.
 *
 * <p>It runs the trigger on a built-in event (parse, decide, render the email, respond), then one
 * SES {@code SendEmail} through the function's own client: marshalling, endpoint, credentials and
 * signing, stopped by an interceptor just before the request would leave the process. No email is
 * sent. The code is a fixed string, not a random one, so nothing random is made before the snapshot
 * (codes are made per invocation; see {@code CodeGenerator.secureRandom()}).
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
       "request":{"userAttributes":{"email":"priming@example.invalid","email_verified":"true"},
        "challengeName":"CUSTOM_CHALLENGE",
        "session":[{"challengeName":"SRP_A","challengeResult":true,"challengeMetadata":null},
         {"challengeName":"PASSWORD_VERIFIER","challengeResult":true,"challengeMetadata":null}],
        "clientMetadata":{},"userNotFound":false},
       "response":{"publicChallengeParameters":null,"privateChallengeParameters":null,
        "challengeMetadata":null}}
      """;

  /** What one priming run did. */
  record Outcome(boolean triggerAnswered, boolean sesRequestStoppedBeforeSending) {}

  private final CreateSettings settings;
  private final SesV2Client ses;
  private final EmailTemplates templates;

  SnapStartPriming(CreateSettings settings, SesV2Client ses, EmailTemplates templates) {
    this.settings = settings;
    this.ses = ses;
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
    // Nothing to renew: the SES client resolves credentials through the default chain per call.
  }

  /** The log line of a priming run; it names no user, code or address. */
  static String report(Outcome outcome) {
    return "SnapStart priming: trigger path "
        + (outcome.triggerAnswered() ? "warmed" : "failed")
        + ", SES client "
        + (outcome.sesRequestStoppedBeforeSending() ? "warmed" : "not warmed")
        + "; no email sent";
  }

  /** Runs the trigger and one stopped SES request; never throws. */
  Outcome prime() {
    boolean[] sesStopped = {false};
    boolean answered;
    try {
      CreateAuthChallenge trigger =
          new CreateAuthChallenge(
              settings,
              email -> sesStopped[0] = sendStoppedBeforeSending(email),
              length -> "0".repeat(length),
              Clock.systemUTC());
      trigger.handle(EVENT.getBytes(StandardCharsets.UTF_8), DISCARD);
      answered = true;
    } catch (RuntimeException e) {
      answered = false;
    }
    return new Outcome(answered, sesStopped[0]);
  }

  /** Whether the request went all the way to transmission and was stopped there. */
  private boolean sendStoppedBeforeSending(CodeEmail email) {
    SendEmailRequest request =
        SesCodeSender.request(email, settings, templates)
            .overrideConfiguration(configuration -> configuration.addPlugin(STOP_BEFORE_SENDING))
            .build();
    try {
      ses.sendEmail(request);
    } catch (RuntimeException e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof StoppedBeforeSending) {
          return true;
        }
      }
    }
    return false;
  }

  /** Thrown by {@link #STOP_BEFORE_SENDING} where the HTTP request would be sent. */
  static final class StoppedBeforeSending extends RuntimeException {
    StoppedBeforeSending() {
      super("priming request stopped before sending", null, false, false);
    }
  }

  /** A per-request plugin: an interceptor that stops the request before transmission. */
  static final SdkPlugin STOP_BEFORE_SENDING =
      new SdkPlugin() {
        @Override
        public void configureClient(SdkServiceClientConfiguration.Builder configuration) {
          configuration.overrideConfiguration(
              configuration.overrideConfiguration().toBuilder()
                  .addExecutionInterceptor(
                      new ExecutionInterceptor() {
                        @Override
                        public void beforeTransmission(
                            software.amazon.awssdk.core.interceptor.Context.BeforeTransmission
                                context,
                            ExecutionAttributes attributes) {
                          throw new StoppedBeforeSending();
                        }
                      })
                  .build());
        }
      };

  /** The trigger's log line during priming is of a made-up user; it goes nowhere. */
  private static final LambdaLogger DISCARD =
      new LambdaLogger() {
        @Override
        public void log(String message) {}

        @Override
        public void log(byte[] message) {}

        @Override
        public void log(String message, LogLevel level) {}
      };
}
