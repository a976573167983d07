package io.github.cognitoemailotp.client.doctor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;

/**
 * What a deployed stack is made of, from CloudFormation: the pool and client ids and the triggers'
 * ARNs from its outputs, the sender from its {@code EmailSender} parameter, and every DynamoDB
 * table among its resources (so a table a later version adds is checked too).
 */
public final class StackReader {

  /** Output key to the LambdaConfig key whose ARN it holds. */
  static final Map<String, String> TRIGGER_OUTPUTS =
      Map.of(
          "DefineAuthChallengeArn", "DefineAuthChallenge",
          "CreateAuthChallengeArn", "CreateAuthChallenge",
          "VerifyAuthChallengeResponseArn", "VerifyAuthChallengeResponse",
          "PreTokenGenerationArn", "PreTokenGeneration",
          "TokenGateArn", "PreTokenGeneration");

  private final CloudFormationClient cloudFormation;

  public StackReader(CloudFormationClient cloudFormation) {
    this.cloudFormation = cloudFormation;
  }

  /**
   * @throws IllegalArgumentException when the stack lacks the outputs this project's template has
   */
  public DoctorTarget read(String stackName) {
    Stack stack = cloudFormation.describeStacks(r -> r.stackName(stackName)).stacks().getFirst();
    Map<String, String> outputs = new LinkedHashMap<>();
    for (Output output : stack.outputs()) {
      outputs.put(output.outputKey(), output.outputValue());
    }
    String poolId = outputs.get("UserPoolId");
    String clientId = outputs.get("UserPoolClientId");
    if (poolId == null || clientId == null) {
      throw new IllegalArgumentException(
          "The stack "
              + stackName
              + " has no UserPoolId and UserPoolClientId outputs: is it this project's stack?"
              + " Give --pool-id and --client-id instead.");
    }
    Map<String, String> triggers = new LinkedHashMap<>();
    TRIGGER_OUTPUTS.forEach(
        (output, trigger) -> {
          if (outputs.containsKey(output)) {
            triggers.put(trigger, outputs.get(output));
          }
        });
    Optional<String> sender = Optional.empty();
    for (Parameter parameter : stack.parameters()) {
      if (parameter.parameterKey().equals("EmailSender")) {
        sender = Optional.ofNullable(parameter.parameterValue());
      }
    }
    Map<String, String> tables = new LinkedHashMap<>();
    for (StackResourceSummary resource :
        cloudFormation
            .listStackResourcesPaginator(r -> r.stackName(stackName))
            .stackResourceSummaries()) {
      if (resource.resourceType().equals("AWS::DynamoDB::Table")
          && resource.physicalResourceId() != null) {
        tables.put(resource.logicalResourceId(), resource.physicalResourceId());
      }
    }
    return new DoctorTarget(poolId, clientId, sender, tables, triggers);
  }
}
