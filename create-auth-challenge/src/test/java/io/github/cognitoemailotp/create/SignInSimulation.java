package io.github.cognitoemailotp.create;

import static org.mockito.Mockito.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cognitoemailotp.aws.EmailTemplates;
import io.github.cognitoemailotp.aws.SentEmail;
import io.github.cognitoemailotp.aws.SesEmailSender;
import io.github.cognitoemailotp.layer.CodeGenerator;
import io.github.cognitoemailotp.layer.CreateAuthChallenge;
import io.github.cognitoemailotp.layer.CreateSettings;
import io.github.cognitoemailotp.layer.budget.BudgetSpend;
import io.github.cognitoemailotp.layer.internal.Json;
import io.github.cognitoemailotp.testkit.FakeContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mockito.ArgumentCaptor;
import org.mockito.Mockito;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/**
 * Plays Cognito's part around the real Create handler: builds Create events from a session history
 * the way Cognito does (each earlier challenge with its result and the metadata Create wrote for
 * it), invokes the handler with the event bytes, and keeps what it emailed, returned and logged.
 *
 * <p>SES is a Mockito mock behind the real {@link SesEmailSender}. Codes come from {@link #codes}
 * while it holds any, then from {@link CodeGenerator#secureRandom()}; every code made is kept in
 * {@link #codesMade} so log checks can look for it.
 */
final class SignInSimulation {

  static final String EMAIL = "jane.doe@example.com";
  static final String USER_POOL_ID = "us-east-1_ExAmPlE01";
  static final Instant START = Instant.ofEpochSecond(1_795_752_000L);

  private static final ObjectMapper JSON = new ObjectMapper();

  final SesV2Client ses = mock(SesV2Client.class);
  final Map<String, String> environment =
      new HashMap<>(Map.of("EMAIL_SENDER", "no-reply@example.com"));
  final Map<String, Object> userAttributes = new LinkedHashMap<>();
  final Deque<String> codes = new ArrayDeque<>();
  final List<String> codesMade = new ArrayList<>();
  final List<FakeContext> invocations = new ArrayList<>();
  Instant now = START;

  /** The custom challenges so far, as Cognito keeps them in the session. */
  private final List<Map<String, Object>> customChallenges = new ArrayList<>();

  SignInSimulation() {
    userAttributes.put("sub", "a3c1f2d4-5b6e-4f70-8a9b-0c1d2e3f4a5b");
    userAttributes.put("email_verified", "true");
    userAttributes.put("cognito:user_status", "CONFIRMED");
    userAttributes.put("email", EMAIL);
  }

  /** A session entry as Cognito writes it. */
  static Map<String, Object> entry(String challengeName, boolean result, String metadata) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("challengeName", challengeName);
    entry.put("challengeResult", result);
    entry.put("challengeMetadata", metadata);
    return entry;
  }

  /** SRP_A and PASSWORD_VERIFIER, both successful: the history of a first custom challenge. */
  static List<Map<String, Object>> passwordDone() {
    return List.of(entry("SRP_A", true, null), entry("PASSWORD_VERIFIER", true, null));
  }

  /** A Create event with this session, user attributes and resend flag. */
  byte[] event(List<Map<String, Object>> session, boolean resend) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("userAttributes", userAttributes);
    request.put("challengeName", "CUSTOM_CHALLENGE");
    request.put("session", session);
    request.put("clientMetadata", resend ? Map.of("resend", "true") : Map.of());
    request.put("userNotFound", false);
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("publicChallengeParameters", null);
    response.put("privateChallengeParameters", null);
    response.put("challengeMetadata", null);
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("version", "1");
    event.put("region", "us-east-1");
    event.put("userPoolId", USER_POOL_ID);
    event.put("userName", userAttributes.get("sub"));
    event.put(
        "callerContext",
        Map.of("awsSdkVersion", "aws-sdk-unknown-unknown", "clientId", "5example1client2id3abcd"));
    event.put("triggerSource", "CreateAuthChallenge_Authentication");
    event.put("request", request);
    event.put("response", response);
    return Json.write(event);
  }

  /** The event of the next Create call of this sign-in. */
  byte[] nextEvent(boolean resend) {
    List<Map<String, Object>> session = new ArrayList<>(passwordDone());
    session.addAll(customChallenges);
    return event(session, resend);
  }

  /** The first custom challenge, right after the password step. */
  JsonNode start() {
    return invoke(nextEvent(false));
  }

  /** The user answers the challenge {@code previous} wrongly; Cognito asks Create again. */
  JsonNode wrongAnswer(JsonNode previous) {
    remember(previous, false);
    return invoke(nextEvent(false));
  }

  /** The client asks for a new code in answer to {@code previous}; Cognito asks Create again. */
  JsonNode askForResend(JsonNode previous) {
    remember(previous, false);
    return invoke(nextEvent(true));
  }

  private void remember(JsonNode previous, boolean correct) {
    customChallenges.add(
        entry("CUSTOM_CHALLENGE", correct, previous.path("challengeMetadata").asText()));
  }

  /** Invokes a fresh handler (as a new Lambda environment would be) and returns its response. */
  JsonNode invoke(byte[] event) {
    return read(invokeRaw(event)).path("response");
  }

  byte[] invokeRaw(byte[] event) {
    FakeContext context = new FakeContext("CreateAuthChallenge");
    invocations.add(context);
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try {
      handler(CodeGenerator.secureRandom())
          .handleRequest(new ByteArrayInputStream(event), output, context);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return output.toByteArray();
  }

  CreateAuthChallengeHandler handler(CodeGenerator fallback) {
    CreateSettings settings = CreateSettings.fromEnvironment(environment);
    CodeGenerator generator =
        length -> {
          String code = codes.isEmpty() ? fallback.next(length) : codes.removeFirst();
          codesMade.add(code);
          return code;
        };
    return new CreateAuthChallengeHandler(
        new CreateAuthChallenge(
            NobodyLocked.INSTANCE,
            settings,
            new SesEmailSender(
                ses,
                settings.emailSender(),
                settings.sesConfigurationSet(),
                EmailTemplates.load(),
                Region.US_EAST_1),
            (sub, at) -> BudgetSpend.grant(),
            generator,
            Clock.fixed(now, ZoneOffset.UTC)));
  }

  /** Every email sent so far, oldest first. */
  List<SentEmail> emails() {
    ArgumentCaptor<SendEmailRequest> requests = ArgumentCaptor.forClass(SendEmailRequest.class);
    Mockito.verify(ses, Mockito.atLeast(0)).sendEmail(requests.capture());
    return requests.getAllValues().stream().map(SentEmail::of).toList();
  }

  /** The newest email; fails when none was sent. */
  SentEmail lastEmail() {
    List<SentEmail> emails = emails();
    if (emails.isEmpty()) {
      throw new AssertionError("no email was sent");
    }
    return emails.getLast();
  }

  static JsonNode read(byte[] json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, String> strings(JsonNode object) {
    Map<String, String> map = new LinkedHashMap<>();
    object.properties().forEach(field -> map.put(field.getKey(), field.getValue().asText()));
    return map;
  }
}
