package io.github.cognitoemailotp.local.cognito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cognitoemailotp.client.SignInFlow;
import io.github.cognitoemailotp.local.lambda.Trigger;
import io.github.cognitoemailotp.local.lambda.TriggerInvoker;
import io.github.cognitoemailotp.local.template.StackTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeMismatchException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SignUpResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UpdateUserAttributesResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotConfirmedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

/**
 * SignUp, ConfirmSignUp, UpdateUserAttributes, VerifyUserAttribute and GetUser with the template's
 * settings changed as a deployer could change them (AllowSelfSignUp=true; a client that may write
 * email), through the AWS SDK's client. The triggers are a password-only stand-in: these operations
 * do not run them, and a sign-in here only has to yield an access token.
 */
class SelfServiceTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "Corr3ct-horse";
  private static final String POOL = "us-east-1_LocalPool1";
  private static final String CLIENT = "7lc0localcognitoclient0001";

  @TempDir Path directory;

  private CognitoServer server;
  private CognitoIdentityProviderClient anonymous;
  private CognitoIdentityProviderClient admin;
  private CognitoService service;

  /**
   * Issues tokens for any answer once the password is proven: a custom challenge that checks
   * nothing, so these tests reach the self-service operations with a user's access token (the
   * example client accepts tokens only as the answer to a challenge).
   */
  private static final TriggerInvoker PASSWORD_ONLY =
      new TriggerInvoker() {
        @Override
        public byte[] invoke(Trigger trigger, byte[] eventJson) {
          try {
            ObjectNode event = (ObjectNode) JSON.readTree(eventJson);
            var history = event.path("request").path("session");
            ObjectNode response = event.putObject("response");
            switch (trigger) {
              case DEFINE_AUTH_CHALLENGE -> {
                String last =
                    history.isEmpty()
                        ? ""
                        : history.get(history.size() - 1).path("challengeName").asText();
                boolean passed =
                    !history.isEmpty()
                        && history.get(history.size() - 1).path("challengeResult").asBoolean();
                if (!last.equals("PASSWORD_VERIFIER") && !last.equals("CUSTOM_CHALLENGE")) {
                  response.put("challengeName", "PASSWORD_VERIFIER");
                } else if (!passed) {
                  response.put("failAuthentication", true);
                } else if (last.equals("PASSWORD_VERIFIER")) {
                  response.put("challengeName", "CUSTOM_CHALLENGE");
                } else {
                  response.put("issueTokens", true);
                }
              }
              case CREATE_AUTH_CHALLENGE -> {
                response.putObject("publicChallengeParameters");
                response.putObject("privateChallengeParameters");
                response.put("challengeMetadata", "ANY");
              }
              case VERIFY_AUTH_CHALLENGE -> response.put("answerCorrect", true);
              default -> {}
            }
            return JSON.writeValueAsBytes(event);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }

        @Override
        public void close() {}
      };

  private void start(Map<String, String> overrides, String templateText) throws IOException {
    Path template = directory.resolve("template.yaml");
    Files.writeString(template, templateText);
    Map<String, String> parameters = new HashMap<>(overrides);
    parameters.put("EmailSender", "no-reply@example.com");
    StackTemplate stack = StackTemplate.load(template, parameters, "us-east-1");
    int port;
    try (var probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    String endpoint = "http://127.0.0.1:" + port;
    service =
        new CognitoService(
            stack,
            PASSWORD_ONLY,
            Clock.systemUTC(),
            "us-east-1",
            POOL,
            CLIENT,
            endpoint + "/" + POOL);
    server = new CognitoServer(service, POOL, port);
    anonymous = client(endpoint, false);
    admin = client(endpoint, true);
  }

  private static CognitoIdentityProviderClient client(String endpoint, boolean signed) {
    return CognitoIdentityProviderClient.builder()
        .region(Region.US_EAST_1)
        .endpointOverride(URI.create(endpoint))
        .httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(
            signed
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create("l", "l"))
                : AnonymousCredentialsProvider.create())
        .build();
  }

  private static String template() throws IOException {
    return Files.readString(Path.of("..", "template.yaml"));
  }

  @AfterEach
  void stop() {
    if (server != null) {
      anonymous.close();
      admin.close();
      server.close();
    }
  }

  private SignUpResponse signUp(String email, String password) {
    return anonymous.signUp(request -> request.clientId(CLIENT).username(email).password(password));
  }

  private String status(String email) {
    return admin
        .adminGetUser(request -> request.userPoolId(POOL).username(email))
        .userStatusAsString();
  }

  private Map<String, String> attributes(String email) {
    return admin
        .adminGetUser(request -> request.userPoolId(POOL).username(email))
        .userAttributes()
        .stream()
        .collect(Collectors.toMap(AttributeType::name, AttributeType::value));
  }

  private String signIn(String email) throws Exception {
    return new SignInFlow(anonymous, POOL, CLIENT, Optional.empty(), line -> {})
        .signIn(email, PASSWORD, challenge -> "unused")
        .accessToken();
  }

  private String lastCode(String address) {
    List<CognitoMessage> messages = service.messagesTo(address);
    assertThat(messages).isNotEmpty();
    return messages.getLast().code();
  }

  @Test
  void selfSignUpCreatesAnUnconfirmedUserThatConfirmSignUpConfirms() throws Exception {
    start(Map.of("AllowSelfSignUp", "true"), template());
    String email = "new-" + System.nanoTime() + "@example.com";
    SignUpResponse signedUp = signUp(email, PASSWORD);
    assertThat(signedUp.userConfirmed()).isFalse();
    assertThat(signedUp.userSub()).isNotBlank();
    assertThat(signedUp.codeDeliveryDetails().destination()).startsWith("n***@e");
    assertThat(status(email)).isEqualTo("UNCONFIRMED");
    assertThat(attributes(email))
        .containsEntry("email", email)
        .containsEntry("email_verified", "false");
    assertThatThrownBy(() -> signIn(email)).hasMessageContaining("User is not confirmed.");

    assertThatThrownBy(
            () ->
                anonymous.confirmSignUp(
                    request ->
                        request
                            .clientId(CLIENT)
                            .username(email)
                            .confirmationCode(lastCode(email).equals("000000") ? "1" : "000000")))
        .isInstanceOf(CodeMismatchException.class)
        .hasMessageStartingWith("Invalid verification code provided, please try again.");
    anonymous.confirmSignUp(
        request -> request.clientId(CLIENT).username(email).confirmationCode(lastCode(email)));
    assertThat(status(email)).isEqualTo("CONFIRMED");
    assertThat(attributes(email)).containsEntry("email_verified", "true");
    assertThat(signIn(email)).isNotBlank();
  }

  @Test
  void unconfirmedUserCannotGetTokensEvenWithTheRightPassword() throws Exception {
    start(Map.of("AllowSelfSignUp", "true"), template());
    String email = "unconfirmed-" + System.nanoTime() + "@example.com";
    signUp(email, PASSWORD);
    assertThatThrownBy(() -> signIn(email))
        .hasCauseInstanceOf(UserNotConfirmedException.class)
        .hasMessageContaining("User is not confirmed.");
  }

  @Test
  void selfSignUpShowsWhichAddressesHaveAccountsWhichIsWhyItIsOffByDefault() throws Exception {
    start(Map.of("AllowSelfSignUp", "true"), template());
    String email = "taken-" + System.nanoTime() + "@example.com";
    signUp(email, PASSWORD);
    assertThatThrownBy(() -> signUp(email, PASSWORD))
        .isInstanceOf(UsernameExistsException.class)
        .hasMessageStartingWith("An account with the given email already exists.");
  }

  @Test
  void signUpChecksThePasswordPolicyAndTheClientsWriteAttributes() throws Exception {
    start(Map.of("AllowSelfSignUp", "true"), template());
    assertThatThrownBy(() -> signUp("weak-" + System.nanoTime() + "@example.com", "short"))
        .isInstanceOf(InvalidPasswordException.class)
        .hasMessageStartingWith("Password did not conform with policy: Password not long enough");
    assertThatThrownBy(
            () ->
                anonymous.signUp(
                    request ->
                        request
                            .clientId(CLIENT)
                            .username("verified-" + System.nanoTime() + "@example.com")
                            .password(PASSWORD)
                            .userAttributes(
                                AttributeType.builder()
                                    .name("email_verified")
                                    .value("true")
                                    .build())))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageStartingWith("A client attempted to write unauthorized attribute");
  }

  @Test
  void signUpIsRefusedWhenTheTemplateKeepsItAdminOnly() throws Exception {
    start(Map.of(), template());
    assertThatThrownBy(() -> signUp("x-" + System.nanoTime() + "@example.com", PASSWORD))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageStartingWith("SignUp is not permitted for this user pool");
  }

  /**
   * Why the template does not let the app write email: with write access, verification before
   * update only delays the move, since whoever holds the token reads the new mailbox and verifies
   * it. This is the attack the template's WriteAttributes closes, shown on a client that allows it.
   */
  @Test
  void withWritableEmailTheNewAddressWaitsForVerificationThenTakesOver() throws Exception {
    String writable =
        template().replace("WriteAttributes: [locale]", "WriteAttributes: [locale, email]");
    assertThat(writable).contains("WriteAttributes: [locale, email]");
    start(Map.of("AllowSelfSignUp", "true"), writable);
    String email = "victim-" + System.nanoTime() + "@example.com";
    signUp(email, PASSWORD);
    anonymous.confirmSignUp(
        request -> request.clientId(CLIENT).username(email).confirmationCode(lastCode(email)));
    String accessToken = signIn(email);
    String attacker = "attacker-" + System.nanoTime() + "@example.net";
    UpdateUserAttributesResponse update =
        anonymous.updateUserAttributes(
            request ->
                request
                    .accessToken(accessToken)
                    .userAttributes(AttributeType.builder().name("email").value(attacker).build()));
    assertThat(update.codeDeliveryDetailsList())
        .singleElement()
        .satisfies(delivery -> assertThat(delivery.attributeName()).isEqualTo("email"));
    assertThat(attributes(email))
        .as("held until verified")
        .containsEntry("email", email)
        .containsEntry("email_verified", "true");
    anonymous.verifyUserAttribute(
        request ->
            request.accessToken(accessToken).attributeName("email").code(lastCode(attacker)));
    assertThat(attributes(attacker))
        .containsEntry("email", attacker)
        .containsEntry("email_verified", "true");
  }
}
