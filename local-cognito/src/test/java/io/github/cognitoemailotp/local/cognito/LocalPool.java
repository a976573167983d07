package io.github.cognitoemailotp.local.cognito;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cognitoemailotp.client.srp.CognitoSrp;
import io.github.cognitoemailotp.local.lambda.Trigger;
import io.github.cognitoemailotp.local.lambda.TriggerFailedException;
import io.github.cognitoemailotp.local.lambda.TriggerInvoker;
import io.github.cognitoemailotp.local.template.StackTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;

/**
 * A local pool from template.yaml served on 127.0.0.1 with stand-in triggers that record every
 * event: Define asks for the password, then for one custom challenge whose answer is {@link #CODE},
 * then issues tokens; Pre Token Generation and Post Confirmation pass unless told to throw. The
 * pool's LambdaConfig names every trigger, Pre Token Generation and Post Confirmation included.
 */
final class LocalPool implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String POOL = "us-east-1_LocalPool1";
  static final String CLIENT = "7lc0localcognitoclient0001";
  static final String PASSWORD = "Corr3ct-horse";
  static final String CODE = "246810";

  /** One trigger call: which trigger, its event. */
  record Call(Trigger trigger, JsonNode event) {
    String source() {
      return event.path("triggerSource").asText();
    }
  }

  final List<Call> calls = new CopyOnWriteArrayList<>();
  volatile String preTokenGenerationFails;
  volatile String postConfirmationFails;
  final CognitoService service;
  final CognitoIdentityProviderClient anonymous;
  final CognitoIdentityProviderClient admin;
  private final CognitoServer server;

  private final TriggerInvoker triggers =
      new TriggerInvoker() {
        @Override
        public byte[] invoke(Trigger trigger, byte[] eventJson) throws TriggerFailedException {
          try {
            ObjectNode event = (ObjectNode) JSON.readTree(eventJson);
            calls.add(new Call(trigger, event.deepCopy()));
            ObjectNode response = (ObjectNode) event.path("response");
            switch (trigger) {
              case DEFINE_AUTH_CHALLENGE -> define(event.path("request").path("session"), response);
              case CREATE_AUTH_CHALLENGE -> response.putObject("privateChallengeParameters");
              case VERIFY_AUTH_CHALLENGE ->
                  response.put(
                      "answerCorrect",
                      CODE.equals(event.path("request").path("challengeAnswer").asText()));
              case PRE_TOKEN_GENERATION -> {
                if (preTokenGenerationFails != null) {
                  throw new TriggerFailedException(preTokenGenerationFails);
                }
              }
              case POST_CONFIRMATION -> {
                if (postConfirmationFails != null) {
                  throw new TriggerFailedException(postConfirmationFails);
                }
              }
            }
            return JSON.writeValueAsBytes(event);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }

        @Override
        public void close() {}
      };

  private static void define(JsonNode history, ObjectNode response) {
    JsonNode last = history.isEmpty() ? null : history.get(history.size() - 1);
    if (last == null || last.path("challengeName").asText().equals("SRP_A")) {
      response.put("challengeName", "PASSWORD_VERIFIER");
      return;
    }
    if (!last.path("challengeResult").asBoolean()) {
      response.put("failAuthentication", true);
    } else if (last.path("challengeName").asText().equals("PASSWORD_VERIFIER")) {
      response.put("challengeName", "CUSTOM_CHALLENGE");
    } else {
      response.put("issueTokens", true);
    }
  }

  /** The template with these parameter overrides (EmailSender given). */
  LocalPool(Path directory, Map<String, String> overrides) throws IOException {
    this(directory, overrides, text -> text);
  }

  /** The template changed by {@code edit}, with these parameter overrides. */
  LocalPool(
      Path directory, Map<String, String> overrides, java.util.function.UnaryOperator<String> edit)
      throws IOException {
    Path template = directory.resolve("template.yaml");
    Files.writeString(template, edit.apply(Files.readString(Path.of("..", "template.yaml"))));
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
            triggers,
            Clock.systemUTC(),
            "us-east-1",
            POOL,
            CLIENT,
            endpoint + "/" + POOL,
            "arn:aws:cognito-idp:us-east-1:000000000000:userpool/" + POOL);
    Map<String, String> lambdaConfig = new HashMap<>();
    for (Trigger trigger : Trigger.values()) {
      lambdaConfig.put(
          trigger.templateName(), "arn:aws:lambda:us-east-1:000000000000:function:t:live");
    }
    service.attachStack(stack, CLIENT, "local-client", lambdaConfig);
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

  /** A CONFIRMED user with a verified email and {@link #PASSWORD}; returns the email. */
  String confirmedUser(String prefix) {
    String email = prefix + "-" + System.nanoTime() + "@example.com";
    admin.adminCreateUser(
        request ->
            request
                .userPoolId(POOL)
                .username(email)
                .messageAction("SUPPRESS")
                .userAttributes(
                    AttributeType.builder().name("email").value(email).build(),
                    AttributeType.builder().name("email_verified").value("true").build()));
    admin.adminSetUserPassword(
        request -> request.userPoolId(POOL).username(email).password(PASSWORD).permanent(true));
    return email;
  }

  /** The triggers called so far, in order. */
  List<Trigger> triggersCalled() {
    return calls.stream().map(Call::trigger).toList();
  }

  /** CUSTOM_AUTH with SRP up to the answer to PASSWORD_VERIFIER with {@code password}. */
  RespondToAuthChallengeResponse customAuthPassword(String email, String password) {
    return password(AuthFlowType.CUSTOM_AUTH, email, password, CLIENT);
  }

  /** InitiateAuth with {@code flow} and SRP, then the PASSWORD_VERIFIER answer. */
  RespondToAuthChallengeResponse password(
      AuthFlowType flow, String email, String password, String clientId) {
    return password(flow, email, password, clientId, Map.of(), Map.of());
  }

  /**
   * InitiateAuth with {@code flow}, SRP and {@code initiateMetadata} as its ClientMetadata, then
   * the PASSWORD_VERIFIER answer with {@code verifierMetadata}.
   */
  RespondToAuthChallengeResponse password(
      AuthFlowType flow,
      String email,
      String password,
      String clientId,
      Map<String, String> initiateMetadata,
      Map<String, String> verifierMetadata) {
    CognitoSrp srp = new CognitoSrp();
    Map<String, String> parameters = new HashMap<>(Map.of("USERNAME", email, "SRP_A", srp.srpA()));
    if (flow == AuthFlowType.CUSTOM_AUTH) {
      parameters.put("CHALLENGE_NAME", "SRP_A");
    }
    InitiateAuthResponse started =
        anonymous.initiateAuth(
            request ->
                request
                    .authFlow(flow)
                    .clientId(clientId)
                    .authParameters(parameters)
                    .clientMetadata(initiateMetadata));
    Map<String, String> challenge = started.challengeParameters();
    String timestamp = CognitoSrp.timestamp(Instant.now());
    Map<String, String> proof = new HashMap<>();
    proof.put("USERNAME", challenge.get("USERNAME"));
    proof.put("PASSWORD_CLAIM_SECRET_BLOCK", challenge.get("SECRET_BLOCK"));
    proof.put("TIMESTAMP", timestamp);
    proof.put(
        "PASSWORD_CLAIM_SIGNATURE",
        srp.passwordClaimSignature(
            POOL.split("_")[1],
            challenge.get("USER_ID_FOR_SRP"),
            password,
            challenge.get("SALT"),
            challenge.get("SRP_B"),
            challenge.get("SECRET_BLOCK"),
            timestamp));
    return anonymous.respondToAuthChallenge(
        request ->
            request
                .clientId(clientId)
                .challengeName(ChallengeNameType.PASSWORD_VERIFIER)
                .session(started.session())
                .clientMetadata(verifierMetadata)
                .challengeResponses(proof));
  }

  /** Answers the custom challenge with {@code code}. */
  RespondToAuthChallengeResponse answer(
      RespondToAuthChallengeResponse challenge, String code, Map<String, String> clientMetadata) {
    return anonymous.respondToAuthChallenge(
        request ->
            request
                .clientId(CLIENT)
                .challengeName(ChallengeNameType.CUSTOM_CHALLENGE)
                .session(challenge.session())
                .clientMetadata(clientMetadata)
                .challengeResponses(
                    Map.of(
                        "USERNAME",
                        challenge.challengeParameters().get("USERNAME"),
                        "ANSWER",
                        code)));
  }

  @Override
  public void close() {
    anonymous.close();
    admin.close();
    server.close();
  }
}
