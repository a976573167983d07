package io.github.cognitoemailotp.client.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cognitoemailotp.testkit.CloudWatchStandIn;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParser;
import software.amazon.awssdk.thirdparty.jackson.core.JsonToken;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORFactory;

/**
 * The operator's unlock counted in CloudWatch: one {@code PutMetricData} to a stand-in on
 * 127.0.0.1, decoded as CloudWatch would decode it.
 */
class UnlockMetricTest {

  final CloudWatchStandIn standIn = new CloudWatchStandIn();
  final CloudWatchClient cloudWatch =
      CloudWatchClient.builder()
          .region(Region.US_EAST_1)
          .endpointOverride(URI.create(standIn.url()))
          .credentialsProvider(
              StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
          .httpClient(UrlConnectionHttpClient.create())
          .build();

  @AfterEach
  void stop() {
    cloudWatch.close();
    standIn.close();
  }

  @Test
  void anUnlockIsOneUsersUnlockedCountInTheNamespaceWithoutDimensions() throws IOException {
    Instant now = Instant.parse("2026-12-03T04:20:00Z");

    Optional<String> failure = new UnlockMetric(cloudWatch).count("CognitoEmailOtp", now);

    assertThat(failure).isEmpty();
    assertThat(standIn.requests()).hasSize(1);
    CloudWatchStandIn.Request request = standIn.requests().getFirst();
    assertThat(request.path()).endsWith("/operation/PutMetricData");
    assertThat(fields(request.body()))
        .containsExactly(
            "Namespace=CognitoEmailOtp",
            "MetricData[",
            "MetricName=UsersUnlocked",
            "Timestamp=" + now.getEpochSecond(),
            "Value=1",
            "Unit=Count",
            "]");
  }

  @Test
  void aRefusalIsReportedNotThrown() {
    standIn.answering(403);

    Optional<String> failure = new UnlockMetric(cloudWatch).count("CognitoEmailOtp", Instant.now());

    assertThat(failure).get().asString().startsWith("CloudWatch refused it");
    assertThat(standIn.requests()).isNotEmpty();
  }

  @Test
  void noAnswerIsReportedNotThrown() {
    standIn.close();

    Optional<String> failure = new UnlockMetric(cloudWatch).count("CognitoEmailOtp", Instant.now());

    assertThat(failure).get().asString().startsWith("CloudWatch could not be reached");
  }

  /** The CBOR input as {@code name=value} lines, arrays as {@code name[} ... {@code ]}. */
  static List<String> fields(byte[] body) throws IOException {
    List<String> fields = new ArrayList<>();
    try (JsonParser parser = new CBORFactory().createParser(body)) {
      String name = null;
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        switch (token) {
          case FIELD_NAME -> name = parser.currentName();
          case START_ARRAY -> fields.add(name + "[");
          case END_ARRAY -> fields.add("]");
          case START_OBJECT, END_OBJECT -> {}
          case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
              fields.add(
                  name
                      + "="
                      + java.math.BigDecimal.valueOf(parser.getDoubleValue())
                          .stripTrailingZeros()
                          .toPlainString());
          default -> fields.add(name + "=" + parser.getText());
        }
      }
    }
    return fields;
  }
}
