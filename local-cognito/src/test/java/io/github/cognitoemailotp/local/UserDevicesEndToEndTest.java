package io.github.cognitoemailotp.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cognitoemailotp.client.CodePrompt;
import io.github.cognitoemailotp.client.device.DeviceKeyFile;
import io.github.cognitoemailotp.client.device.DeviceStore;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code example-client user}'s trusted devices (issue 24 item 4; its jar, as an operator runs it)
 * against the local stack with {@code TrustedDeviceDays=30}: devices registered by the example
 * client's {@code --trust-device} sign-in (Verify writes them) are listed with their ids, names and
 * times, an expired one as expired, never a key; {@code --remove-device} removes one, and that
 * device's next sign-in gets the emailed code; {@code --remove-all-devices} removes the rest in one
 * action; a device item the functions did not write is refused and nothing is removed.
 */
class UserDevicesEndToEndTest {

  static final String TABLE = "TrustedDeviceTable";

  record Run(int exitCode, String out, String err) {}

  static LocalStack stack;
  static DynamoDbClient dynamo;

  @TempDir Path directory;

  @BeforeAll
  static void start() {
    stack = LocalStack.start(Map.of("TrustedDeviceDays", "30"), 1);
    dynamo =
        DynamoDbClient.builder()
            .region(Region.US_EAST_1)
            .endpointOverride(URI.create(stack.cognito.dynamoDb().endpoint()))
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
  }

