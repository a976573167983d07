package io.github.cognitoemailotp.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cognitoemailotp.local.WebSignInBrowserTest.PageServer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * "Trust this browser" on the web page (example-client/web) in headless Chromium, against a local
 * stack with {@code TrustedDeviceDays = 30}: the browser registers a non-extractable WebCrypto key
 * with the code, signs in with the password only (no email), forgets itself, and the server removes
 * the device after the next code-verified sign-in; a key the server does not trust for the user
 * (another user's, one whose signature does not verify, a tampered id) gets the emailed code and is
 * dropped. The scenarios are example-client/web/test/browser-test.mjs's trust-browser and
 * untrusted-key; trust-off (no registration without the setting) runs in {@link
 * WebSignInBrowserTest} on the shared stack.
 */
class TrustedBrowserTest {

  private static final String DAYS = "30";

  static LocalStack stack;
  static PageServer page;
  static DynamoDbClient dynamo;

  @BeforeAll
  static void start() throws Exception {
    WebSignInBrowserTest.prepareBrowserAndPage();
    stack =
        LocalStack.start(
            Map.of(
                "TrustedDeviceDays", DAYS,
                "MaxCodeEmailsPerHour", "100",
                "MaxCodeEmailsPerDay", "1000"),
            1);
    page = PageServer.start(stack, "--trusted-device-days", DAYS);
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
    if (page != null) {
      page.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  /** The user's items in the stack's TrustedDeviceTable. */
  static List<Map<String, AttributeValue>> devicesOf(String email) {
    String sub =
        stack
            .admin
            .adminGetUser(request -> request.userPoolId(stack.cognito.userPoolId()).username(email))
            .userAttributes()
            .stream()
            .filter(attribute -> attribute.name().equals("sub"))
            .findFirst()
            .orElseThrow()
            .value();
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

  /**
   * Registered with the checkbox, the browser then signs in with the password only and no email;
   * forgotten, its key is gone at once, the next sign-in is emailed a code, and that code's sign-in
   * has the server remove the device.
   */
  @ParameterizedTest(name = "with {0}")
  @ValueSource(strings = {"amplify", "cognito-identity-js"})
  void aTrustedBrowserSignsInWithThePasswordOnlyUntilItIsForgotten(String library)
      throws Exception {
    String email = stack.newUser();
    WebSignInBrowserTest.runScenario(
        "trust-browser",
        library,
        stack,
        page,
        email,
        LocalStack.PASSWORD,
        "--trusted-device-days",
        DAYS);
    assertThat(stack.ses.emailsTo(email)).hasSize(2);
    assertThat(devicesOf(email)).as("the server forgot the device").isEmpty();
  }

  /**
   * Another user's key copied in the browser, a key whose signature does not verify, a key
   * WebCrypto cannot sign with, and a tampered device id: each gets the emailed code and its key is
   * deleted in the browser; the copy never became the other user's device.
   */
  @ParameterizedTest(name = "with {0}")
  @ValueSource(strings = {"amplify", "cognito-identity-js"})
  void aKeyTheServerDoesNotTrustForThisUserGetsTheEmailedCode(String library) throws Exception {
    String owner = stack.newUser();
    String other = stack.newUser();
    WebSignInBrowserTest.runScenario(
        "untrusted-key",
        library,
        stack,
        page,
        owner,
        LocalStack.PASSWORD,
        "--other-email",
        other,
        "--trusted-device-days",
        DAYS);
    assertThat(devicesOf(other)).isEmpty();
    assertThat(devicesOf(owner))
        .as("the three registrations stay at the server until forgotten, expired or removed")
        .hasSize(3)
        .allSatisfy(item -> assertThat(item.get("name").s()).startsWith("Chrome on "));
  }
}
