package io.github.cognitoemailotp.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/app-integration.md cannot go stale: each of its JavaScript and Java snippets names the file
 * it comes from (the word after the language on its opening fence), and must be in that file word
 * for word, with the same line breaks and relative indentation. Those files are the code the
 * browser test (WebSignInBrowserTest) and the example client's tests run.
 */
class AppIntegrationDocTest {

  private static final Path ROOT = Path.of("..");
  private static final Path DOC = ROOT.resolve("docs/app-integration.md");

  /** One fenced code block: its language, the source it names, its lines. */
  record Snippet(String language, String source, List<String> lines, int line) {}

  static List<Snippet> snippets(List<String> doc) {
    List<Snippet> snippets = new ArrayList<>();
    for (int i = 0; i < doc.size(); i++) {
      if (!doc.get(i).startsWith("```") || doc.get(i).equals("```")) {
        continue;
      }
      String[] info = doc.get(i).substring(3).trim().split("\\s+");
      int start = i + 1;
      int end = start;
      while (end < doc.size() && !doc.get(end).equals("```")) {
        end++;
      }
      snippets.add(
          new Snippet(
              info[0],
              info.length > 1 ? info[1] : "",
              List.copyOf(doc.subList(start, end)),
              i + 1));
      i = end;
    }
    return snippets;
  }

  /** Whether {@code lines} appear in {@code source} consecutively, shifted by one indentation. */
  static boolean appearsIn(List<String> lines, List<String> source) {
    for (int at = 0; at + lines.size() <= source.size(); at++) {
      if (matchesAt(lines, source, at)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchesAt(List<String> lines, List<String> source, int at) {
    String first = source.get(at);
    String expectedFirst = lines.getFirst();
    if (!first.endsWith(expectedFirst)
        || !first.substring(0, first.length() - expectedFirst.length()).isBlank()) {
      return false;
    }
    String shift = first.substring(0, first.length() - expectedFirst.length());
    for (int j = 0; j < lines.size(); j++) {
      String expected = lines.get(j).isBlank() ? "" : shift + lines.get(j);
      String actual = source.get(at + j).isBlank() ? "" : source.get(at + j);
      if (!expected.equals(actual)) {
        return false;
      }
    }
    return true;
  }

  private static List<Snippet> codeSnippets() throws IOException {
    return snippets(Files.readAllLines(DOC)).stream()
        .filter(snippet -> snippet.language().equals("js") || snippet.language().equals("java"))
        .toList();
  }

  @Test
  void everySnippetIsInTheFileItNames() throws IOException {
    List<Snippet> snippets = codeSnippets();
    assertThat(snippets).isNotEmpty();
    for (Snippet snippet : snippets) {
      assertThat(snippet.source())
          .as("the snippet at docs/app-integration.md line %d names its file", snippet.line())
          .isNotEmpty();
      Path source = ROOT.resolve(snippet.source());
      assertThat(source).as("line %d names a file that exists", snippet.line()).exists();
      assertThat(appearsIn(snippet.lines(), Files.readAllLines(source)))
          .as(
              "the snippet at docs/app-integration.md line %d is in %s word for word:%n%s",
              snippet.line(), snippet.source(), String.join("\n", snippet.lines()))
          .isTrue();
    }
  }

  @Test
  void theDocShowsEachStepForEachLibrary() throws IOException {
    Map<String, Long> perSource =
        codeSnippets().stream()
            .collect(Collectors.groupingBy(Snippet::source, TreeMap::new, Collectors.counting()));
    assertThat(perSource)
        .containsEntry("example-client/web/src/amplify.js", 8L)
        .containsEntry("example-client/web/src/cognito-identity-js.js", 7L)
        .containsEntry("example-client/web/src/failures.js", 1L)
        .containsEntry("example-client/web/src/page.js", 5L)
        .containsEntry("example-client/web/src/trusted-browser.js", 4L)
        .containsEntry(
            "example-client/src/main/java/io/github/cognitoemailotp/client/SignInFlow.java", 3L)
        .containsEntry(
            "example-client/src/main/java/io/github/cognitoemailotp/client/IdTokenVerifier.java",
            2L);
    String doc = Files.readString(DOC);
    assertThat(doc)
        .contains(
            "authFlowType: 'CUSTOM_WITH_SRP'",
            "userPoolEndpoint",
            "confirmSignIn({ challengeResponse: answer, options: { clientMetadata } })",
            "current.signOut((error) =>",
            "Where the tokens are kept",
            "clientMetadata: { resend: 'true' }",
            "setAuthenticationFlowType('CUSTOM_AUTH')",
            "sendCustomChallengeAnswer('resend'",
            "AuthFlowType.CUSTOM_AUTH",
            "CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED",
            "confirmSignIn({ challengeResponse: newPassword })",
            "completeNewPasswordChallenge(newPassword",
            "PreTokenGeneration failed with error Password changed.",
            ".claim(\"client_id\", clientId)",
            "## Trust this browser",
            "crypto.subtle.generateKey(ECDSA, false, ['sign', 'verify'])",
            "'trustDevice.signature'",
            "{ deviceId: knownDevice.deviceId }",
            "challenge?.challenge === 'DEVICE_PROOF'",
            "clientMetadata.forgetDevice");
  }

  @Test
  void theScreenshotsTheDocShowsAreInTheRepository() throws IOException {
    String doc = Files.readString(DOC);
    for (String image :
        List.of(
            "images/code-step-amplify.png",
            "images/code-step-cognito-identity-js.png",
            "images/cooldown-amplify.png",
            "images/signed-in-amplify.png",
            "images/trust-this-browser-amplify.png")) {
      assertThat(doc).contains("](" + image + ")");
      assertThat(ROOT.resolve("docs").resolve(image)).isNotEmptyFile();
    }
  }

  @Test
  void theReadmeLinksTheDoc() throws IOException {
    assertThat(Files.readString(ROOT.resolve("README.md")))
        .contains("## Use it from your app")
        .contains("(docs/app-integration.md)");
  }

  @Test
  void aSnippetThatChangedIsNotFound() {
    List<String> source = List.of("function f() {", "  const a = 1;", "  return a;", "}");
    assertThat(appearsIn(List.of("const a = 1;", "return a;"), source)).isTrue();
    assertThat(appearsIn(List.of("const a = 2;", "return a;"), source)).isFalse();
    assertThat(appearsIn(List.of("const a = 1;", "  return a;"), source)).isFalse();
    assertThat(appearsIn(List.of("return a;", "const a = 1;"), source)).isFalse();
  }
}
