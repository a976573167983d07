package io.github.cognitoemailotp.client;

import io.github.cognitoemailotp.client.device.DeviceKeyFile;
import io.github.cognitoemailotp.client.device.DeviceStore;
import io.github.cognitoemailotp.client.srp.CognitoSrp;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserLambdaValidationException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

/**
 * One sign-in: {@code InitiateAuth} with {@code CUSTOM_AUTH} and SRP, the password proof, then the
 * emailed code until Cognito issues tokens or ends the sign-in.
 */
public final class SignInFlow {

  private enum Stage {
    PASSWORD,
    NEW_PASSWORD,
    CODE
  }

  private final CognitoIdentityProviderClient cognito;
  private final String userPoolId;
  private final String clientId;
  private final Optional<String> clientSecret;
  private final Consumer<String> say;
  private final Clock clock;
  private Optional<DeviceStore> devices = Optional.empty();
  private boolean trustDevice;
  private String deviceName = "";
  private Forget forget = Forget.NONE;

  /** Which trusted devices the sign-in asks the pool to forget (ClientMetadata forgetDevice). */
  public enum Forget {
    /** None. */
    NONE,
    /** This computer's device, on its proof or on the code; its key file goes after the sign-in. */
    THIS,
    /** Every device of the account: the code is emailed (the key is not used), then all go. */
    ALL
  }

  /**
   * Asks the pool, on the sign-in's correct answer, to forget this device or all of them.
   *
   * @return this flow
   */
  public SignInFlow withForget(Forget forget) {
    this.forget = forget;
    return this;
  }

  /**
   * Uses this computer's device keys in {@code store}: a trusted device signs instead of waiting
   * for an emailed code, and with {@code trustDevice} a sign-in by code registers a new key (named
   * {@code deviceName}) when the pool offers trusted devices. The password is asked every time.
   *
   * @return this flow
   */
  public SignInFlow withDevices(DeviceStore store, boolean trustDevice, String deviceName) {
    this.devices = Optional.of(store);
    this.trustDevice = trustDevice;
    this.deviceName = deviceName;
    return this;
  }

  /**
   * @param cognito the Cognito client (anonymous credentials suffice)
   * @param userPoolId the pool, such as {@code us-east-1_AbCdEf123}
   * @param clientId the app client
   * @param clientSecret the app client's secret, when it has one
   * @param say where progress messages go
   */
  public SignInFlow(
      CognitoIdentityProviderClient cognito,
      String userPoolId,
      String clientId,
      Optional<String> clientSecret,
      Consumer<String> say) {
    this(cognito, userPoolId, clientId, clientSecret, say, Clock.systemUTC());
  }

  SignInFlow(
      CognitoIdentityProviderClient cognito,
      String userPoolId,
      String clientId,
      Optional<String> clientSecret,
      Consumer<String> say,
      Clock clock) {
    this.cognito = cognito;
    this.userPoolId = userPoolId;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.say = say;
    this.clock = clock;
  }

  /**
   * Signs in; a user who must choose a new password (an invited user's first sign-in) cannot, and
   * the sign-in stops with {@link ExitCode#NEW_PASSWORD_NOT_SET}.
   *
   * @return the tokens
   * @throws SignInException when the sign-in ends without tokens, with the reason and exit code
   */
  public AuthenticationResultType signIn(String username, String password, CodePrompt codes)
      throws SignInException {
    return signIn(username, password, codes, NewPasswordPrompt.NONE);
  }

  /**
   * Signs in. When Cognito asks for a new password ({@code NEW_PASSWORD_REQUIRED}, an invited
   * user's temporary password), asks {@code newPasswords} for it twice, sets it, and then signs in
   * again with it, so the tokens still come only after the emailed code: the stack's token gate
   * refuses the tokens Cognito would issue right after the new password ({@link
   * #GATE_PASSWORD_CHANGED}). A pool that issues them anyway has no gate; its tokens are not used
   * ({@link ExitCode#TOKENS_WITHOUT_CODE}).
   *
   * @return the tokens, issued in answer to the emailed code
   * @throws SignInException when the sign-in ends without tokens, with the reason and exit code
   */
  public AuthenticationResultType signIn(
      String username, String password, CodePrompt codes, NewPasswordPrompt newPasswords)
      throws SignInException {
    return signIn(username, password, codes, newPasswords, true);
  }