  @AfterAll
  static void stop() {
    if (dynamo != null) {
      dynamo.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  static Run user(String username, String... more) throws Exception {
    Path jar = Path.of("..", "example-client", "target", "example-client.jar");
    assertThat(jar).as("built by the example-client module").exists();
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
                "user",
                "--pool-id",
                stack.cognito.userPoolId(),
                "--budget-table",
                "CodeEmailBudgetTable",
                "--lock-table",
                "UserLockTable",
                "--device-table",
                TABLE,
                "--endpoint-url",
                stack.cognito.endpoint(),
                "--username",
                username));
    command.addAll(List.of(more));
    Path out = Files.createTempFile("user-out", ".txt");
    Path err = Files.createTempFile("user-err", ".txt");
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().put("AWS_ACCESS_KEY_ID", "local");
      builder.environment().put("AWS_SECRET_ACCESS_KEY", "local");
      builder.environment().put("AWS_ENDPOINT_URL_DYNAMODB", stack.cognito.dynamoDb().endpoint());
      builder.environment().remove("AWS_ENDPOINT_URL");
      builder.environment().remove("AWS_ENDPOINT_URL_CLOUDWATCH");
      Process process = builder.start();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      return new Run(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  static String subOf(String email) {
    return stack
        .admin
        .adminGetUser(request -> request.userPoolId(stack.cognito.userPoolId()).username(email))
        .userAttributes()
        .stream()
        .filter(attribute -> attribute.name().equals("sub"))
        .findFirst()
        .orElseThrow()
        .value();
  }

  static Map<String, AttributeValue> key(String sub, String deviceId) {
    return Map.of("sub", AttributeValue.fromS(sub), "deviceId", AttributeValue.fromS(deviceId));
  }

  static List<String> deviceIds(String email) {
    String sub = subOf(email);
    return dynamo
        .query(
            request ->
                request
                    .tableName(TABLE)
                    .keyConditionExpression("#sub = :sub")
                    .expressionAttributeNames(Map.of("#sub", "sub"))
                    .expressionAttributeValues(Map.of(":sub", AttributeValue.fromS(sub)))
                    .consistentRead(true))
        .items()
        .stream()
        .map(item -> item.get("deviceId").s())
        .toList();
  }

  DeviceStore store(String device) {
    return new DeviceStore(directory.resolve(device));
  }

  /** Signs in with the password and the emailed code and trusts the device: Verify stores it. */
  DeviceKeyFile registered(String email, String device) throws Exception {
    stack
        .signInFlow(line -> {})
        .withDevices(store(device), true, device)
        .signIn(email, LocalStack.PASSWORD, stack.emailedCodes(email));
    return store(device).load(stack.cognito.userPoolId(), email).orElseThrow();
  }

  /** Signs in on {@code device} without trusting it again; how many codes were asked for. */
  int codesAskedSigningInOn(String email, String device) throws Exception {
    int[] asked = {0};
    CodePrompt codes = stack.emailedCodes(email);
    assertThat(
            stack
                .signInFlow(line -> {})
                .withDevices(store(device), false, device)
                .signIn(
                    email,
                    LocalStack.PASSWORD,
                    challenge -> {
                      asked[0]++;
                      return codes.nextCode(challenge);
                    })
                .idToken())
        .isNotBlank();
    return asked[0];
  }

  @Test
  void devicesAreListedOneIsRemovedAndGetsTheEmailedCodeThenAllAreRemovedInOneAction()
      throws Exception {
    String email = stack.newUser();
    String sub = subOf(email);
    DeviceKeyFile laptop = registered(email, "laptop");
    DeviceKeyFile phone = registered(email, "phone");
    DeviceKeyFile tablet = registered(email, "tablet");
    // What 30 days leave behind before TTL deletes the item: registered 31 days ago.
    Instant created =
        Instant.now().minus(Duration.ofDays(31)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    Instant expired = created.plus(Duration.ofDays(30));
    dynamo.updateItem(
        request ->
            request
                .tableName(TABLE)
                .key(key(sub, tablet.deviceId()))
                .updateExpression(
                    "SET createdAt = :created, lastUsedAt = :created, expiresAt = :expired")
                .expressionAttributeValues(
                    Map.of(
                        ":created", AttributeValue.fromN(Long.toString(created.getEpochSecond())),
                        ":expired",
                            AttributeValue.fromN(Long.toString(expired.getEpochSecond())))));
    assertThat(codesAskedSigningInOn(email, "laptop")).as("trusted: no code").isZero();

    Run shown = user(email);

    assertThat(shown.exitCode()).as(shown.err()).isZero();
    assertThat(shown.out())
        .contains("Trusted devices (table TrustedDeviceTable; at most 10 a user)\n")
        .contains("  devices      2 trusted, 1 expired (no longer trusted;")
        .contains("  device       " + laptop.deviceId() + "\n    name       \"laptop\"\n")
        .contains("  device       " + phone.deviceId() + "\n    name       \"phone\"\n")
        .contains(
            "  device       "
                + tablet.deviceId()
                + "\n    name       \"tablet\"\n    registered "
                + created
                + "\n    last used  "
                + created
                + "\n    expired    "
                + expired
                + " (no longer trusted)\n")
        .contains("    expires    ")
        .doesNotContain(laptop.publicKeyBase64())
        .doesNotContain(phone.publicKeyBase64())
        .doesNotContain(tablet.publicKeyBase64());
    // The tablet is the oldest; the order is by registration.
    assertThat(shown.out().indexOf(tablet.deviceId()))
        .isLessThan(shown.out().indexOf(laptop.deviceId()));

    Run removed = user(email, "--remove-device", laptop.deviceId());

    assertThat(removed.exitCode()).as(removed.err()).isZero();
    assertThat(removed.out())
        .startsWith("Removed the trusted device " + laptop.deviceId() + " (\"laptop\", registered ")
        .contains(") of " + email + ": its next sign-in gets the emailed code.\n")
        .contains("  devices      1 trusted, 1 expired")
        .doesNotContain("  device       " + laptop.deviceId());
    assertThat(deviceIds(email)).containsExactlyInAnyOrder(phone.deviceId(), tablet.deviceId());
    int emails = stack.ses.emailsTo(email).size();
    assertThat(codesAskedSigningInOn(email, "laptop"))
        .as("the removed device falls back to the emailed code")
        .isEqualTo(1);
    assertThat(stack.ses.emailsTo(email)).hasSize(emails + 1);
    assertThat(store("laptop").load(stack.cognito.userPoolId(), email))
        .as("the client drops the key the server no longer trusts")
        .isEmpty();

    Run again = user(email, "--remove-device", laptop.deviceId());

    assertThat(again.exitCode()).isEqualTo(13);
    assertThat(again.err())
        .contains(email + " has no trusted device " + laptop.deviceId() + ": nothing removed.");
    assertThat(again.out()).contains("  devices      1 trusted, 1 expired");
    assertThat(deviceIds(email)).hasSize(2);

    Run all = user(email, "--remove-all-devices");

    assertThat(all.exitCode()).as(all.err()).isZero();
    assertThat(all.out())
        .startsWith(
            "Removed all 2 trusted devices of "
                + email
                + " (expired ones included): each sign-in now gets the emailed code.\n")
        .contains("  devices      none\n");
    assertThat(deviceIds(email)).isEmpty();
    assertThat(codesAskedSigningInOn(email, "phone")).isEqualTo(1);
  }

  @Test
  void anotherUsersDeviceIdIsNoSuchDeviceAndStays() throws Exception {
    String owner = stack.newUser();
    DeviceKeyFile ownersLaptop = registered(owner, "owner laptop");
    String other = stack.newUser();

    Run run = user(other, "--remove-device", ownersLaptop.deviceId());

    assertThat(run.exitCode()).isEqualTo(13);
    assertThat(run.err()).contains(other + " has no trusted device " + ownersLaptop.deviceId());
    assertThat(run.out()).contains("  devices      none\n");
    assertThat(deviceIds(owner)).containsExactly(ownersLaptop.deviceId());
  }

  @Test
  void aDeviceItemTheFunctionsDidNotWriteIsRefusedAndNothingIsRemoved() throws Exception {
    String email = stack.newUser();
    String sub = subOf(email);
    DeviceKeyFile laptop = registered(email, "laptop");
    String foreignId = DeviceKeyFile.generate("foreign").deviceId();
    dynamo.putItem(
        request ->
            request
                .tableName(TABLE)
                .item(
                    Map.of(
                        "sub", AttributeValue.fromS(sub),
                        "deviceId", AttributeValue.fromS(foreignId),
                        "name", AttributeValue.fromS("no key, no times"))));

    Run run = user(email, "--remove-all-devices");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains("The user's trusted devices: ")
        .contains("holds an item this code did not write in the table TrustedDeviceTable");
    assertThat(run.out()).isEmpty();
    assertThat(deviceIds(email)).containsExactlyInAnyOrder(laptop.deviceId(), foreignId);
  }
}
