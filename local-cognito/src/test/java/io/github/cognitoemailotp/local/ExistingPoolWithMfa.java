package io.github.cognitoemailotp.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolMfaType;

/**
 * A pool made elsewhere (ExistingUserPoolArn) that already uses what real pools use, before the
 * stack is attached from {@code template}: MFA OPTIONAL with software tokens, a user who set up
 * TOTP through a password-only client (a real RFC 6238 secret, verified and preferred), and an
 * invited user with a temporary password. Then the stack's client and LambdaConfig are added, and
 * the functions run through the Lambda runtime client.
 */
final class ExistingPoolWithMfa implements AutoCloseable {

  static final String POOL_ARN =
      "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_MfaPool8";
  static final String PASSWORD = "Corr3ct-horse";
  static final String TEMPORARY_PASSWORD = "Temp-passw0rd";

  final SesEmulator ses;
  final LocalCognito cognito;

  /** A CONFIRMED user with TOTP on, whose user name is its email address. */
  final String totpUser;

  /** Its TOTP secret, base32. */
  final String totpSecret;

  /** A FORCE_CHANGE_PASSWORD user with {@link #TEMPORARY_PASSWORD}, named by its address. */
  final String invitedUser;

  private ExistingPoolWithMfa(
      SesEmulator ses,
      LocalCognito cognito,
      String totpUser,
      String totpSecret,
      String invitedUser) {
    this.ses = ses;
    this.cognito = cognito;
    this.totpUser = totpUser;
    this.totpSecret = totpSecret;
    this.invitedUser = invitedUser;
  }

  /** Starts the pool, prepares it, attaches the stack from {@code template}. */
  static ExistingPoolWithMfa start(Path template, String logs) throws IOException {
    SesEmulator ses = new SesEmulator();
    Map<String, String> environment = new HashMap<>(System.getenv());
    environment.put("AWS_ENDPOINT_URL_SESV2", ses.url());
    environment.put("AWS_ACCESS_KEY_ID", "local");
    environment.put("AWS_SECRET_ACCESS_KEY", "local");
    String[] secret = new String[1];
    String totpUser = "totp-" + System.nanoTime() + "@example.com";
    String invitedUser = "invited-" + System.nanoTime() + "@example.com";
    try {
      LocalCognito cognito =
          LocalCognito.start(
              new LocalCognito.Options(
                  template,
                  Map.of(
                      "EmailSender",
                      "no-reply@example.com",
                      "ExistingUserPoolArn",
                      POOL_ARN,
                      "ResendCooldownSeconds",
                      "0"),
                  "us-east-1",
                  0,
                  environment,
                  java.time.Clock.systemUTC(),
                  Files.createDirectories(Path.of("target", logs)),
                  1,
                  1,
                  15,
                  pool -> {
                    try (CognitoIdentityProviderClient owner =
                            ExistingPoolEndToEndTest.client(pool.endpoint(), true);
                        CognitoIdentityProviderClient app =
                            ExistingPoolEndToEndTest.client(pool.endpoint(), false)) {
                      secret[0] = prepare(owner, app, pool.userPoolId(), totpUser, invitedUser);
                    } catch (IOException | RuntimeException e) {
                      throw e;
                    } catch (Exception e) {
                      throw new IOException(e);
                    }
                  }));
      return new ExistingPoolWithMfa(ses, cognito, totpUser, secret[0], invitedUser);
    } catch (IOException | RuntimeException e) {
      ses.close();
      throw e;
    }
  }

  /** AWS's JavaScript client signing in as {@code user}, answering what comes. */
  JavaScriptSignIn javaScript(String user, String password, String newPassword, String secret)
      throws IOException, InterruptedException {
    return JavaScriptSignIn.run(
        cognito.endpoint(),
        cognito.userPoolId(),
        cognito.clientId(),
        user,
        password,
        ses.url(),
        newPassword,
        secret);
  }

  /** The owner's setup: the TOTP user, the invited user, MFA OPTIONAL; returns the secret. */
  private static String prepare(
      CognitoIdentityProviderClient owner,
      CognitoIdentityProviderClient app,
      String poolId,
      String totpUser,
      String invitedUser)
      throws Exception {
    String legacy =
        owner
            .createUserPoolClient(
                r ->
                    r.userPoolId(poolId)
                        .clientName("legacy-web")
                        .explicitAuthFlows(
                            ExplicitAuthFlowsType.ALLOW_USER_SRP_AUTH,
                            ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
            .userPoolClient()
            .clientId();
    owner.adminCreateUser(
        r ->
            r.userPoolId(poolId)
                .username(totpUser)
                .messageAction(MessageActionType.SUPPRESS)
                .userAttributes(
                    AttributeType.builder().name("email").value(totpUser).build(),
                    AttributeType.builder().name("email_verified").value("true").build()));
    owner.adminSetUserPassword(
        r -> r.userPoolId(poolId).username(totpUser).password(PASSWORD).permanent(true));
    String accessToken =
        SrpPasswordProof.answer(app, poolId, legacy, AuthFlowType.USER_SRP_AUTH, totpUser, PASSWORD)
            .authenticationResult()
            .accessToken();
    String secret = app.associateSoftwareToken(r -> r.accessToken(accessToken)).secretCode();
    String code = TestTotp.code(secret, Instant.now());
    app.verifySoftwareToken(r -> r.accessToken(accessToken).userCode(code));
    owner.adminSetUserMFAPreference(
        r ->
            r.userPoolId(poolId)
                .username(totpUser)
                .softwareTokenMfaSettings(s -> s.enabled(true).preferredMfa(true)));
    owner.setUserPoolMfaConfig(
        r ->
            r.userPoolId(poolId)
                .mfaConfiguration(UserPoolMfaType.OPTIONAL)
                .softwareTokenMfaConfiguration(c -> c.enabled(true)));
    owner.adminCreateUser(
        r ->
            r.userPoolId(poolId)
                .username(invitedUser)
                .temporaryPassword(TEMPORARY_PASSWORD)
                .messageAction(MessageActionType.SUPPRESS)
                .userAttributes(
                    AttributeType.builder().name("email").value(invitedUser).build(),
                    AttributeType.builder().name("email_verified").value("true").build()));
    return secret;
  }

  @Override
  public void close() {
    cognito.close();
    ses.close();
  }
}
