package io.github.cognitoemailotp.client;

import io.github.cognitoemailotp.aws.DynamoDbTrustedDevices;
import io.github.cognitoemailotp.client.user.BudgetUsage;
import io.github.cognitoemailotp.client.user.DeviceRemoval;
import io.github.cognitoemailotp.client.user.LockState;
import io.github.cognitoemailotp.client.user.OperatorSettings;
import io.github.cognitoemailotp.client.user.UnlockMetric;
import io.github.cognitoemailotp.client.user.UserDevices;
import io.github.cognitoemailotp.client.user.UserLookup;
import io.github.cognitoemailotp.client.user.UserReport;
import io.github.cognitoemailotp.client.user.UserStackReader;
import io.github.cognitoemailotp.client.user.UserStore;
import io.github.cognitoemailotp.client.user.UserTarget;
import io.github.cognitoemailotp.client.user.UserView;
import io.github.cognitoemailotp.layer.InvalidSettingException;
import io.github.cognitoemailotp.layer.Setting;
import io.github.cognitoemailotp.layer.TriggerFailureException;
import io.github.cognitoemailotp.layer.budget.BudgetWindows;
import io.github.cognitoemailotp.layer.budget.CodeEmailLimits;
import io.github.cognitoemailotp.layer.device.DeviceKey;
import io.github.cognitoemailotp.layer.device.TrustedDevices;
import io.github.cognitoemailotp.layer.metrics.MetricsSettings;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * {@code example-client user --pool-id ... --username ...}: one user's code-email budget,
 * consecutive wrong codes and lock (issue 23) and trusted devices (issue 24), and the operator's
 * changes to them: {@code --remove-device}, {@code --remove-all-devices}, {@code --unlock} and
 * {@code --reset-budget} (docs/operations.md's runbooks), in that order: a device suspected stolen
 * is revoked before a lock that held it back is lifted. A new change is one more option and a
 * method beside {@code unlock}, and what it shows one more {@link UserReport.Section}.
 */
@Command(
    name = "user",
    mixinStandardHelpOptions = true,
    description =
        "Shows one user's state: their sub (the key the functions' log lines and tables use),"
            + " status, code emails spent this hour and day and when each resets, consecutive"
            + " wrong codes, whether they are locked and since when, and their trusted devices (id,"
            + " name, registered, last used, expiry; never a key). --remove-device removes one"
            + " device, --remove-all-devices all of them; --unlock deletes the lock item (the lock"
            + " and the count); --reset-budget deletes the budget item. Each says what it"
            + " cleared; the state is shown after. Prints no address and no code. Needs AWS"
            + " credentials (cognito-idp:AdminGetUser, or ListUsers with --sub; dynamodb:GetItem,"
            + " and DeleteItem to change, on the budget and lock tables; dynamodb:Query, and"
            + " DeleteItem to remove, on the device table; cloudwatch:PutMetricData to count an"
            + " unlock; cloudformation:DescribeStacks with --stack-name).",
    footerHeading = "%n",
    footer = {
      "The tables come from the stack's outputs CodeEmailBudgetTableName, UserLockTableName and"
          + " TrustedDeviceTableName (--stack-name; the last exists only with TrustedDeviceDays"
          + " above 0), or --budget-table, --lock-table and --device-table (without it, trusted"
          + " devices are shown as off). The limits come from the"
          + " stack's parameters, else the options, else the template's defaults; the report"
          + " says which. For the local stack: --endpoint-url (Cognito), and"
          + " AWS_ENDPOINT_URL_DYNAMODB and AWS_ENDPOINT_URL_CLOUDWATCH."
    })
final class UserCommand implements Callable<Integer> {

  /**
   * Each device-table call's time budget: an operator's laptop far from the region, not a
   * function's, so longer than the functions' {@code DynamoDbCalls.CALL_BUDGET}.
   */
  static final Duration DEVICE_CALL_BUDGET = Duration.ofSeconds(20);

  @Option(
      names = "--stack-name",
      description =
          "The deployed stack: the pool, both tables, the limits and the metrics namespace are"
              + " read from it.")
  String stackName;

  @Option(names = "--pool-id", description = "User pool id (without --stack-name).")
  String userPoolId;

  @Option(
      names = "--username",
      description = "The user's name (or an alias such as the email, when the pool has one).")
  String username;

  @Option(
      names = "--sub",
      description =
          "The user's sub instead of --username, as the functions' log lines give it (found with"
              + " cognito-idp:ListUsers); the username is then not printed.")
  String sub;

  @Option(
      names = "--budget-table",
      description = "The stack's code-email budget table (without --stack-name).")
  String budgetTable;

  @Option(
      names = "--lock-table",
      description = "The stack's user lock table (without --stack-name).")
  String lockTable;

  @Option(
      names = "--device-table",
      description =
          "The stack's trusted-device table (without --stack-name; only when its"
              + " TrustedDeviceDays is above 0).")
  String deviceTable;

  @Option(
      names = "--max-code-emails-per-hour",
      paramLabel = "<n>",
      description =
          "The stack's MaxCodeEmailsPerHour (without --stack-name; default: the template's).")
  String maxPerHour;

  @Option(
      names = "--max-code-emails-per-day",
      paramLabel = "<n>",
      description =
          "The stack's MaxCodeEmailsPerDay (without --stack-name; default: the template's).")
  String maxPerDay;

  @Option(
      names = "--max-consecutive-wrong-codes",
      paramLabel = "<n>",
      description =
          "The stack's MaxConsecutiveWrongCodes (without --stack-name; default: the template's).")
  String maxConsecutiveWrongCodes;

  @Option(
      names = "--metrics-namespace",
      description = "The stack's MetricsNamespace (without --stack-name; default: the template's).")
  String metricsNamespace;

  @Option(
      names = "--unlock",
      description =
          "Unlock the user: delete their lock item, which also clears their consecutive wrong"
              + " codes; a lifted lock is counted as UsersUnlocked in CloudWatch.")
  boolean unlock;

  @Option(
      names = "--reset-budget",
      description = "Reset the user's code-email budget: delete their budget item.")
  boolean resetBudget;

  @Option(
      names = "--remove-device",
      paramLabel = "<deviceId>",
      description =
          "Remove one of the user's trusted devices, by the id the report and the functions' log"
              + " lines give: its next sign-in gets the emailed code. No such device of this user"
              + " exits 13.")
  String removeDevice;

  @Option(
      names = "--remove-all-devices",
      description =
          "Remove all the user's trusted devices in one action (expired ones included), and say"
              + " how many.")
  boolean removeAllDevices;

  @Option(
      names = "--region",
      description = "AWS region (default: the pool id's prefix, then $AWS_REGION).")
  String region;

  @Option(
      names = "--endpoint-url",
      description =
          "Cognito endpoint, for the local stack (default: $AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER,"
              + " then $AWS_ENDPOINT_URL, then AWS). DynamoDB, CloudWatch and CloudFormation follow"
              + " $AWS_ENDPOINT_URL_DYNAMODB, $AWS_ENDPOINT_URL_CLOUDWATCH and"
              + " $AWS_ENDPOINT_URL_CLOUDFORMATION. With a Cognito endpoint and no CloudWatch one,"
              + " an unlock is not counted (the local stack's unlocks are not AWS's).")
  String endpointUrl;

  @Spec CommandSpec spec;

  private final Map<String, String> environment;
  private final PrintStream out;
  private final PrintStream err;
  private final Clock clock;

  UserCommand(Map<String, String> environment, PrintStream out, PrintStream err) {
    this(environment, out, err, Clock.systemUTC());
  }

  UserCommand(Map<String, String> environment, PrintStream out, PrintStream err, Clock clock) {
    this.environment = environment;
    this.out = out;
    this.err = err;
    this.clock = clock;
  }

  @Override
  public Integer call() {
    checkOptions();
    try {
      // Options are checked before any call: a bad limit is a usage error, not a failure later.
      Optional<UserTarget> fromOptions =
          stackName == null ? Optional.of(optionsTarget()) : Optional.empty();
      fromOptions.ifPresent(
          given -> {
            limits(given.settings());
            metricsSettings(given.settings());
            given.settings().number(Setting.MAX_CONSECUTIVE_WRONG_CODES);
          });
      Region resolvedRegion = Region.of(region());
      Optional<String> cognitoEndpoint = ExampleClient.endpoint(endpointUrl, environment);
      DefaultCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
      try {
        credentials.resolveCredentials();
      } catch (SdkClientException e) {
        err.println(
            "The user command calls AWS's signed APIs and found no AWS credentials: set"
                + " AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.");
        return ExitCode.FAILURE.code();
      }
      SdkHttpClient http =
          UrlConnectionHttpClient.builder()
              .connectionTimeout(Duration.ofSeconds(5))
              .socketTimeout(Duration.ofSeconds(30))
              .build();
      try (http;
          CognitoIdentityProviderClient cognito =
              configure(CognitoIdentityProviderClient.builder(), resolvedRegion, credentials, http)
                  .applyMutation(
                      b -> cognitoEndpoint.ifPresent(url -> b.endpointOverride(URI.create(url))))
                  .build();
          DynamoDbClient dynamo =
              withEndpoint(
                      configure(DynamoDbClient.builder(), resolvedRegion, credentials, http),
                      "DYNAMODB")
                  .build()) {
        UserTarget target =
            fromOptions.isPresent()
                ? fromOptions.get()
                : stackTarget(resolvedRegion, credentials, http);
        MetricsSettings metrics = metricsSettings(target.settings());
        CodeEmailLimits limits = limits(target.settings());
        // Read before anything changes: an unknown user stops the command before any write.
        UserLookup lookup = new UserLookup(cognito, target.userPoolId());
        UserLookup.FoundUser user =
            username != null ? lookup.byUsername(username) : lookup.bySub(sub);
        String userSub = user.sub();
        UserStore store = new UserStore(dynamo, target.budgetTable(), target.lockTable());
        Optional<TrustedDevices> devices =
            target
                .deviceTable()
                .map(table -> new DynamoDbTrustedDevices(dynamo, table, DEVICE_CALL_BUDGET));
        if ((removeDevice != null || removeAllDevices) && devices.isEmpty()) {
          throw new IllegalArgumentException(
              (removeDevice != null ? "--remove-device" : "--remove-all-devices")
                  + ": the stack "
                  + stackName
                  + " has no trusted devices (its TrustedDeviceDays is 0): nothing to remove.");
        }
        boolean deviceFound = true;
        if (removeDevice != null) {
          DeviceRemoval.Outcome outcome =
              new DeviceRemoval(devices.orElseThrow())
                  .one(userSub, removeDevice, who(), whoFirst(), clock.instant());
          (outcome.found() ? out : err).println(outcome.said());
          deviceFound = outcome.found();
        }
        if (removeAllDevices) {
          out.println(
              new DeviceRemoval(devices.orElseThrow()).all(userSub, who(), whoFirst()).said());
        }
        if (unlock) {
          unlock(store, userSub, metrics, resolvedRegion, credentials, http, cognitoEndpoint);
        }
        if (resetBudget) {
          resetBudget(store, userSub, limits);
        }
        if (unlock || resetBudget || removeDevice != null || removeAllDevices) {
          out.println();
        }
        Instant now = clock.instant();
        UserDevices shownDevices =
            devices
                .map(
                    deviceStore ->
                        UserDevices.listed(
                            target.deviceTable().orElseThrow(), deviceStore.list(userSub), now))
                .orElseGet(
                    () ->
                        UserDevices.off(
                            stackName != null
                                ? "the stack's TrustedDeviceDays is 0"
                                : "no --device-table given",
                            now));
        out.println(
            UserReport.text(
                new UserView(
                    username != null ? username : "with sub " + userSub,
                    userSub,
                    user.status(),
                    user.enabled(),
                    target,
                    limits,
                    BudgetUsage.of(store.budget(userSub), limits, now),
                    store.lock(userSub),
                    shownDevices)));
        return deviceFound ? ExitCode.SUCCESS.code() : ExitCode.USER_NOT_FOUND.code();
      }
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return ExitCode.USAGE.code();
    } catch (UserNotFoundException e) {
      err.println(
          username != null
              ? "The pool has no user "
                  + username
                  + " (Cognito's AdminGetUser said UserNotFoundException). Check the username,"
                  + " and that --pool-id or --stack-name names the user's pool."
              : "The pool has no user with sub "
                  + sub
                  + " (ListUsers found none). Check that --pool-id or --stack-name names the pool"
                  + " whose functions logged it.");
      return ExitCode.USER_NOT_FOUND.code();
    } catch (DynamoDbException e) {
      err.println(
          "DynamoDB refused: "
              + (e.awsErrorDetails() == null
                  ? e.getMessage()
                  : e.awsErrorDetails().errorMessage()
                      + " ("
                      + e.awsErrorDetails().errorCode()
                      + ")")
              + ". Check the table names (--stack-name, or --budget-table and --lock-table) and"
              + " that these credentials may call dynamodb:GetItem and DeleteItem on them.");
      return ExitCode.FAILURE.code();
    } catch (AwsServiceException e) {
      err.println(
          "AWS refused: "
              + (e.awsErrorDetails() == null
                  ? e.getMessage()
                  : e.awsErrorDetails().errorMessage()
                      + " ("
                      + e.awsErrorDetails().errorCode()
                      + ")"));
      return ExitCode.FAILURE.code();
    } catch (SdkClientException e) {
      err.println("An AWS endpoint could not be reached: " + e.getMessage());
      return ExitCode.UNREACHABLE.code();
    } catch (IllegalStateException e) {
      err.println("The user's items in the tables: " + e.getMessage() + ".");
      return ExitCode.FAILURE.code();
    } catch (TriggerFailureException e) {
      // The device store: an item the functions did not write (refused before anything is
      // removed), or DynamoDB's refusal with the table and the IAM actions to check.
      err.println(
          "The user's trusted devices: "
              + e.operatorDetail()
              + ". What is said above was done; nothing after it.");
      return ExitCode.FAILURE.code();
    }
  }

  private void unlock(
      UserStore store,
      String userSub,
      MetricsSettings metrics,
      Region resolvedRegion,
      DefaultCredentialsProvider credentials,
      SdkHttpClient http,
      Optional<String> cognitoEndpoint) {
    LockState cleared = store.deleteLock(userSub);
    if (cleared.locked()) {
      out.println(
          "Unlocked "
              + who()
              + ": locked since "
              + cleared.lockedAt().orElseThrow()
              + "; "
              + wrongCodes(cleared.wrongCodes())
              + " cleared.");
    } else if (cleared.wrongCodes() > 0) {
      out.println(
          whoFirst()
              + " was not locked; "
              + wrongCodes(cleared.wrongCodes())
              + " cleared (the count starts again from 0).");
    } else {
      out.println(whoFirst() + " was not locked and had no wrong codes: nothing to clear.");
    }
    if (!cleared.locked()) {
      return;
    }
    Optional<String> cloudWatchEndpoint = serviceEndpoint("CLOUDWATCH");
    if (cognitoEndpoint.isPresent() && cloudWatchEndpoint.isEmpty()) {
      err.println(
          "UsersUnlocked was not counted: --endpoint-url names another Cognito (the local stack)"
              + " and no CloudWatch endpoint is set (AWS_ENDPOINT_URL_CLOUDWATCH). The unlock"
              + " stands.");
      return;
    }
    try (CloudWatchClient cloudWatch =
        withEndpoint(
                configure(CloudWatchClient.builder(), resolvedRegion, credentials, http),
                "CLOUDWATCH")
            .build()) {
      Optional<String> failure =
          new UnlockMetric(cloudWatch).count(metrics.namespace(), clock.instant());
      if (failure.isEmpty()) {
        out.println(
            "Counted as "
                + UnlockMetric.USERS_UNLOCKED
                + " in the CloudWatch namespace "
                + metrics.namespace()
                + ".");
      } else {
        err.println(
            UnlockMetric.USERS_UNLOCKED
                + " was not counted in "
                + metrics.namespace()
                + ": "
                + failure.get()
                + ". The unlock stands.");
      }
    }
  }

  private void resetBudget(UserStore store, String userSub, CodeEmailLimits limits) {
    Optional<BudgetWindows.Counts> cleared = store.deleteBudget(userSub);
    if (cleared.isEmpty()) {
      out.println(whoFirst() + " had no code-email budget item: nothing to reset.");
      return;
    }
    BudgetUsage usage = BudgetUsage.of(cleared, limits, clock.instant());
    out.println(
        "Reset the code-email budget of "
            + who()
            + ": "
            + usage.hourEmails()
            + " sent this hour and "
            + usage.dayEmails()
            + " today cleared"
            + (usage.refusal().isPresent() ? " (codes had been refused until " : "")
            + usage.refusal().map(r -> r.allowedAgainAt() + ")").orElse("")
            + ".");
  }

  /** The user as the operator named them: the username typed, or the sub (never an address). */
  private String who() {
    return username != null ? username : "the user with sub " + sub;
  }

  /** {@link #who()} at the start of a sentence (a username is printed as typed). */
  private String whoFirst() {
    return username != null ? username : "The user with sub " + sub;
  }

  private static String wrongCodes(int count) {
    return count + (count == 1 ? " consecutive wrong code" : " consecutive wrong codes");
  }

  /** Combinations picocli's annotations cannot say, worded as picocli words its own. */
  private void checkOptions() {
    if ((username == null) == (sub == null)) {
      throw usage(
          username == null
              ? "Missing required option: give '--username=<username>' or '--sub=<sub>'"
              : "Give --username or --sub, not both");
    }
    if (sub != null && !UserLookup.SUB.matcher(sub).matches()) {
      throw usage("--sub '" + sub + "' is not a sub: Cognito's subs are UUIDs");
    }
    boolean byOptions =
        userPoolId != null || budgetTable != null || lockTable != null || deviceTable != null;
    if (stackName != null && byOptions) {
      throw usage(
          "--stack-name reads the pool and the tables from the stack: give it without --pool-id,"
              + " --budget-table, --lock-table and --device-table");
    }
    if (removeDevice != null && removeAllDevices) {
      throw usage("Give --remove-device or --remove-all-devices, not both");
    }
    if (removeDevice != null && !DeviceKey.isWellFormedId(removeDevice)) {
      throw usage(
          "--remove-device '"
              + removeDevice
              + "' is not a device id: an id is the 43 characters the report shows");
    }
    if (stackName == null && deviceTable == null && (removeDevice != null || removeAllDevices)) {
      throw usage(
          (removeDevice != null ? "--remove-device" : "--remove-all-devices")
              + " needs the trusted-device table: give --device-table (or --stack-name)");
    }
    if (stackName != null
        && (maxPerHour != null
            || maxPerDay != null
            || maxConsecutiveWrongCodes != null
            || metricsNamespace != null)) {
      throw usage(
          "--stack-name reads the limits and the metrics namespace from the stack's parameters:"
              + " give it without --max-... and --metrics-namespace");
    }
    if (stackName == null) {
      List<String> missing = new java.util.ArrayList<>();
      if (userPoolId == null) {
        missing.add("'--pool-id=<userPoolId>'");
      }
      if (budgetTable == null) {
        missing.add("'--budget-table=<budgetTable>'");
      }
      if (lockTable == null) {
        missing.add("'--lock-table=<lockTable>'");
      }
      if (!missing.isEmpty()) {
        throw usage(
            "Give --stack-name, or --pool-id with --budget-table and --lock-table; missing: "
                + String.join(", ", missing));
      }
    }
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }

  private String region() {
    if (region != null) {
      return region;
    }
    if (userPoolId != null) {
      return ExampleClient.regionOf(userPoolId);
    }
    for (String variable : List.of("AWS_REGION", "AWS_DEFAULT_REGION")) {
      String value = environment.getOrDefault(variable, "").strip();
      if (!value.isEmpty()) {
        return value;
      }
    }
    throw new IllegalArgumentException("Give --region (or set AWS_REGION) with --stack-name.");
  }

  private UserTarget stackTarget(
      Region resolvedRegion, DefaultCredentialsProvider credentials, SdkHttpClient http) {
    try (CloudFormationClient cloudFormation =
        withEndpoint(
                configure(CloudFormationClient.builder(), resolvedRegion, credentials, http),
                "CLOUDFORMATION")
            .build()) {
      return new UserStackReader(cloudFormation).read(stackName);
    }
  }

  private UserTarget optionsTarget() {
    Map<String, String> given = new LinkedHashMap<>();
    given.put(Setting.MAX_CODE_EMAILS_PER_HOUR.parameter(), maxPerHour);
    given.put(Setting.MAX_CODE_EMAILS_PER_DAY.parameter(), maxPerDay);
    given.put(Setting.MAX_CONSECUTIVE_WRONG_CODES.parameter(), maxConsecutiveWrongCodes);
    given.put(Setting.METRICS_NAMESPACE.parameter(), metricsNamespace);
    return new UserTarget(
        userPoolId,
        budgetTable,
        lockTable,
        Optional.ofNullable(deviceTable),
        OperatorSettings.of(given, OperatorSettings.Source.OPTION));
  }

  private static CodeEmailLimits limits(OperatorSettings settings) {
    try {
      return new CodeEmailLimits(
          settings.number(Setting.MAX_CODE_EMAILS_PER_HOUR),
          settings.number(Setting.MAX_CODE_EMAILS_PER_DAY));
    } catch (InvalidSettingException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static MetricsSettings metricsSettings(OperatorSettings settings) {
    try {
      return new MetricsSettings(
          settings
              .value(Setting.METRICS_NAMESPACE.parameter())
              .map(OperatorSettings.Value::text)
              .orElse(MetricsSettings.DEFAULT_NAMESPACE));
    } catch (InvalidSettingException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** {@code AWS_ENDPOINT_URL_<service>}, then {@code AWS_ENDPOINT_URL}, from the environment. */
  private Optional<String> serviceEndpoint(String service) {
    for (String variable : List.of("AWS_ENDPOINT_URL_" + service, "AWS_ENDPOINT_URL")) {
      String value = environment.getOrDefault(variable, "").strip();
      if (!value.isEmpty()) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }

  private <B extends AwsClientBuilder<B, ?>> B withEndpoint(B builder, String service) {
    serviceEndpoint(service).ifPresent(url -> builder.endpointOverride(URI.create(url)));
    return builder;
  }

  private static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(
      B builder, Region region, DefaultCredentialsProvider credentials, SdkHttpClient http) {
    return builder.region(region).credentialsProvider(credentials).httpClient(http);
  }
}
