package io.github.cognitoemailotp.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostileEventsTest {

  @Test
  void onlyTheMetricsTimestampsAreBlanked() {
    String line =
        "{\"reason\":\"code 482913\",\"_aws\":{\"Timestamp\":1796280482913,\"x\":1},"
            + "\"Timestamp\":482913}";
    assertThat(HostileEvents.withoutTimestamps(line))
        .isEqualTo(
            "{\"reason\":\"code 482913\",\"_aws\":{\"Timestamp\":0,\"x\":1},\"Timestamp\":0}");
  }
}
