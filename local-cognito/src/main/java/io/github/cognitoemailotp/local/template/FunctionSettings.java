package io.github.cognitoemailotp.local.template;

import java.util.Map;

/**
 * One Lambda function of the template.
 *
 * @param logicalId its logical id, such as {@code CreateAuthChallenge}
 * @param codeUri its source folder
 * @param handler the handler string, {@code class::method}
 * @param environment its environment variables, Globals merged, parameters filled in
 * @param timeoutSeconds its timeout
 * @param memorySize its memory in MB
 * @param cognitoTrigger the Cognito trigger the pool's {@code LambdaConfig} attaches it to
 * @param logFormat its {@code LoggingConfig.LogFormat}, {@code TEXT} or {@code JSON}, as Lambda
 *     passes it to the runtime in {@code AWS_LAMBDA_LOG_FORMAT}
 */
public record FunctionSettings(
    String logicalId,
    String codeUri,
    String handler,
    Map<String, String> environment,
    int timeoutSeconds,
    int memorySize,
    String cognitoTrigger,
    String logFormat) {

  /** The handler's class name. */
  public String handlerClass() {
    int separator = handler.indexOf("::");
    return separator < 0 ? handler : handler.substring(0, separator);
  }
}
