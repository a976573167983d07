package io.github.cognitoemailotp.create;

import io.github.cognitoemailotp.aws.AwsClients;
import io.github.cognitoemailotp.aws.DynamoDbUserLock;
import io.github.cognitoemailotp.aws.EmailTemplates;
import io.github.cognitoemailotp.aws.PrimingStandIn;
import io.github.cognitoemailotp.aws.SesEmailSender;
import io.github.cognitoemailotp.layer.CodeEmail;
import io.github.cognitoemailotp.layer.CodeGenerator;
import io.github.cognitoemailotp.layer.CreateAuthChallenge;
import io.github.cognitoemailotp.layer.CreateSettings;
import io.github.cognitoemailotp.layer.SnapStartHook;
import io.github.cognitoemailotp.layer.budget.BudgetSpend;
import io.github.cognitoemailotp.layer.internal.DiscardingLogger;
import io.github.cognitoemailotp.layer.lock.UserLock;
import io.github.cognitoemailotp.layer.lock.WrongCodeCount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/**
 * Warms the Create function just before Lambda SnapStart takes its snapshot, so the first sign-in
 * after a restore does not pay for loading and first use of the classes on its path.
 *
 * <p>It runs the trigger on a built-in event (parse, decide, spend the budget, render the email,
 * respond) twice:
 *
 * <ol>
 *   <li>with the function's own clients, up to transmission: the email's {@code SendEmail} and the
 *       budget's conditional write are marshalled, their endpoints resolved, credentials fetched
 *       from the default chain and the requests signed, and then {@link
 *       AwsClients.StopBeforeTransmission} ends each call unsent;
 *   <li>with priming clients built by the same builders ({@link AwsClients#forPriming}: the same
 *       HTTP client, timeouts and retries, but dummy credentials), all the way to a {@link
 *       PrimingStandIn} on 127.0.0.1 and back: the JDK's networking, the SDK's transport, its
 *       response and error unmarshalling and the budget's refused-write, read and write path run
 *       for real. Then the clients are closed and the stand-in stopped; every answer said {@code
 *       Connection: close}, so no connection outlives it into the snapshot.
 * </ol>
 *
 * <p>No email is sent and nothing is written anywhere: the function's clients stop before
 * transmission, and the priming clients reach only the stand-in. The code is a fixed string and the
 * clock a fixed instant, so nothing random or time-dependent is made before the snapshot (codes are
 * made per invocation; see {@code CodeGenerator.secureRandom()}), and the priming clients and their
 * budget are dropped, so the first real invocation reuses nothing of the stand-in's run.
 *
 * <p>Registered with CRaC's global context by the handler, which holds it: the context holds its
 * resources weakly. Without SnapStart nothing calls it. It never throws: a warm-up that fails
 * leaves a slower first invocation, not a failed deploy.
 */
final class SnapStartPriming extends SnapStartHook {

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

  /**
   * The requests priming's trigger makes of the stand-in for a user without a lock or budget item:
   * the lock's read, then the budget's refused write, its read and its write, then the email.
   */
  static final List<String> EXPECTED_STAND_IN_REQUESTS =
      List.of(
          "DynamoDB GetItem",
          "DynamoDB UpdateItem",
          "DynamoDB GetItem",
          "DynamoDB UpdateItem",
          "SES SendEmail");

  /**
   * The lock of the run with the function's own clients: nobody is locked. It shares the budget's
   * client, which the budget's signed write warms; the lock's own read is warmed through the
   * stand-in.
   */
  private static final UserLock NOBODY_LOCKED =
      new UserLock() {
        @Override
        public Optional<Instant> lockedSince(String userSub) {
          return Optional.empty();
        }

        @Override
        public WrongCodeCount countWrong(String userSub, Instant now) {
          throw new UnsupportedOperationException("Create never counts wrong codes");
        }

        @Override
        public boolean clearAfterCorrect(String userSub) {
          throw new UnsupportedOperationException("Create never clears a count");
        }

        @Override
        public WrongCodeCount unlock(String userSub) {
          throw new UnsupportedOperationException("Create never unlocks");
        }
      };

  /** The priming run's code: a fixed string, never a random one. */
  private static final CodeGenerator FIXED_CODE = length -> "0".repeat(length);

  /** The priming run's clock, a fixed instant (2026-01-01T00:00:00Z): nothing outlives it. */
  private static final Clock FIXED_CLOCK =
      Clock.fixed(Instant.ofEpochSecond(1_767_225_600L), ZoneOffset.UTC);

  /**
   * What one priming run did.
   *
   * @param triggerAnswered the trigger answered with the function's own clients
   * @param sesRequestSigned their {@code SendEmail} was signed (and not sent)
   * @param budgetRequestSigned their budget write was signed (and not sent)
   * @param standInRun through the stand-in: the trigger answered and the stand-in got exactly
   *     {@link #EXPECTED_STAND_IN_REQUESTS}; or else what went wrong
   */
  record Outcome(
      boolean triggerAnswered,
      boolean sesRequestSigned,
      boolean budgetRequestSigned,
      StandInRun standInRun) {}

  /**
   * The run through the stand-in: {@code failure} is empty when it went as expected, else it says
   * what failed (a class name or the requests received; never a user, code or address).
   */
  record StandInRun(String failure) {
    static final StandInRun WARMED = new StandInRun("");

