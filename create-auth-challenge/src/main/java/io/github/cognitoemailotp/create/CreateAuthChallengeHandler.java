package io.github.cognitoemailotp.create;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.github.cognitoemailotp.layer.CodeGenerator;
import io.github.cognitoemailotp.layer.CreateAuthChallenge;
import io.github.cognitoemailotp.layer.CreateSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Map;

/**
 * Lambda entry point of the Create Auth Challenge trigger. Settings, templates and the SES client
 * are built once at init; codes are made per invocation (see {@link CodeGenerator#secureRandom()}).
 */
public final class CreateAuthChallengeHandler implements RequestStreamHandler {

  private final CreateAuthChallenge trigger;

  /** Reads the environment; an invalid variable stops init with a message naming it. */
  public CreateAuthChallengeHandler() {
    this(System.getenv());
  }

  private CreateAuthChallengeHandler(Map<String, String> environment) {
    this(
        CreateSettings.fromEnvironment(environment),
        SesCodeSender.regionFromEnvironment(environment));
  }

  private CreateAuthChallengeHandler(CreateSettings settings, String region) {
    this(
        new CreateAuthChallenge(
            settings,
            new SesCodeSender(
                SesCodeSender.buildClient(region), settings, EmailTemplates.load(), region),
            CodeGenerator.secureRandom(),
            Clock.systemUTC()));
  }

  CreateAuthChallengeHandler(CreateAuthChallenge trigger) {
    this.trigger = trigger;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    output.write(trigger.handle(input.readAllBytes(), context.getLogger()));
  }
}
