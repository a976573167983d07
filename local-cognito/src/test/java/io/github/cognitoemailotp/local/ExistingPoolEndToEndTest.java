package io.github.cognitoemailotp.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cognitoemailotp.client.IdTokenVerifier;
import io.github.cognitoemailotp.client.SignInFlow;
import io.github.cognitoemailotp.client.audit.Finding;
import io.github.cognitoemailotp.client.audit.Finding.Check;
import io.github.cognitoemailotp.client.audit.PoolAudit;
import io.github.cognitoemailotp.client.audit.StackFunctions;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DescribeUserPoolClientResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;

/**
 * The stack attached to a user pool made elsewhere (ExistingUserPoolArn), as docs/existing-pool.md
 * describes: the pool starts with Cognito's defaults, its users and a legacy app client, and then
 * gets the stack's client and LambdaConfig. Users made before the attach sign in with the code
 * through the stack's client; the legacy client, which allows USER_SRP_AUTH, still hands out tokens
 * for the password alone, and the audit names it.
 */
class ExistingPoolEndToEndTest {

  static final String POOL_ARN =
      "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Existing7";
  static final String PASSWORD = "Corr3ct-horse";
  static final String ALICE = "alice";
  static final String ALICE_EMAIL = "alice-" + System.nanoTime() + "@example.com";
  static final String BOB = "bob";
  static final String BOB_EMAIL = "bob-" + System.nanoTime() + "@example.com";

  static SesEmulator ses;
  static LocalCognito cognito;
  static CognitoIdentityProviderClient admin;
  static CognitoIdentityProviderClient anonymous;
  static String legacyClientId;

