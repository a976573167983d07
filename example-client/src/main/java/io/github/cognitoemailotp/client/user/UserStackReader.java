package io.github.cognitoemailotp.client.user;

import io.github.cognitoemailotp.layer.Setting;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/**
 * The {@link UserTarget} of a deployed stack, from one {@code DescribeStacks}: the pool and the
 * tables from its outputs, the limits, the metrics namespace and {@code TrustedDeviceDays} from its
 * parameters. The trusted-device table's output exists only when {@code TrustedDeviceDays} is above
 * 0 (template.yaml's condition {@code TrustedDevicesOn}); the two must agree.
 */
public final class UserStackReader {

  static final String POOL_OUTPUT = "UserPoolId";
  static final String BUDGET_TABLE_OUTPUT = "CodeEmailBudgetTableName";
  static final String LOCK_TABLE_OUTPUT = "UserLockTableName";
  static final String DEVICE_TABLE_OUTPUT = "TrustedDeviceTableName";

  private final CloudFormationClient cloudFormation;

  public UserStackReader(CloudFormationClient cloudFormation) {
    this.cloudFormation = cloudFormation;
  }

  /**
   * @throws IllegalArgumentException when the stack lacks an output this command needs (a stack of
   *     an older version of this project, or another stack), naming the options to give instead, or
   *     when its {@code TrustedDeviceDays} and its trusted-device table's output disagree
   */
  public UserTarget read(String stackName) {
    Stack stack = cloudFormation.describeStacks(r -> r.stackName(stackName)).stacks().getFirst();
    Map<String, String> outputs = new LinkedHashMap<>();
    for (Output output : stack.outputs()) {
      outputs.put(output.outputKey(), output.outputValue());
    }
    for (String needed : new String[] {POOL_OUTPUT, BUDGET_TABLE_OUTPUT, LOCK_TABLE_OUTPUT}) {
      if (outputs.get(needed) == null || outputs.get(needed).isBlank()) {
        throw new IllegalArgumentException(
            "The stack "
                + stackName
                + " has no "
                + needed
                + " output: is it this project's stack, deployed with a version that has the"
                + " lock table? Deploy it again, or give --pool-id, --budget-table and"
                + " --lock-table instead.");
      }
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    for (Parameter parameter : stack.parameters()) {
      parameters.put(parameter.parameterKey(), parameter.parameterValue());
    }
    OperatorSettings settings = OperatorSettings.of(parameters, OperatorSettings.Source.STACK);
    Optional<String> deviceTable =
        Optional.ofNullable(outputs.get(DEVICE_TABLE_OUTPUT)).filter(name -> !name.isBlank());
    int trustedDeviceDays = settings.number(Setting.TRUSTED_DEVICE_DAYS);
    if ((trustedDeviceDays > 0) != deviceTable.isPresent()) {
      throw new IllegalArgumentException(
          "The stack "
              + stackName
              + " has TrustedDeviceDays "
              + trustedDeviceDays
              + (deviceTable.isPresent() ? " but a " : " but no ")
              + DEVICE_TABLE_OUTPUT
              + " output, which this project's template gives exactly when TrustedDeviceDays is"
              + " above 0: is the stack's update finished? Give --pool-id, --budget-table,"
              + " --lock-table and --device-table instead.");
    }
    return new UserTarget(
        outputs.get(POOL_OUTPUT),
        outputs.get(BUDGET_TABLE_OUTPUT),
        outputs.get(LOCK_TABLE_OUTPUT),
        deviceTable,
        settings);
  }
}
