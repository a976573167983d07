package io.github.cognitoemailotp.client.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.github.cognitoemailotp.layer.Setting;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.DescribeStacksRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeStacksResponse;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/** The pool, tables and limits of a deployed stack, from its outputs and parameters. */
class UserStackReaderTest {

  @SuppressWarnings("unchecked")
  static UserStackReader reader(Stack stack) {
    CloudFormationClient cloudFormation = mock(CloudFormationClient.class);
    when(cloudFormation.describeStacks(any(Consumer.class)))
        .thenReturn(DescribeStacksResponse.builder().stacks(stack).build());
    when(cloudFormation.describeStacks(any(DescribeStacksRequest.class)))
        .thenReturn(DescribeStacksResponse.builder().stacks(stack).build());
    return new UserStackReader(cloudFormation);
  }

  static Output output(String key, String value) {
    return Output.builder().outputKey(key).outputValue(value).build();
  }

  @Test
  void readsThePoolAndTablesFromOutputsAndTheLimitsFromParameters() {
    Stack stack =
        Stack.builder()
            .outputs(
                output("UserPoolId", "eu-west-1_Abc"),
                output("CodeEmailBudgetTableName", "s-CodeEmailBudgetTable-1"),
                output("UserLockTableName", "s-UserLockTable-1"))
            .parameters(
                Parameter.builder()
                    .parameterKey("MaxCodeEmailsPerHour")
                    .parameterValue("4")
                    .build(),
                Parameter.builder().parameterKey("MetricsNamespace").parameterValue("Otp").build())
            .build();

    UserTarget target = reader(stack).read("s");

    assertThat(target.userPoolId()).isEqualTo("eu-west-1_Abc");
    assertThat(target.budgetTable()).isEqualTo("s-CodeEmailBudgetTable-1");
    assertThat(target.lockTable()).isEqualTo("s-UserLockTable-1");
    assertThat(target.settings().number(Setting.MAX_CODE_EMAILS_PER_HOUR)).isEqualTo(4);
    assertThat(target.settings().source("MaxCodeEmailsPerHour"))
        .isEqualTo(OperatorSettings.Source.STACK);
    assertThat(target.settings().source("MaxCodeEmailsPerDay"))
        .isEqualTo(OperatorSettings.Source.DEFAULT);
    assertThat(target.settings().value("MetricsNamespace").orElseThrow().text()).isEqualTo("Otp");
  }

  @Test
  void aStackWithoutTheLockTableOutputNamesTheOptionsToGiveInstead() {
    Stack stack =
        Stack.builder()
            .outputs(
                output("UserPoolId", "eu-west-1_Abc"),
                output("CodeEmailBudgetTableName", "s-CodeEmailBudgetTable-1"))
            .build();

    assertThatThrownBy(() -> reader(stack).read("old-stack"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("The stack old-stack has no UserLockTableName output")
        .hasMessageContaining("--pool-id, --budget-table and --lock-table");
  }

  static Parameter parameter(String key, String value) {
    return Parameter.builder().parameterKey(key).parameterValue(value).build();
  }

  static Stack.Builder tables() {
    return Stack.builder()
        .outputs(
            output("UserPoolId", "eu-west-1_Abc"),
            output("CodeEmailBudgetTableName", "s-CodeEmailBudgetTable-1"),
            output("UserLockTableName", "s-UserLockTable-1"));
  }

  @Test
  void aStackWithTrustedDevicesGivesItsDeviceTableAndDays() {
    Stack stack =
        tables()
            .outputs(
                output("UserPoolId", "eu-west-1_Abc"),
                output("CodeEmailBudgetTableName", "s-CodeEmailBudgetTable-1"),
                output("UserLockTableName", "s-UserLockTable-1"),
                output("TrustedDeviceTableName", "s-TrustedDeviceTable-1"))
            .parameters(parameter("TrustedDeviceDays", "30"))
            .build();

    UserTarget target = reader(stack).read("s");

    assertThat(target.deviceTable()).contains("s-TrustedDeviceTable-1");
    assertThat(target.settings().number(Setting.TRUSTED_DEVICE_DAYS)).isEqualTo(30);
  }

  @Test
  void aStackWithTrustedDeviceDaysZeroOrWithoutTheParameterHasNoDeviceTable() {
    assertThat(
            reader(tables().parameters(parameter("TrustedDeviceDays", "0")).build())
                .read("s")
                .deviceTable())
        .isEmpty();
    assertThat(reader(tables().build()).read("older-stack").deviceTable()).isEmpty();
  }

  @Test
  void daysAboveZeroWithoutTheDeviceTableOutputIsRefusedNamingTheOptions() {
    Stack stack = tables().parameters(parameter("TrustedDeviceDays", "7")).build();

    assertThatThrownBy(() -> reader(stack).read("s"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has TrustedDeviceDays 7 but no TrustedDeviceTableName output")
        .hasMessageContaining("--device-table");
  }
}
