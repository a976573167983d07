package io.github.cognitoemailotp.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cognitoemailotp.client.CodePrompt;
import io.github.cognitoemailotp.client.SignInException;
import io.github.cognitoemailotp.client.SignInFlow;
import io.github.cognitoemailotp.client.device.DeviceKeyFile;
import io.github.cognitoemailotp.client.device.DeviceStore;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Trusted devices on the whole local stack (the functions in their own JVMs through the Lambda
 * runtime client, dynalite, the SES emulator) with the example client: a device registers after the
 * password and the emailed code, and then signs in with the password and no email; another user's
 * key file, a signature that does not verify, a revoked device, an expired one and the devices of a
 * user whose password was reset fall back to the emailed code; a wrong password gets nothing,
 * device or not; a device forgets itself, and a correct code forgets them all.
 *
 * <p>The functions run on the system clock and no clock is added for tests: an expired device is
 * one whose item's {@code expiresAt} lies in the past, which is what the passing of its days
 * leaves.
 */
class TrustedDeviceEndToEndTest {

  static LocalStack stack;
  static DynamoDbClient dynamo;

  @TempDir Path directory;
  final List<String> said = Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  static void start() {
    stack =
        LocalStack.start(
            Map.of(
                "TrustedDeviceDays", "30",
                "PasswordRecovery", "email",
                "MaxCodeEmailsPerHour", "100",
                "MaxCodeEmailsPerDay", "1000"),
            1);
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

  DeviceStore store() {
    return new DeviceStore(directory.resolve("devices"));
  }

  SignInFlow flow(boolean trust) {
    return stack.signInFlow(said::add).withDevices(store(), trust, "e2e laptop");
  }

  static final CodePrompt NO_CODE_EXPECTED =
      challenge -> {
        throw new AssertionError("a code was asked for: " + challenge);
      };

  String pool() {
    return stack.cognito.userPoolId();
  }

  /** Registers this test's device for {@code email} and returns its key. */
  DeviceKeyFile registered(String email) throws Exception {
    flow(true).signIn(email, LocalStack.PASSWORD, stack.emailedCodes(email));
    return store().load(pool(), email).orElseThrow();
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

  List<Map<String, AttributeValue>> items(String email) {
    String sub = subOf(email);
    return dynamo
        .query(
            request ->
                request
                    .tableName("TrustedDeviceTable")
                    .keyConditionExpression("#sub = :sub")
                    .expressionAttributeNames(Map.of("#sub", "sub"))
                    .expressionAttributeValues(Map.of(":sub", AttributeValue.fromS(sub))))
        .items();
  }

  @Test
  void aDeviceRegisteredAfterTheCodeSignsInWithThePasswordAndNoEmail() throws Exception {
    String email = stack.newUser();
    DeviceKeyFile key = registered(email);
    assertThat(stack.ses.emailsTo(email)).hasSize(1);
    assertThat(Files.getPosixFilePermissions(store().fileOf(pool(), email)))
        .hasSize(2)
        .allMatch(permission -> permission.name().startsWith("OWNER"));
    assertThat(items(email))
        .singleElement()
        .satisfies(
            item -> {
              assertThat(item.get("deviceId").s()).isEqualTo(key.deviceId());
              assertThat(item.get("publicKey").s()).isEqualTo(key.publicKeyBase64());
              assertThat(item.get("name").s()).isEqualTo("e2e laptop");
              assertThat(item).doesNotContainKey("privateKey");
            });

    AuthenticationResultType tokens =
        flow(false).signIn(email, LocalStack.PASSWORD, NO_CODE_EXPECTED);
    assertThat(stack.tokenVerifier().verify(tokens.idToken()).getStringClaim("email"))
        .isEqualTo(email);
    assertThat(stack.ses.emailsTo(email)).as("no second email").hasSize(1);
    assertThat(said).anyMatch(line -> line.contains("This device is trusted"));
  }

  @Test
  void aDeviceForgetsItselfWithItsProofAndTheNextSignInIsEmailed() throws Exception {
    String email = stack.newUser();
    registered(email);
    AuthenticationResultType tokens =
        flow(false)
            .withForget(SignInFlow.Forget.THIS)
            .signIn(email, LocalStack.PASSWORD, NO_CODE_EXPECTED);
    assertThat(tokens.idToken()).isNotBlank();
    assertThat(items(email)).as("forgotten by the pool").isEmpty();
    assertThat(store().load(pool(), email)).as("and by this computer").isEmpty();
    flow(false).signIn(email, LocalStack.PASSWORD, stack.emailedCodes(email));
    assertThat(stack.ses.emailsTo(email)).hasSize(2);
  }

  @Test
  void forgettingAllDevicesTakesTheEmailedCodeAndRemovesEveryDevice() throws Exception {
    String email = stack.newUser();
    DeviceKeyFile lost = registered(email);
    store().forget(pool(), email);
    registered(email);
    assertThat(items(email)).hasSize(2);
    List<String> codesAsked = new ArrayList<>();
    CodePrompt codes = stack.emailedCodes(email);
    flow(false)
        .withForget(SignInFlow.Forget.ALL)
        .signIn(
            email,
            LocalStack.PASSWORD,
            challenge -> {
              codesAsked.add(challenge.maskedEmail());
              return codes.nextCode(challenge);
            });
    assertThat(codesAsked).as("the key was not used").hasSize(1);
    assertThat(items(email)).isEmpty();
    store().save(pool(), email, lost);
    flow(false).signIn(email, LocalStack.PASSWORD, stack.emailedCodes(email));
    assertThat(stack.ses.emailsTo(email)).as("the lost key gets the email").hasSize(4);
  }

  @Test
  void aPasswordResetRemovesTheUsersDevicesAndTheirKeysGetTheEmailedCode() throws Exception {
    String email = stack.newUser();
    registered(email);
    store().forget(pool(), email);
    DeviceKeyFile second = registered(email);
    assertThat(items(email)).hasSize(2);
    stack.anonymous.forgotPassword(r -> r.clientId(stack.cognito.clientId()).username(email));
    String resetCode = stack.cognito.cognitoMessagesTo(email).getLast().code();
    stack.anonymous.confirmForgotPassword(
        r ->
            r.clientId(stack.cognito.clientId())
                .username(email)
                .confirmationCode(resetCode)
                .password(LocalStack.PASSWORD));
    assertThat(items(email)).as("Post Confirmation removed every device").isEmpty();
    assertThat(store().load(pool(), email).map(DeviceKeyFile::deviceId))
        .as("this computer still holds its key")
        .contains(second.deviceId());
    List<String> codesAsked = new ArrayList<>();
    CodePrompt codes = stack.emailedCodes(email);
    flow(false)
        .signIn(
            email,
            LocalStack.PASSWORD,
            challenge -> {
              codesAsked.add(challenge.maskedEmail());
              return codes.nextCode(challenge);
            });
    assertThat(codesAsked).as("the key no longer stands in for the code").hasSize(1);
    assertThat(store().load(pool(), email)).as("and this computer dropped it").isEmpty();
  }

  @Test
  void aTrustedDeviceNeverStandsInForThePassword() throws Exception {
    String email = stack.newUser();
    registered(email);
    assertThatThrownBy(() -> flow(false).signIn(email, "Wr0ng-horse", NO_CODE_EXPECTED))
        .isInstanceOf(SignInException.class)
        .hasMessageContaining("Incorrect username or password");
    assertThat(stack.ses.emailsTo(email)).hasSize(1);
  }

  @Test
  void anotherUsersKeyFileGetsTheEmailedCodeAndIsDropped() throws Exception {
    String owner = stack.newUser();
    DeviceKeyFile ownersKey = registered(owner);
    String other = stack.newUser();
    store().save(pool(), other, ownersKey);
    AuthenticationResultType tokens =
        flow(false).signIn(other, LocalStack.PASSWORD, stack.emailedCodes(other));
    assertThat(tokens.idToken()).isNotBlank();
    assertThat(stack.ses.emailsTo(other)).hasSize(1);
    assertThat(store().load(pool(), other)).as("the copied key is removed").isEmpty();
    assertThat(items(other)).isEmpty();
  }

  @Test
  void aSignatureThatDoesNotVerifyFallsBackToTheEmailedCode() throws Exception {
    String email = stack.newUser();
    DeviceKeyFile key = registered(email);
    KeyPair wrongPrivate =
        new KeyPair(key.keys().getPublic(), DeviceKeyFile.generate("x").keys().getPrivate());
    store().save(pool(), email, new DeviceKeyFile(wrongPrivate, key.name()));
    List<String> codesAsked = new ArrayList<>();
    CodePrompt codes = stack.emailedCodes(email);
    AuthenticationResultType tokens =
        flow(false)
            .signIn(
                email,
                LocalStack.PASSWORD,
                challenge -> {
                  codesAsked.add(challenge.maskedEmail());
                  return codes.nextCode(challenge);
                });
    assertThat(tokens.idToken()).isNotBlank();
    assertThat(codesAsked).as("tokens only after the emailed code").hasSize(1);
    assertThat(stack.ses.emailsTo(email)).hasSize(2);
    assertThat(said).anyMatch(line -> line.contains("proof was not accepted"));
  }

  @Test
  void aRevokedDeviceGetsTheEmailedCodeAndIsDropped() throws Exception {
    String email = stack.newUser();
    DeviceKeyFile key = registered(email);
    dynamo.deleteItem(
        request ->
            request
                .tableName("TrustedDeviceTable")
                .key(
                    Map.of(
                        "sub", AttributeValue.fromS(subOf(email)),
                        "deviceId", AttributeValue.fromS(key.deviceId()))));
    flow(false).signIn(email, LocalStack.PASSWORD, stack.emailedCodes(email));
    assertThat(stack.ses.emailsTo(email)).hasSize(2);
    assertThat(store().load(pool(), email)).isEmpty();
  }

  @Test
  void anExpiredDeviceGetsTheEmailedCode() throws Exception {
    String email = stack.newUser();
    DeviceKeyFile key = registered(email);
    dynamo.updateItem(
        request ->
            request
                .tableName("TrustedDeviceTable")
                .key(
                    Map.of(
                        "sub", AttributeValue.fromS(subOf(email)),
                        "deviceId", AttributeValue.fromS(key.deviceId())))
                // What 30 days leave: registered 31 days ago, expired yesterday.
                .updateExpression(
                    "SET createdAt = :created, lastUsedAt = :created, expiresAt = :past")
                .expressionAttributeValues(
                    Map.of(
                        ":created",
                        AttributeValue.fromN(
                            Long.toString(
                                Instant.now().minus(Duration.ofDays(31)).getEpochSecond())),
                        ":past",
                        AttributeValue.fromN(
                            Long.toString(
                                Instant.now().minus(Duration.ofDays(1)).getEpochSecond())))));
    flow(false).signIn(email, LocalStack.PASSWORD, stack.emailedCodes(email));
    assertThat(stack.ses.emailsTo(email)).hasSize(2);
    assertThat(said).anyMatch(line -> line.contains("no longer trusted"));
  }

  @Test
  void withTrustedDeviceDaysZeroNothingRegisters() throws Exception {
    try (LocalStack off = LocalStack.start(Map.of("TrustedDeviceDays", "0"), 1)) {
      String email = off.newUser();
      off.signInFlow(said::add)
          .withDevices(store(), true, "e2e laptop")
          .signIn(email, LocalStack.PASSWORD, off.emailedCodes(email));
      assertThat(store().load(off.cognito.userPoolId(), email)).isEmpty();
      assertThat(said).anyMatch(line -> line.contains("does not offer trusted devices"));
      try (DynamoDbClient offDynamo =
          DynamoDbClient.builder()
              .region(Region.US_EAST_1)
              .endpointOverride(URI.create(off.cognito.dynamoDb().endpoint()))
              .credentialsProvider(
                  StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
              .httpClient(UrlConnectionHttpClient.create())
              .build()) {
        assertThat(offDynamo.listTables().tableNames()).doesNotContain("TrustedDeviceTable");
      }
    }
  }
}
