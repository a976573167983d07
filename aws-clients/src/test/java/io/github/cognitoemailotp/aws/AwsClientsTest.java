package io.github.cognitoemailotp.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cognitoemailotp.layer.InvalidSettingException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;

/** How every function's clients are set up: region, time budgets, retries, the priming stop. */
class AwsClientsTest {

  @Test
  void regionMustBeSet() {
    assertThatThrownBy(() -> AwsClients.region(Map.of()))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessage(
            "AWS_REGION is not set; Lambda sets it, elsewhere set it to the region of the stack");
    assertThatThrownBy(() -> AwsClients.region(Map.of("AWS_REGION", " ")))
        .isInstanceOf(InvalidSettingException.class);
    assertThat(AwsClients.region(Map.of("AWS_REGION", " eu-west-1 "))).isEqualTo(Region.EU_WEST_1);
  }

  @Test
  void anOnDemandInitTakesTheRolesKeysFromTheEnvironmentASnapStartInitTheDefaultChain() {
    assertThat(
            AwsClients.credentials(
                Map.of(
                    "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
                    "AWS_SECRET_ACCESS_KEY", "secret",
                    "AWS_SESSION_TOKEN", "token")))
        .isInstanceOf(EnvironmentVariableCredentialsProvider.class);
    // A SnapStart init has no keys in its environment: Lambda serves them from its container
    // endpoint, which only the default chain reads.
    assertThat(AwsClients.credentials(Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://x")))
        .isInstanceOf(DefaultCredentialsProvider.class);
    assertThat(AwsClients.credentials(Map.of("AWS_ACCESS_KEY_ID", " ")))
        .isInstanceOf(DefaultCredentialsProvider.class);
  }

  @Test
  void eachClientsCallsEndWellInsideCognitosFiveSeconds() {
    for (AwsClients.CallBudget budget :
        new AwsClients.CallBudget[] {AwsClients.SES, AwsClients.DYNAMODB}) {
      assertThat(budget.attempt()).isLessThanOrEqualTo(budget.call());
      assertThat(budget.connect()).isLessThanOrEqualTo(budget.attempt());
    }
    assertThat(AwsClients.SES.call().plus(AwsClients.DYNAMODB.call()))
        .isLessThanOrEqualTo(Duration.ofSeconds(4));
    assertThat(DynamoDbCalls.CALL_BUDGET).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void theOverrideConfigurationCarriesTheBudgetTheRetriesAndThePrimingStop() {
    ClientOverrideConfiguration configuration =
        AwsClients.overrideConfiguration(AwsClients.DYNAMODB);
    assertThat(configuration.apiCallAttemptTimeout()).contains(Duration.ofMillis(500));
    assertThat(configuration.apiCallTimeout()).contains(Duration.ofMillis(1000));
    assertThat(configuration.retryStrategy().orElseThrow().maxAttempts()).isEqualTo(3);
    assertThat(configuration.executionInterceptors())
        .hasAtLeastOneElementOfType(AwsClients.StopBeforeTransmission.class);
    assertThat(AwsClients.retryStrategy(2).maxAttempts()).isEqualTo(2);
  }

  @Test
  void aPrimingClientKeepsTheRetriesAndTheStopButIsNotCutOffByTheRealBudget() {
    var builder =
        AwsClients.forPriming(
            DynamoDbCalls.clientBuilder(Region.US_EAST_1),
            java.net.URI.create("http://127.0.0.1:9"));
    ClientOverrideConfiguration configuration = builder.overrideConfiguration();
    assertThat(configuration.apiCallAttemptTimeout()).contains(AwsClients.PRIMING_TIME.attempt());
    assertThat(configuration.apiCallTimeout()).contains(AwsClients.PRIMING_TIME.call());
    assertThat(AwsClients.PRIMING_TIME.attempt())
        .isGreaterThan(AwsClients.SES.call())
        .isGreaterThan(AwsClients.DYNAMODB.call());
    assertThat(configuration.retryStrategy().orElseThrow().maxAttempts()).isEqualTo(3);
    assertThat(configuration.executionInterceptors())
        .hasAtLeastOneElementOfType(AwsClients.StopBeforeTransmission.class);
    builder.build().close();
  }

  @Test
  void thePrimingStopIsFoundAmongTheCauses() {
    AwsClients.PrimingStopped stopped = new AwsClients.PrimingStopped(true);
    assertThat(AwsClients.primingStop(new RuntimeException("outer", stopped))).contains(stopped);
    assertThat(AwsClients.primingStop(stopped).orElseThrow().signed()).isTrue();
    assertThat(new AwsClients.PrimingStopped(false).signed()).isFalse();
    assertThat(AwsClients.primingStop(new RuntimeException("no stop"))).isEmpty();
    assertThat(stopped).hasMessage("SnapStart priming: stopped before transmission");
  }

  @Test
  void remainingTimeIsNeverLessThanAMillisecond() {
    assertThat(DynamoDbCalls.remaining(System.nanoTime() - 1_000_000_000L))
        .isEqualTo(Duration.ofMillis(1));
    assertThat(DynamoDbCalls.remaining(System.nanoTime() + 2_000_000_000L))
        .isBetween(Duration.ofMillis(1900), Duration.ofMillis(2000));
  }
}
