package io.github.cognitoemailotp.layer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.github.cognitoemailotp.testkit.Sampling;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The layer's own JSON reader decides what an event says, so it is checked three ways: examples of
 * what it must reject, round trips of random documents, and, on tens of thousands of random and
 * mangled documents, the same verdict and the same tree as jackson-core, a widely used strict
 * parser (configured as the layer used it before: duplicate keys rejected).
 */
class JsonTest {

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static Object parse(String text) throws Json.SyntaxException {
    return Json.parse(utf8(text));
  }

  @Test
  void readsEveryKindOfValue() throws Exception {
    Object document =
        parse(
            " {\"s\":\"a\\\"b\\\\c\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\",\"n\":-12.5e+3,"
                + "\"z\":0,\"t\":true,\"f\":false,\"x\":null,\"l\":[1,[],{}],\"u\":\"\u65e5\u672c\"}\r\n");
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("s", "a\"b\\c/\b\f\n\r\t\u00e9\ud83d\ude00");
    expected.put("n", new Json.Number("-12.5e+3"));
    expected.put("z", new Json.Number("0"));
    expected.put("t", true);
    expected.put("f", false);
    expected.put("x", Json.NULL);
    expected.put("l", List.of(new Json.Number("1"), List.of(), Map.of()));
    expected.put("u", "\u65e5\u672c");
    assertThat(document).isEqualTo(expected);
    assertThat(List.copyOf(((Map<?, ?>) document).keySet()))
        .isEqualTo(List.copyOf(expected.keySet()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"a\":01}",
        "{\"a\":-}",
        "{\"a\":1.}",
        "{\"a\":.5}",
        "{\"a\":1e}",
        "{\"a\":+1}",
        "{\"a\":1,}",
        "[1,]",
        "[,1]",
        "{,}",
        "{\"a\"}",
        "{\"a\" 1}",
        "{a:1}",
        "{'a':1}",
        "{\"a\":NaN}",
        "{\"a\":Infinity}",
        "{\"a\":tru}",
        "{\"a\":nul}",
        "{\"a\":True}",
        "/* c */ {}",
        "{} // c",
        "{\"a\":\"\\x\"}",
        "{\"a\":\"\\u12G4\"}",
        "{\"a\":\"\\ud800\"}",
        "{\"a\":\"\\ud800\\u0041\"}",
        "{\"a\":\"\\udc00\"}",
        "{\"a\":\"tab\there\"}",
        "{\"a\":1}}",
        "[1 2]",
        "{\"a\":1 \"b\":2}",
        "\u000b{}",
        "{\"a\":\"\u0000\"}"
      })
  void rejectsWhatAStrictReaderMust(String document) {
    assertThatThrownBy(() -> parse(document))
        .isInstanceOf(Json.SyntaxException.class)
        .hasMessageStartingWith("the event cannot be read: ");
  }

  @Test
  void rejectsInvalidUtf8AndAByteOrderMark() {
    byte[][] documents = {
      {'"', (byte) 0xC0, (byte) 0x80, '"'}, // overlong NUL
      {'"', (byte) 0xE0, (byte) 0x80, (byte) 0xAF, '"'}, // overlong '/'
      {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'}, // an encoded surrogate
      {'"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'}, // above U+10FFFF
      {'"', (byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80, '"'}, // 5 bytes
      {'"', (byte) 0xC3, '"'}, // cut short
      {'"', (byte) 0x80, '"'}, // a continuation byte alone
      {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'}, // byte-order mark
      {'{', (byte) 0xC3, (byte) 0xA9, '}'} // non-ASCII outside a string
    };
    for (byte[] document : documents) {
      assertThatThrownBy(() -> Json.parse(document)).isInstanceOf(Json.SyntaxException.class);
    }
  }

  @Test
  void nestingIsLimited() throws Exception {
    int limit = Json.MAX_DEPTH;
    assertThat(parse("[".repeat(limit) + "]".repeat(limit))).isInstanceOf(List.class);
    assertThatThrownBy(() -> parse("[".repeat(limit + 1) + "]".repeat(limit + 1)))
        .hasMessageStartingWith("the event cannot be read: it is nested too deeply");
    assertThatThrownBy(() -> parse("{\"a\":".repeat(limit + 1) + "1" + "}".repeat(limit + 1)))
        .hasMessageStartingWith("the event cannot be read: it is nested too deeply");
  }

  @Test
  void errorsSayWhereWithoutQuoting() {
    assertThatThrownBy(() -> parse("{\n  \"code\": 48x913\n}"))
        .hasMessage("the event cannot be read: it is not valid JSON (line 2, column 13)");
    assertThatThrownBy(() -> parse("{\"code\":\"482913"))
        .hasMessage(
            "the event cannot be read: it ends before the JSON value is complete"
                + " (line 1, column 16)");
    assertThatThrownBy(() -> parse("{\"482913\":1,\"482913\":2}"))
        .hasMessage(
            "the event cannot be read: a field appears twice in one object (line 1, column 22)");
    assertThatThrownBy(() -> parse("  \n ")).hasMessage("the event cannot be read: it is empty");
    assertThatThrownBy(() -> parse("{} {}"))
        .hasMessage("the event cannot be read: there is more after the JSON value");
  }

  @Test
  void writesEscapesThatEveryReaderTakes() throws Exception {
    String text = "q\" b\\ nl\n cr\r tab\t bell\u0007 ls\u2028 lone\ud800 pair\ud83d\ude00 \u00e9";
    byte[] written = Json.write(List.of(text));
    assertThat(new String(written, StandardCharsets.UTF_8))
        .isEqualTo(
            "[\"q\\\" b\\\\ nl\\n cr\\r tab\\t bell\\u0007 ls\\u2028 lone\\uD800 pair\ud83d\ude00"
                + " \u00e9\"]");
    assertThat(jackson(written)).contains(List.of(text));
  }

  @Test
  void randomTreesSurviveARoundTripAndReadTheSameInJackson() {
    Sampling.check(
        3000,
        random -> tree(random, 0),
        tree -> {
          byte[] written = Json.write(tree);
          try {
            assertThat(Json.parse(written)).isEqualTo(tree);
          } catch (Json.SyntaxException e) {
            throw new AssertionError(e.getMessage() + ": " + new String(written));
          }
          assertThat(jackson(written)).contains(tree);
        });
  }

  @Test
  void mangledDocumentsGetTheSameVerdictAndTreeAsJackson() {
    Sampling.check(
        30000,
        random ->
            new String(mangle(random, Json.write(tree(random, 0))), StandardCharsets.ISO_8859_1),
        text -> {
          byte[] document = text.getBytes(StandardCharsets.ISO_8859_1);
          Optional<Object> theirs = jackson(document);
          Optional<Object> ours;
          try {
            ours = Optional.of(Json.parse(document));
          } catch (Json.SyntaxException e) {
            ours = Optional.empty();
          }
          // Where this reader is stricter than jackson on purpose: jackson takes a lone surrogate
          // escape (\\ud800) as a string's character, and some invalid UTF-8 (an overlong
          // four-byte sequence) as a character; this reader refuses both.
          if (theirs.isPresent()
              && ours.isEmpty()
              && (holdsLoneSurrogate(theirs.get()) || strictUtf8(document).isEmpty())) {
            return;
          }
          assertThat(ours)
              .as("verdict and tree for %s", new String(document, StandardCharsets.UTF_8))
              .isEqualTo(theirs);
        });
  }

  @Test
  void stringsOfRandomBytesAreReadExactlyWhenTheyAreValidUtf8() {
    Sampling.check(
        20000,
        random -> {
          byte[] body = new byte[random.nextInt(8)];
          for (int i = 0; i < body.length; i++) {
            body[i] =
                (byte) (random.nextBoolean() ? 0x80 + random.nextInt(0x80) : random.nextInt());
            // No quote or backslash: what is checked here is the decoding of raw bytes.
            if (body[i] == '"' || body[i] == '\\') {
              body[i] = 'x';
            }
          }
          return HexFormat.of().formatHex(body);
        },
        hex -> {
          byte[] body = HexFormat.of().parseHex(hex);
          byte[] document = new byte[body.length + 2];
          document[0] = '"';
          System.arraycopy(body, 0, document, 1, body.length);
          document[document.length - 1] = '"';
          Optional<String> expected = strictUtf8(body).filter(JsonTest::noControlCharacter);
          Optional<Object> ours;
          try {
            ours = Optional.of(Json.parse(document));
          } catch (Json.SyntaxException e) {
            ours = Optional.empty();
          }
          assertThat(ours).isEqualTo(expected.map(Object.class::cast));
        });
  }

  // ---- helpers

  private static final JsonFactory JACKSON =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  /** jackson-core's reading of a document, in this class's value types; empty if it refuses. */
  private static Optional<Object> jackson(byte[] document) {
    try (JsonParser parser = JACKSON.createParser(document)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return Optional.empty();
      }
      Object value = jacksonValue(parser, first);
      return parser.nextToken() == null ? Optional.of(value) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Object jacksonValue(JsonParser parser, JsonToken token) throws IOException {
    if (token == JsonToken.START_OBJECT) {
      Map<String, Object> object = new LinkedHashMap<>();
      for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
        String name = parser.currentName();
        object.put(name, jacksonValue(parser, parser.nextToken()));
      }
      return object;
    } else if (token == JsonToken.START_ARRAY) {
      List<Object> array = new ArrayList<>();
      for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
        array.add(jacksonValue(parser, t));
      }
      return array;
    } else if (token == JsonToken.VALUE_STRING) {
      return parser.getText();
    } else if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
      return new Json.Number(parser.getText());
    } else if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
      return token == JsonToken.VALUE_TRUE;
    } else if (token == JsonToken.VALUE_NULL) {
      return Json.NULL;
    }
    throw new IOException("unexpected token " + token);
  }

  private static boolean holdsLoneSurrogate(Object value) {
    if (value instanceof Map<?, ?> map) {
      return map.keySet().stream().anyMatch(JsonTest::holdsLoneSurrogate)
          || map.values().stream().anyMatch(JsonTest::holdsLoneSurrogate);
    }
    if (value instanceof List<?> list) {
      return list.stream().anyMatch(JsonTest::holdsLoneSurrogate);
    }
    if (value instanceof String text) {
      return strictUtf8(text.getBytes(StandardCharsets.UTF_16BE), true).isEmpty();
    }
    return false;
  }

  private static Optional<String> strictUtf8(byte[] bytes) {
    return strictUtf8(bytes, false);
  }

  private static Optional<String> strictUtf8(byte[] bytes, boolean utf16) {
    try {
      return Optional.of(
          (utf16 ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_8)
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private static boolean noControlCharacter(String text) {
    return text.chars().noneMatch(c -> c < 0x20);
  }

  private static final String[] WORDS = {
    "", "a", "code", "482913", "\u00e9t\u00e9", "\ud83d\ude00"
  };
  private static final String[] NUMBERS = {"0", "-1", "12.5", "1e9", "-0.0E-7", "123456789012"};

  /** A random tree of the value types this class reads, at most 6 levels deep. */
  private static Object tree(Random random, int depth) {
    int kind = random.nextInt(depth >= 5 ? 5 : 7);
    switch (kind) {
      case 0:
        return random.nextBoolean() ? WORDS[random.nextInt(WORDS.length)] : randomString(random);
      case 1:
        return new Json.Number(NUMBERS[random.nextInt(NUMBERS.length)]);
      case 2:
        return random.nextBoolean();
      case 3:
        return Json.NULL;
      case 4:
        return WORDS[random.nextInt(WORDS.length)];
      case 5:
        {
          Map<String, Object> object = new LinkedHashMap<>();
          for (int i = random.nextInt(4); i > 0; i--) {
            object.put(randomString(random), tree(random, depth + 1));
          }
          return object;
        }
      default:
        {
          List<Object> array = new ArrayList<>();
          for (int i = random.nextInt(4); i > 0; i--) {
            array.add(tree(random, depth + 1));
          }
          return array;
        }
    }
  }

  private static String randomString(Random random) {
    StringBuilder text = new StringBuilder();
    for (int i = random.nextInt(6); i > 0; i--) {
      int pick = random.nextInt(10);
      if (pick < 5) {
        text.append((char) (0x20 + random.nextInt(0x5F)));
      } else if (pick < 7) {
        text.append((char) random.nextInt(0x20));
      } else if (pick < 9) {
        text.append((char) (0xA0 + random.nextInt(0xD000)));
      } else {
        text.appendCodePoint(0x10000 + random.nextInt(0x100000 - 0x10000));
      }
    }
    return text.toString();
  }

  private static final byte[] NOISE = utf8("{}[]\":,\\ \t\n\r0123456789eE.-+truefalsnux/'\u0001A");

  /** A document with a few bytes replaced, inserted, deleted or duplicated. */
  private static byte[] mangle(Random random, byte[] document) {
    List<Byte> bytes = new ArrayList<>();
    for (byte b : document) {
      bytes.add(b);
    }
    for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
      int at = bytes.isEmpty() ? 0 : random.nextInt(bytes.size());
      int what = random.nextInt(4);
      if (what == 0 && !bytes.isEmpty()) {
        bytes.remove(at);
      } else if (what == 1 && !bytes.isEmpty()) {
        bytes.set(at, NOISE[random.nextInt(NOISE.length)]);
      } else if (what == 2 && !bytes.isEmpty()) {
        bytes.add(at, bytes.get(at));
      } else {
        bytes.add(at, NOISE[random.nextInt(NOISE.length)]);
      }
    }
    byte[] mangled = new byte[bytes.size()];
    for (int i = 0; i < mangled.length; i++) {
      mangled[i] = bytes.get(i);
    }
    return mangled;
  }
}