  private AuthenticationResultType signIn(
      String username,
      String password,
      CodePrompt codes,
      NewPasswordPrompt newPasswords,
      boolean newPasswordAllowed)
      throws SignInException {
    CognitoSrp srp = new CognitoSrp();
    Map<String, String> parameters = new HashMap<>();
    parameters.put("USERNAME", username);
    parameters.put("SRP_A", srp.srpA());
    parameters.put("CHALLENGE_NAME", "SRP_A");
    clientSecret.ifPresent(
        secret -> parameters.put("SECRET_HASH", CognitoSrp.secretHash(username, clientId, secret)));
    InitiateAuthResponse started =
        call(
            Stage.PASSWORD,
            () ->
                cognito.initiateAuth(
                    request ->
                        request
                            .authFlow(AuthFlowType.CUSTOM_AUTH)
                            .clientId(clientId)
                            .authParameters(parameters)));
    if (started.challengeName() != ChallengeNameType.PASSWORD_VERIFIER) {
      throw new SignInException(
          ExitCode.FAILURE,
          "Cognito asked for "
              + started.challengeNameAsString()
              + " instead of the password; is the app client this project's?");
    }
    Optional<DeviceKeyFile> known = forget == Forget.ALL ? Optional.empty() : knownDevice(username);
    if (forget == Forget.THIS && known.isEmpty()) {
      say.accept("This computer holds no device key for this account: nothing to forget.");
    }
    RespondToAuthChallengeRequest proof =
        known.isEmpty()
            ? passwordProof(srp, started, password)
            : passwordProof(srp, started, password).toBuilder()
                .clientMetadata(Map.of("deviceId", known.get().deviceId()))
                .build();
    RespondToAuthChallengeResponse response =
        call(Stage.PASSWORD, () -> cognito.respondToAuthChallenge(proof));
    String passwordUser = proof.challengeResponses().get("USERNAME");
    if (response.challengeName() == ChallengeNameType.NEW_PASSWORD_REQUIRED) {
      if (!newPasswordAllowed) {
        throw new SignInException(
            ExitCode.NEW_PASSWORD_NOT_SET,
            "Cognito asked for a new password again, right after it was set; the sign-in"
                + " stopped.");
      }
      String newPassword = chooseNewPassword(response, newPasswords);
      RespondToAuthChallengeResponse previous = response;
      RespondToAuthChallengeResponse afterNewPassword;
      try {
        afterNewPassword =
            call(
                Stage.NEW_PASSWORD,
                () ->
                    cognito.respondToAuthChallenge(
                        newPasswordAnswer(previous, passwordUser, newPassword)));
      } catch (SignInException e) {
        if (e.exitCode() == ExitCode.TRIGGER_FAILED
            && e.getMessage().contains(GATE_PASSWORD_CHANGED)) {
          say.accept("The new password is set. Signing in again with it, to get the emailed code.");
          return signIn(username, newPassword, codes, NewPasswordPrompt.NONE, false);
        }
        throw e;
      }
      if (afterNewPassword.authenticationResult() != null) {
        throw new SignInException(
            ExitCode.TOKENS_WITHOUT_CODE,
            "WARNING: the new password is set, and the pool issued tokens right after it, without"
                + " the emailed code: this pool has no token gate (the stack's Pre Token"
                + " Generation trigger, TokenGate). The tokens were not used. Sign in again with"
                + " the new password, and have the pool fixed (example-client audit,"
                + " docs/existing-pool.md).");
      }
      response = afterNewPassword;
    }
    boolean codeAnswered = false;
    DeviceKeyFile pending = null;
    boolean pendingSent = false;
    while (response.authenticationResult() == null) {
      if (response.challengeName() != ChallengeNameType.CUSTOM_CHALLENGE) {
        throw unsupported(response.challengeNameAsString());
      }
      Map<String, String> offered = response.challengeParameters();
      if ("DEVICE_PROOF".equals(offered.get("challenge"))) {
        String canonicalUser = offered.getOrDefault("USERNAME", username);
        RespondToAuthChallengeResponse previous = response;
        boolean ours = known.isPresent() && known.get().deviceId().equals(offered.get("deviceId"));
        if (ours) {
          say.accept("This device is trusted: signing in with its key, no code is emailed.");
        } else {
          say.accept("Cognito asked for a device this client does not hold; asking for a code.");
        }
        String signature =
            ours
                ? known
                    .get()
                    .sign(DeviceKeyFile.Purpose.SIGN_IN, offered.getOrDefault("deviceNonce", ""))
                : "email";
        Map<String, String> proofMetadata = ours ? forgetMetadata(known) : Map.of("resend", "true");
        response =
            call(
                Stage.CODE,
                () ->
                    cognito.respondToAuthChallenge(
                        answer(previous, canonicalUser, signature, proofMetadata)));
        codeAnswered = ours;
        if (response.authenticationResult() == null) {
          say.accept("The device's proof was not accepted; a code is emailed instead.");
        }
        continue;
      }
      if ("false".equals(offered.get("deviceTrusted")) && known.isPresent()) {
        devices.orElseThrow().forget(userPoolId, username);
        known = Optional.empty();
        say.accept("This device is no longer trusted for this account; its key was removed.");
      }
      CodeChallenge challenge = CodeChallenge.of(offered);
      describe(challenge);
      String code = codes.nextCode(challenge);
      if (code == null || code.isBlank()) {
        throw new SignInException(
            ExitCode.CODE_REJECTED, "No code was entered; the sign-in stopped.");
      }
      String canonicalUser = response.challengeParameters().getOrDefault("USERNAME", username);
      RespondToAuthChallengeResponse previous = response;
      boolean resend = code.strip().equalsIgnoreCase(CodePrompt.RESEND);
      Map<String, String> metadata = Map.of("resend", "true");
      String nonce = offered.getOrDefault("deviceNonce", "");
      pendingSent = false;
      if (!resend) {
        metadata = forgetMetadata(known);
        if (trustDevice && devices.isPresent() && !nonce.isEmpty()) {
          pending = pending != null ? pending : DeviceKeyFile.generate(deviceName);
          metadata =
              Map.of(
                  "trustDevice.publicKey", pending.publicKeyBase64(),
                  "trustDevice.name", deviceName,
                  "trustDevice.signature", pending.sign(DeviceKeyFile.Purpose.REGISTER, nonce));
          pendingSent = true;
        } else if (trustDevice && nonce.isEmpty()) {
          say.accept("This pool does not offer trusted devices (TrustedDeviceDays is 0).");
        }
      }
      Map<String, String> answerMetadata = metadata;
      response =
          call(
              Stage.CODE,
              () ->
                  cognito.respondToAuthChallenge(
                      answer(previous, canonicalUser, code.strip(), answerMetadata)));
      codeAnswered = !resend;
      if (response.authenticationResult() == null && !resend) {
        say.accept("That code was not right.");
      }
    }
    if (!codeAnswered) {
      throw new SignInException(
          ExitCode.TOKENS_WITHOUT_CODE,
          "WARNING: the pool issued tokens without the emailed code (no code was answered): its"
              + " triggers or token gate are not this project's. The tokens were not used; have"
              + " the pool fixed (example-client audit, docs/existing-pool.md).");
    }
    if (forget == Forget.ALL || (forget == Forget.THIS && known.isPresent())) {
      if (devices.isPresent()) {
        devices.get().forget(userPoolId, username);
      }
      say.accept(
          forget == Forget.ALL
              ? "Asked the pool to forget every trusted device of this account; this computer's"
                  + " key, if any, was removed."
              : "Asked the pool to forget this device; its key was removed from this computer.");
    }
    if (pending != null && pendingSent) {
      devices.orElseThrow().save(userPoolId, username, pending);
      say.accept(
          "This device asked to be trusted; its key is in "
              + devices.orElseThrow().fileOf(userPoolId, username)
              + ". The next sign-in asks for the password only.");
    }
    return response.authenticationResult();
  }