  @BeforeAll
  static void startAnExistingPoolAndAttachTheStack() throws IOException {
    ses = new SesEmulator();
    Map<String, String> environment = new HashMap<>(System.getenv());
    environment.put("AWS_ENDPOINT_URL_SESV2", ses.url());
    environment.put("AWS_ACCESS_KEY_ID", "local");
    environment.put("AWS_SECRET_ACCESS_KEY", "local");
    cognito =
        LocalCognito.start(
            new LocalCognito.Options(
                Path.of("..", "template.yaml"),
                Map.of("EmailSender", "no-reply@example.com", "ExistingUserPoolArn", POOL_ARN),
                "us-east-1",
                0,
                environment,
                java.time.Clock.systemUTC(),
                Files.createDirectories(Path.of("target", "function-logs-existing-pool")),
                2,
                1,
                15,
                pool -> {
                  try (CognitoIdentityProviderClient owner = client(pool.endpoint(), true)) {
                    existingUser(owner, pool.userPoolId(), ALICE, ALICE_EMAIL, true);
                    existingUser(owner, pool.userPoolId(), BOB, BOB_EMAIL, false);
                    legacyClientId =
                        owner
                            .createUserPoolClient(
                                r ->
                                    r.userPoolId(pool.userPoolId())
                                        .clientName("legacy-web")
                                        .explicitAuthFlows(
                                            ExplicitAuthFlowsType.ALLOW_USER_SRP_AUTH,
                                            ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                            .userPoolClient()
                            .clientId();
                  }
                }));
    admin = client(cognito.endpoint(), true);
    anonymous = client(cognito.endpoint(), false);
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

  static CognitoIdentityProviderClient client(String endpoint, boolean signed) {
    return CognitoIdentityProviderClient.builder()
        .region(Region.US_EAST_1)
        .endpointOverride(URI.create(endpoint))
        .httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(
            signed
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))
                : AnonymousCredentialsProvider.create())
        .build();
  }

  /** A user as the pool's owner made it before the stack: a user name, an email attribute. */
  static void existingUser(
      CognitoIdentityProviderClient owner,
      String poolId,
      String username,
      String email,
      boolean verified) {
    owner.adminCreateUser(
        r ->
            r.userPoolId(poolId)
                .username(username)
                .userAttributes(
                    AttributeType.builder().name("email").value(email).build(),
                    AttributeType.builder()
                        .name("email_verified")
                        .value(Boolean.toString(verified))
                        .build())
                .messageAction(MessageActionType.SUPPRESS));
    owner.adminSetUserPassword(
        r -> r.userPoolId(poolId).username(username).password(PASSWORD).permanent(true));
  }

  static SignInFlow stackClientSignIn() {
    return new SignInFlow(
        anonymous, cognito.userPoolId(), cognito.clientId(), Optional.empty(), line -> {});
  }

  static StackFunctions stackOutputs() {
    return new StackFunctions(cognito.lambdaConfig());
  }

  @Test
  void theFirstLineNamesTheExistingPoolAndTheStacksClient() {
    assertThat(cognito.describe())
        .contains(
            "\"userPoolId\":\"us-east-1_Existing7\"",
            "\"userPoolClientId\":\"" + cognito.clientId() + "\"",
            "\"userPoolArn\":\"" + POOL_ARN + "\"",
            "\"existingUserPool\":true");
  }

  @Test
  void theOwnersLambdaConfigNamesTheStacksFunctions() {
    UserPoolType pool = admin.describeUserPool(r -> r.userPoolId(cognito.userPoolId())).userPool();
    assertThat(pool.arn()).isEqualTo(POOL_ARN);
    assertThat(pool.lambdaConfig().defineAuthChallenge())
        .isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:local-DefineAuthChallenge:live");
    assertThat(pool.lambdaConfig().createAuthChallenge())
        .endsWith(":local-CreateAuthChallenge:live");
    assertThat(pool.lambdaConfig().verifyAuthChallengeResponse())
        .endsWith(":local-VerifyAuthChallenge:live");
    assertThat(pool.usernameAttributes()).isEmpty();
    assertThat(pool.adminCreateUserConfig().allowAdminCreateUserOnly()).isFalse();
  }

  @Test
  void aUserMadeBeforeTheAttachSignsInWithTheEmailedCode() throws Exception {
    int before = ses.emailsTo(ALICE_EMAIL).size();
    var tokens =
        stackClientSignIn()
            .signIn(
                ALICE,
                PASSWORD,
                challenge -> SesEmulator.codeIn(ses.awaitEmail(ALICE_EMAIL, before)));
    var claims =
        new IdTokenVerifier(
                IdTokenVerifier.issuerFor(
                    cognito.endpoint(), cognito.region(), cognito.userPoolId()),
                cognito.clientId())
            .verify(tokens.idToken());
    assertThat(claims.getClaim("cognito:username")).isEqualTo(ALICE);
    assertThat(claims.getClaim("email")).isEqualTo(ALICE_EMAIL);
    assertThat(ses.emailsTo(ALICE_EMAIL)).hasSize(before + 1);
  }

  @Test
  void aUserWhoseEmailWasNeverVerifiedStillGetsACodeWhileRequireVerifiedEmailIsFalse()
      throws Exception {
    int before = ses.emailsTo(BOB_EMAIL).size();
    var tokens =
        stackClientSignIn()
            .signIn(
                BOB, PASSWORD, challenge -> SesEmulator.codeIn(ses.awaitEmail(BOB_EMAIL, before)));
    assertThat(tokens.idToken()).isNotBlank();
  }

  @Test
  void theStacksClientRefusesThePasswordOnlyFlow() {
    assertThatThrownBy(
            () ->
                anonymous.initiateAuth(
                    r ->
                        r.clientId(cognito.clientId())
                            .authFlow("USER_SRP_AUTH")
                            .authParameters(Map.of("USERNAME", ALICE, "SRP_A", "abc"))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("USER_SRP_AUTH flow not enabled for this client");
  }

  /**
   * The legacy client's password-only flow proves the password, and then the stack's token gate
   * (the pool's Pre Token Generation trigger, which gates every client not listed in
   * UngatedClientIds) refuses its tokens: no pass, since no code was answered. The audit still
   * names the client (its refresh tokens issued before the gate keep working until revoked).
   */
  @Test
  void theLegacyClientGetsNoTokensForThePasswordAloneOnceTheTokenGateIsWired() throws Exception {
    int before = ses.emailsTo(ALICE_EMAIL).size();
    Process node =
        new ProcessBuilder(
                "node",
                "src/test/js/password-only-sign-in.js",
                cognito.endpoint(),
                cognito.userPoolId(),
                legacyClientId,
                ALICE,
                PASSWORD)
            .redirectErrorStream(true)
            .start();
    String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(output)
        .contains(
            "\"ok\":false",
            "\"code\":\"UserLambdaValidationException\"",
            "Sign-in needs the emailed code. Sign in again.")
        .doesNotContain("\"aud\"");
    assertThat(ses.emailsTo(ALICE_EMAIL)).as("no code was emailed").hasSize(before);
  }

  @Test
  void theLegacyClientStillChecksThePassword() throws Exception {
    Process node =
        new ProcessBuilder(
                "node",
                "src/test/js/password-only-sign-in.js",
                cognito.endpoint(),
                cognito.userPoolId(),
                legacyClientId,
                ALICE,
                "Wr0ng-password")
            .redirectErrorStream(true)
            .start();
    String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(node.exitValue()).isEqualTo(1);
    assertThat(output).contains("NotAuthorizedException", "Incorrect username or password.");
  }

  @Test
  void theAuditNamesTheLegacyClientsPasswordFlow() {
    List<Finding> findings = new PoolAudit(admin).audit(cognito.userPoolId(), stackOutputs());
    assertThat(findings)
        .filteredOn(f -> f.check() == Check.PASSWORD_FLOW && f.clientId().equals(legacyClientId))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.clientId()).isEqualTo(legacyClientId);
              assertThat(f.message()).contains("legacy-web", "ALLOW_USER_SRP_AUTH");
            });
    assertThat(findings)
        .as("the pool was made with Cognito's default: anyone may sign up")
        .anyMatch(f -> f.check() == Check.SELF_SIGN_UP);
    assertThat(findings).noneMatch(f -> f.check() == Check.TRIGGER);
    assertThat(findings)
        .filteredOn(f -> f.clientId().equals(cognito.clientId()))
        .noneMatch(f -> f.check() == Check.PASSWORD_FLOW || f.check() == Check.OAUTH_FLOW);
  }

