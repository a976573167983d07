package io.github.cognitoemailotp.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cognitoemailotp.client.CodePrompt;
import io.github.cognitoemailotp.client.ExitCode;
import io.github.cognitoemailotp.client.SignInException;
import io.github.cognitoemailotp.client.SignInFlow;
import io.github.cognitoemailotp.local.lambda.CarelessDefineHandler;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;

/**
 * The local Cognito trusts Define's {@code issueTokens} as Cognito does: template.yaml with its
 * Define swapped for {@link CarelessDefineHandler}, run through the Lambda runtime client like the
 * real one, gets tokens after a wrong code when the token gate is not wired. So an end-to-end test
 * would catch such a Define, and the gate is a second line, not the only one.
 */
class TriggerTrustEndToEndTest {

  private static final String DEFINE =
      "io.github.cognitoemailotp.define.DefineAuthChallengeHandler::handleRequest";

  private static SesEmulator ses;
  private static LocalCognito cognito;
  private static CognitoIdentityProviderClient admin;
  private static CognitoIdentityProviderClient anonymous;

  @BeforeAll
  static void start() throws Exception {
    // Without the token gate: this test is about what local-cognito does with Define's answer; the
    // gate would refuse these tokens on its own (TokenGateEndToEndTest proves the gate).
    String template = Files.readString(TokenGateTemplates.withoutTokenGate());
    assertThat(template).contains(DEFINE);
    Path careless = Files.createDirectories(Path.of("target", "careless-define"));
    Files.writeString(
        careless.resolve("template.yaml"),
        template.replace(DEFINE, CarelessDefineHandler.class.getName() + "::handleRequest"));
    ses = new SesEmulator();
    Map<String, String> environment = new HashMap<>(System.getenv());
    environment.put("AWS_ENDPOINT_URL_SESV2", ses.url());
    environment.put("AWS_ACCESS_KEY_ID", "local");
    environment.put("AWS_SECRET_ACCESS_KEY", "local");
    cognito =
        LocalCognito.start(
            new LocalCognito.Options(
                careless.resolve("template.yaml"),
                Map.of("EmailSender", "no-reply@example.com"),
                "us-east-1",
                0,
                environment,
                Clock.systemUTC(),
                careless.resolve("function-logs"),
                1,
                1,
                15));
    admin = client(StaticCredentialsProvider.create(AwsBasicCredentials.create("l", "l")));
    anonymous = client(AnonymousCredentialsProvider.create());
  }

  private static CognitoIdentityProviderClient client(
      software.amazon.awssdk.auth.credentials.AwsCredentialsProvider credentials) {
    return CognitoIdentityProviderClient.builder()
        .region(Region.US_EAST_1)
        .endpointOverride(URI.create(cognito.endpoint()))
        .httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(credentials)
        .build();
  }

  @AfterAll
  static void stop() {
    if (admin != null) {
      admin.close();
      anonymous.close();
    }
    if (cognito != null) {
      cognito.close();
    }
    if (ses != null) {
      ses.close();
    }
  }

  private static SignInFlow signInFlow() {
    return new SignInFlow(
        anonymous, cognito.userPoolId(), cognito.clientId(), Optional.empty(), line -> {});
  }

  @Test
  void defineThatIssuesTokensAfterAWrongCodeGetsThem() throws Exception {
    String email = "careless-" + System.nanoTime() + "@example.com";
    admin.adminCreateUser(
        request ->
            request
                .userPoolId(cognito.userPoolId())
                .username(email)
                .messageAction(MessageActionType.SUPPRESS));
    admin.adminSetUserPassword(
        request ->
            request
                .userPoolId(cognito.userPoolId())
                .username(email)
                .password(LocalStack.PASSWORD)
                .permanent(true));
    CodePrompt wrongCode =
        challenge -> {
          String right = SesEmulator.codeIn(ses.awaitEmail(email, 0));
          return right.equals("000000") ? "111111" : "000000";
        };
    AuthenticationResultType tokens = signInFlow().signIn(email, LocalStack.PASSWORD, wrongCode);
    assertThat(tokens.idToken()).as("what Define asked for, as Cognito would").isNotBlank();
    assertThat(ses.emailsTo(email)).hasSize(1);
  }

  @Test
  void tokensForAUserThatDoesNotExistAreStillRefused() {
    assertThatThrownBy(
            () ->
                signInFlow()
                    .signIn(
                        "nobody-" + System.nanoTime() + "@example.com",
                        LocalStack.PASSWORD,
                        challenge -> "123456"))
        .isInstanceOfSatisfying(
            SignInException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.WRONG_PASSWORD))
        .hasMessage("Incorrect username or password.");
  }
}