  /** The correct answer's forgetDevice, when this sign-in forgets devices. */
  private Map<String, String> forgetMetadata(Optional<DeviceKeyFile> known) {
    return switch (forget) {
      case NONE -> Map.of();
      case ALL -> Map.of("forgetDevice", "all");
      case THIS -> known.isPresent() ? Map.of("forgetDevice", known.get().deviceId()) : Map.of();
    };
  }

  /** This computer's key for {@code username}, when devices are used and a usable one exists. */
  private Optional<DeviceKeyFile> knownDevice(String username) {
    if (devices.isEmpty()) {
      return Optional.empty();
    }
    try {
      return devices.get().load(userPoolId, username);
    } catch (IllegalStateException | java.io.UncheckedIOException e) {
      say.accept("The device key is not used: " + e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * What the stack's token gate says when Cognito would issue tokens right after a new password
   * (the Pre Token Generation trigger source {@code TokenGeneration_NewPasswordChallenge}); the app
   * gets it inside {@code UserLambdaValidationException}'s message.
   */
  public static final String GATE_PASSWORD_CHANGED =
      "Password changed. Sign in again with the new password to get your sign-in code.";

  /** How many times the two entries of a new password may differ before the sign-in stops. */
  static final int NEW_PASSWORD_TRIES = 3;

  /** Challenges that are the pool's own MFA, which this project's pools leave off. */
  private static final java.util.Set<String> POOL_MFA_CHALLENGES =
      java.util.Set.of(
          "SOFTWARE_TOKEN_MFA", "SMS_MFA", "SELECT_MFA_TYPE", "MFA_SETUP", "EMAIL_OTP");

  private static SignInException unsupported(String challengeName) {
    if (POOL_MFA_CHALLENGES.contains(challengeName)) {
      return new SignInException(
          ExitCode.UNSUPPORTED_CHALLENGE,
          "Cognito asked for "
              + challengeName
              + ", the pool's own MFA, which this client does not answer: the pool has"
              + " MfaConfiguration ON or OPTIONAL, and such sign-ins may skip the emailed code"
              + " unless the stack's token gate holds. Run example-client audit on the pool.");
    }
    return new SignInException(
        ExitCode.UNSUPPORTED_CHALLENGE,
        "Cognito asked for " + challengeName + ", which this client does not answer.");
  }

  /**
   * Asks for the new password twice until both entries agree, at most {@link #NEW_PASSWORD_TRIES}.
   */
  private String chooseNewPassword(
      RespondToAuthChallengeResponse challenge, NewPasswordPrompt newPasswords)
      throws SignInException {
    String required =
        challenge
            .challengeParameters()
            .getOrDefault("requiredAttributes", "[]")
            .replaceAll("[\\[\\]\\s\"]", "");
    if (!required.isEmpty()) {
      throw new SignInException(
          ExitCode.NEW_PASSWORD_NOT_SET,
          "Cognito asks for a new password and also for the attributes "
              + required
              + ", which this client does not set; the sign-in stopped.");
    }
    say.accept("This account has a temporary password: choose a new one.");
    for (int attempt = 1; attempt <= NEW_PASSWORD_TRIES; attempt++) {
      String first = newPasswords.read("New password: ");
      String second =
          first == null || first.isEmpty() ? null : newPasswords.read("New password again: ");
      if (first == null || first.isEmpty() || second == null) {
        throw new SignInException(
            ExitCode.NEW_PASSWORD_NOT_SET,
            "This account has a temporary password and needs a new one; none was entered, so"
                + " the sign-in stopped.");
      }
      if (first.equals(second)) {
        return first;
      }
      say.accept(
          attempt < NEW_PASSWORD_TRIES
              ? "The two entries differ; type the new password twice again."
              : "The two entries differ.");
    }
    throw new SignInException(
        ExitCode.NEW_PASSWORD_NOT_SET,
        "The two entries of the new password differed "
            + NEW_PASSWORD_TRIES
            + " times; no password was set and the sign-in stopped.");
  }

  private RespondToAuthChallengeRequest newPasswordAnswer(
      RespondToAuthChallengeResponse challenge, String canonicalUser, String newPassword) {
    Map<String, String> responses = new HashMap<>();
    responses.put("USERNAME", canonicalUser);
    responses.put("NEW_PASSWORD", newPassword);
    clientSecret.ifPresent(
        secret ->
            responses.put("SECRET_HASH", CognitoSrp.secretHash(canonicalUser, clientId, secret)));
    return RespondToAuthChallengeRequest.builder()
        .clientId(clientId)
        .challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED)
        .session(challenge.session())
        .challengeResponses(responses)
        .build();
  }

  private void describe(CodeChallenge challenge) {
    if (!challenge.resendMessage().isEmpty()) {
      say.accept(challenge.resendMessage());
    } else if (challenge.codeSent()) {
      say.accept(
          "A "
              + challenge.codeLength()
              + "-digit code was emailed to "
              + challenge.maskedEmail()
              + ".");
    }
    say.accept(
        "Attempts left: "
            + challenge.attemptsLeft()
            + ". New codes you may still ask for: "
            + challenge.resendsLeft()
            + (challenge.codeExpiresAt().isEmpty()
                ? ""
                : ". The code expires at " + challenge.codeExpiresAt())
            + ".");
  }

  private RespondToAuthChallengeRequest passwordProof(
      CognitoSrp srp, InitiateAuthResponse challenge, String password) throws SignInException {
    Map<String, String> parameters = challenge.challengeParameters();
    String userIdForSrp = parameters.get("USER_ID_FOR_SRP");
    String canonicalUser = parameters.getOrDefault("USERNAME", userIdForSrp);
    String timestamp = CognitoSrp.timestamp(clock.instant());
    String signature;
    try {
      signature =
          srp.passwordClaimSignature(
              userPoolId.substring(userPoolId.indexOf('_') + 1),
              userIdForSrp,
              password,
              parameters.get("SALT"),
              parameters.get("SRP_B"),
              parameters.get("SECRET_BLOCK"),
              timestamp);
    } catch (RuntimeException e) {
      throw new SignInException(
          ExitCode.FAILURE,
          "Cognito's PASSWORD_VERIFIER challenge could not be answered: " + e.getMessage());
    }
    Map<String, String> responses = new HashMap<>();
    responses.put("USERNAME", canonicalUser);
    responses.put("PASSWORD_CLAIM_SECRET_BLOCK", parameters.get("SECRET_BLOCK"));
    responses.put("TIMESTAMP", timestamp);
    responses.put("PASSWORD_CLAIM_SIGNATURE", signature);
    clientSecret.ifPresent(
        secret ->
            responses.put("SECRET_HASH", CognitoSrp.secretHash(canonicalUser, clientId, secret)));
    return RespondToAuthChallengeRequest.builder()
        .clientId(clientId)
        .challengeName(ChallengeNameType.PASSWORD_VERIFIER)
        .session(challenge.session())
        .challengeResponses(responses)
        .build();
  }

  private RespondToAuthChallengeRequest answer(
      RespondToAuthChallengeResponse challenge,
      String canonicalUser,
      String code,
      Map<String, String> clientMetadata) {
    Map<String, String> responses = new HashMap<>();
    responses.put("USERNAME", canonicalUser);
    responses.put("ANSWER", code);
    clientSecret.ifPresent(
        secret ->
            responses.put("SECRET_HASH", CognitoSrp.secretHash(canonicalUser, clientId, secret)));
    RespondToAuthChallengeRequest.Builder request =
        RespondToAuthChallengeRequest.builder()
            .clientId(clientId)
            .challengeName(ChallengeNameType.CUSTOM_CHALLENGE)
            .session(challenge.session())
            .challengeResponses(responses);
    if (!clientMetadata.isEmpty()) {
      request.clientMetadata(clientMetadata);
    }
    return request.build();
  }

  @FunctionalInterface
  private interface CognitoCall<T> {
    T run();
  }

  private <T> T call(Stage stage, CognitoCall<T> call) throws SignInException {
    try {
      return call.run();
    } catch (InvalidPasswordException e) {
      throw new SignInException(
          ExitCode.NEW_PASSWORD_NOT_SET,
          "Cognito refused the new password: " + message(e) + " Sign in again and choose another.",
          e);
    } catch (UserLambdaValidationException e) {
      throw new SignInException(
          ExitCode.TRIGGER_FAILED, "A sign-in trigger failed: " + message(e), e);
    } catch (NotAuthorizedException e) {
      String message = message(e);
      if (message.toLowerCase(java.util.Locale.ROOT).contains("expired")) {
        throw new SignInException(
            ExitCode.SESSION_EXPIRED,
            "The sign-in took too long and its session expired; start again.",
            e);
      }
      if (stage == Stage.PASSWORD) {
        throw new SignInException(ExitCode.WRONG_PASSWORD, "Incorrect username or password.", e);
      }
      if (stage == Stage.NEW_PASSWORD) {
        throw new SignInException(
            ExitCode.NEW_PASSWORD_NOT_SET,
            "Cognito did not take the new password (" + message(e) + "); sign in again.",
            e);
      }
      throw new SignInException(
          ExitCode.CODE_REJECTED,
          "The code was not accepted and the sign-in ended (too many wrong codes, or the code expired). Start again.",
          e);
    } catch (UserNotFoundException e) {
      throw new SignInException(ExitCode.WRONG_PASSWORD, "Incorrect username or password.", e);
    } catch (CognitoIdentityProviderException e) {
      throw new SignInException(
          ExitCode.FAILURE,
          "Cognito refused the request ("
              + (e.awsErrorDetails() == null
                  ? e.getClass().getSimpleName()
                  : e.awsErrorDetails().errorCode())
              + "): "
              + message(e),
          e);
    } catch (SdkClientException e) {
      throw new SignInException(
          ExitCode.UNREACHABLE, "Cognito could not be reached: " + e.getMessage(), e);
    }
  }

  private static String message(CognitoIdentityProviderException e) {
    return e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
        ? String.valueOf(e.getMessage())
        : e.awsErrorDetails().errorMessage();
  }
}
