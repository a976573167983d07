package io.github.cognitoemailotp.create;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The body of SES v2 {@code SendEmail} as Create writes it, read back by an independent JSON parser
 * (Jackson), and a {@code toString} that never shows the code.
 */
class SesEmailTest {

  private static final ObjectMapper JACKSON = new ObjectMapper();
  private static final String CODE = "482913";

  private static SesEmail email(String configurationSetName) {
    return new SesEmail(
        "no-reply@example.com",
        "jane.doe@example.com",
        "Your code " + CODE,
        "Your sign-in code is " + CODE,
        "<p>Your sign-in code is <b>" + CODE + "</b></p>",
        configurationSetName);
  }

  private static JsonNode parsed(SesEmail email) throws IOException {
    return JACKSON.readTree(email.toJson());
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void toJsonIsTheCompactSendEmailBodyInTheApiReferenceOrder() {
    assertThat(new String(email("otp").toJson(), UTF_8))
        .isEqualTo(
            "{\"FromEmailAddress\":\"no-reply@example.com\","
                + "\"Destination\":{\"ToAddresses\":[\"jane.doe@example.com\"]},"
                + "\"Content\":{\"Simple\":{"
                + "\"Subject\":{\"Data\":\"Your code 482913\",\"Charset\":\"UTF-8\"},"
                + "\"Body\":{"
                + "\"Text\":{\"Data\":\"Your sign-in code is 482913\",\"Charset\":\"UTF-8\"},"
                + "\"Html\":{\"Data\":\"<p>Your sign-in code is <b>482913</b></p>\","
                + "\"Charset\":\"UTF-8\"}}}},"
                + "\"ConfigurationSetName\":\"otp\"}");
  }

  @Test
  void toJsonHasExactlyTheSendEmailMembers() throws IOException {
    JsonNode json = parsed(email("otp"));

    assertThat(fieldNames(json))
        .containsExactly("FromEmailAddress", "Destination", "Content", "ConfigurationSetName");
    assertThat(fieldNames(json.get("Destination"))).containsExactly("ToAddresses");
    assertThat(fieldNames(json.get("Content"))).containsExactly("Simple");
    assertThat(fieldNames(json.at("/Content/Simple"))).containsExactly("Subject", "Body");
    assertThat(fieldNames(json.at("/Content/Simple/Body"))).containsExactly("Text", "Html");
    for (String part : List.of("Subject", "Body/Text", "Body/Html")) {
      assertThat(fieldNames(json.at("/Content/Simple/" + part)))
          .as(part)
          .containsExactly("Data", "Charset");
      assertThat(json.at("/Content/Simple/" + part + "/Charset").asText())
          .as(part)
          .isEqualTo("UTF-8");
    }
  }

  @Test
  void theOneRecipientIsTheOnlyToAddress() throws IOException {
    JsonNode toAddresses = parsed(email("")).at("/Destination/ToAddresses");

    assertThat(toAddresses.isArray()).isTrue();
    assertThat(toAddresses).hasSize(1);
    assertThat(toAddresses.get(0).asText()).isEqualTo("jane.doe@example.com");
  }

  @Test
  void configurationSetNameIsOmittedWhenEmpty() throws IOException {
    JsonNode json = parsed(email(""));

    assertThat(json.has("ConfigurationSetName")).isFalse();
    assertThat(fieldNames(json)).containsExactly("FromEmailAddress", "Destination", "Content");
  }

  @Test
  void configurationSetNameIsSentWhenNamed() throws IOException {
    assertThat(parsed(email("otp-events")).get("ConfigurationSetName").asText())
        .isEqualTo("otp-events");
  }

  @Test
  void japaneseTextIsWrittenAsUtf8AndReadsBackUnchanged() throws IOException {
    SesEmail japanese =
        new SesEmail(
            "no-reply@example.com",
            "山田@example.jp",
            "サインインコード " + CODE,
            "コードは " + CODE + " です。",
            "<p>コードは <b>" + CODE + "</b> です。</p>",
            "");

    byte[] json = japanese.toJson();

    assertThat(new String(json, UTF_8)).contains("\"サインインコード 482913\"");
    JsonNode read = JACKSON.readTree(json);
    assertThat(read.at("/Destination/ToAddresses/0").asText()).isEqualTo("山田@example.jp");
    assertThat(read.at("/Content/Simple/Subject/Data").asText()).isEqualTo("サインインコード " + CODE);
    assertThat(read.at("/Content/Simple/Body/Text/Data").asText())
        .isEqualTo("コードは " + CODE + " です。");
    assertThat(read.at("/Content/Simple/Body/Html/Data").asText())
        .isEqualTo("<p>コードは <b>" + CODE + "</b> です。</p>");
  }

  @Test
  void charactersThatJsonMustEscapeReadBackUnchanged() throws IOException {
    String awkward = "quote \" backslash \\ newline \n tab \t cr \r nul \0 ls \u2028 key 🔐 end";
    SesEmail email =
        new SesEmail(
            "no-reply@example.com", "jane.doe@example.com", awkward, awkward, awkward, awkward);

    JsonNode read = JACKSON.readTree(email.toJson());

    assertThat(read.at("/Content/Simple/Subject/Data").asText()).isEqualTo(awkward);
    assertThat(read.at("/Content/Simple/Body/Text/Data").asText()).isEqualTo(awkward);
    assertThat(read.at("/Content/Simple/Body/Html/Data").asText()).isEqualTo(awkward);
    assertThat(read.get("ConfigurationSetName").asText()).isEqualTo(awkward);
  }

  @Test
  void toStringShowsTheMaskedRecipientAndTheSender() {
    assertThat(email("otp").toString())
        .isEqualTo("SesEmail[to=j***@e***.com, from=no-reply@example.com]");
  }

  @Test
  void toStringNeverShowsTheCodeTheBodiesOrTheWholeAddress() {
    SesEmail email = email("otp");

    assertThat(email.toString())
        .doesNotContain(CODE)
        .doesNotContain(email.subject())
        .doesNotContain(email.text())
        .doesNotContain(email.html())
        .doesNotContain("jane.doe")
        .doesNotContain("jane.doe@example.com");
  }
}