  @Test
  void theAuditCommandExitsWithFindingsAndNamesTheLegacyClientInJson() throws Exception {
    Path jar = Path.of("..", "example-client", "target", "example-client.jar");
    assertThat(jar).as("built by the example-client module").exists();
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
                "audit",
                "--pool-id",
                cognito.userPoolId(),
                "--endpoint-url",
                cognito.endpoint(),
                "--json")
            .redirectErrorStream(true);
    builder.environment().put("AWS_ACCESS_KEY_ID", "local");
    builder.environment().put("AWS_SECRET_ACCESS_KEY", "local");
    Process audit = builder.start();
    String output = new String(audit.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(audit.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(audit.exitValue()).as(output).isEqualTo(9);
    assertThat(output)
        .startsWith("{\"userPoolId\":\"us-east-1_Existing7\",\"findings\":[")
        .contains("\"check\":\"PASSWORD_FLOW\",\"clientId\":\"" + legacyClientId + "\"");
  }

  @Test
  void createUserPoolClientFillsInCognitosDefaults() {
    String id =
        admin
            .createUserPoolClient(r -> r.userPoolId(cognito.userPoolId()).clientName("defaults"))
            .userPoolClient()
            .clientId();
    DescribeUserPoolClientResponse described =
        admin.describeUserPoolClient(r -> r.userPoolId(cognito.userPoolId()).clientId(id));
    assertThat(id).matches("[a-z0-9]{26}");
    assertThat(described.userPoolClient().explicitAuthFlowsAsStrings())
        .containsExactlyInAnyOrder(
            "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH");
    assertThat(described.userPoolClient().preventUserExistenceErrorsAsString()).isEqualTo("LEGACY");
    assertThat(
            admin
                .listUserPoolClients(r -> r.userPoolId(cognito.userPoolId()).maxResults(60))
                .userPoolClients())
        .extracting(c -> c.clientId())
        .contains(id, legacyClientId, cognito.clientId());
    assertThat(
            admin
                .listUserPoolClientsPaginator(r -> r.userPoolId(cognito.userPoolId()).maxResults(1))
                .userPoolClients()
                .stream()
                .map(c -> c.clientId()))
        .as("one at a time, through NextToken")
        .contains(id, legacyClientId, cognito.clientId())
        .doesNotHaveDuplicates();
  }
}