    boolean warmed() {
      return failure.isEmpty();
    }
  }

  /** Starts the stand-in; tests pass one that fails or that they can inspect. */
  @FunctionalInterface
  interface StandInStarter {
    PrimingStandIn start() throws IOException;
  }

  private final CreateSettings settings;
  private final Region region;
  private final SesV2Client ses;
  private final DynamoDbCodeEmailBudget budget;
  private final DynamoDbUserLock lock;
  private final EmailTemplates templates;
  private final StandInStarter standIns;

  SnapStartPriming(
      CreateSettings settings,
      Region region,
      SesV2Client ses,
      DynamoDbCodeEmailBudget budget,
      DynamoDbUserLock lock,
      EmailTemplates templates) {
    this(settings, region, ses, budget, lock, templates, PrimingStandIn::start);
  }

  SnapStartPriming(
      CreateSettings settings,
      Region region,
      SesV2Client ses,
      DynamoDbCodeEmailBudget budget,
      DynamoDbUserLock lock,
      EmailTemplates templates,
      StandInStarter standIns) {
    this.settings = settings;
    this.region = region;
    this.ses = ses;
    this.budget = budget;
    this.lock = lock;
    this.templates = templates;
    this.standIns = standIns;
  }

  @Override
  protected String primeAndReport() {
    return report(prime());
  }

  @Override
  protected String functionName() {
    return "CreateAuthChallenge";
  }

  @Override
  public void afterRestore(org.crac.Context<? extends org.crac.Resource> context) {
    // Nothing to renew: the credentials chain refreshes what it holds, and no connection priming
    // opened is left to go stale in the snapshot (the stand-in's were closed with it).
  }

  /** The log line of a priming run; it names no user, code or address. */
  static String report(Outcome outcome) {
    return "SnapStart priming: trigger path "
        + (outcome.triggerAnswered() ? "warmed" : "failed")
        + ", SES client "
        + (outcome.sesRequestSigned() ? "warmed" : "not warmed")
        + ", DynamoDB client "
        + (outcome.budgetRequestSigned() ? "warmed" : "not warmed")
        + ", calls through a stand-in on 127.0.0.1 "
        + (outcome.standInRun().warmed()
            ? "warmed"
            : "not warmed (" + outcome.standInRun().failure() + ")")
        + "; no email sent, no budget spent";
  }

  /** Runs the trigger with the function's clients, then through the stand-in; never throws. */
  Outcome prime() {
    boolean[] sesSigned = {false};
    boolean[] budgetSigned = {false};
    boolean answered;
    try {
      CreateAuthChallenge trigger =
          new CreateAuthChallenge(
              NOBODY_LOCKED,
              settings,
              email -> sesSigned[0] = signWithoutSending(email),
              (sub, now) -> {
                budgetSigned[0] = budget.warmUp(now);
                return BudgetSpend.grant();
              },
              FIXED_CODE,
              FIXED_CLOCK);
      trigger.handle(EVENT.getBytes(StandardCharsets.UTF_8), DiscardingLogger.INSTANCE);
      answered = true;
    } catch (RuntimeException e) {
      answered = false;
    }
    return new Outcome(answered, sesSigned[0], budgetSigned[0], throughStandIn());
  }

  /**
   * Runs the trigger with priming clients against a stand-in, then closes them and stops it; never
   * throws.
   */
  private StandInRun throughStandIn() {
    try (PrimingStandIn standIn = standIns.start();
        SesV2Client primingSes =
            AwsClients.forPriming(SesEmailSender.clientBuilder(region), standIn.endpoint())
                .build();
        DynamoDbClient primingDynamo =
            AwsClients.forPriming(DynamoDbCodeEmailBudget.clientBuilder(region), standIn.endpoint())
                .build()) {
      new CreateAuthChallenge(
              lock.withClient(primingDynamo),
              settings,
              sender(primingSes),
              budget.withClient(primingDynamo),
              FIXED_CODE,
              FIXED_CLOCK)
          .handle(EVENT.getBytes(StandardCharsets.UTF_8), DiscardingLogger.INSTANCE);
      return standIn.requests().equals(EXPECTED_STAND_IN_REQUESTS)
          ? StandInRun.WARMED
          : new StandInRun("the stand-in received " + standIn.requests());
    } catch (IOException | RuntimeException | LinkageError e) {
      // LinkageError: a runtime without the JDK's HTTP server (jdk.httpserver) cannot prime this
      // way.
      return new StandInRun(e.getClass().getSimpleName());
    }
  }

  /** Whether {@code email}'s request went through the client and was signed, unsent. */
  private boolean signWithoutSending(CodeEmail email) {
    SendEmailRequest request =
        sender(ses)
            .request(
                email.recipient(), templates.render(email.locale(), email.code(), email.validFor()))
            .toBuilder()
            .overrideConfiguration(AwsClients.PRIMING_ONLY)
            .build();
    try {
      ses.sendEmail(request);
      return false;
    } catch (RuntimeException e) {
      return AwsClients.primingStop(e).map(AwsClients.PrimingStopped::signed).orElse(false);
    }
  }

  private SesEmailSender sender(SesV2Client client) {
    return new SesEmailSender(
        client, settings.emailSender(), settings.sesConfigurationSet(), templates, region);
  }
}
