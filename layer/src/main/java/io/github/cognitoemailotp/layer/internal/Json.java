package io.github.cognitoemailotp.layer.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal JSON tree on jackson-core's streaming parser, chosen over jackson-databind because it
 * loads a fraction of the classes on a cold start.
 *
 * <p>Values are {@code Map<String, Object>} (insertion-ordered), {@code List<Object>}, {@code
 * String}, {@code Boolean}, {@link Number} and {@link #NULL}. Duplicate keys are rejected: two
 * values for one field would let the parser and a reader disagree about what the event says.
 */
public final class Json {

  /** The JSON {@code null} literal, distinct from a missing field. */
  public static final Object NULL = new Object();

  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private Json() {}

  /** A JSON document that could not be read; the message says where and why. */
  public static final class SyntaxException extends Exception {
    public SyntaxException(String message) {
      super(message);
    }
  }

  /** A number kept as its JSON text, so it is written back exactly as it came. */
  public record Number(String text) {}

  public static Object parse(byte[] document) throws SyntaxException {
    try (JsonParser parser = FACTORY.createParser(document)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new SyntaxException("the event cannot be read: it is empty");
      }
      Object value = readValue(parser, first);
      if (parser.nextToken() != null) {
        throw new SyntaxException("the event cannot be read: there is more after the JSON value");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new SyntaxException(describe(e));
    } catch (IOException | RuntimeException e) {
      throw new SyntaxException("the event is not valid JSON");
    }
  }

  private static Object readValue(JsonParser parser, JsonToken token) throws IOException {
    return switch (token) {
      case START_OBJECT -> {
        Map<String, Object> object = new LinkedHashMap<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
          String name = parser.currentName();
          object.put(name, readValue(parser, parser.nextToken()));
        }
        yield object;
      }
      case START_ARRAY -> {
        List<Object> array = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
          array.add(readValue(parser, t));
        }
        yield array;
      }
      case VALUE_STRING -> parser.getText();
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new Number(parser.getText());
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> NULL;
      default -> throw new IOException("unexpected token " + token);
    };
  }

  /** Writes a tree made of the value types this class reads. */
  public static byte[] write(Object value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    try (JsonGenerator generator = FACTORY.createGenerator(bytes)) {
      writeValue(generator, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  // An if-chain rather than a pattern switch: a pattern switch bootstraps through invokedynamic
  // on its first use, which costs a cold start tens of milliseconds.
  private static void writeValue(JsonGenerator generator, Object value) throws IOException {
    if (value instanceof Map<?, ?> object) {
      generator.writeStartObject();
      for (Map.Entry<?, ?> field : object.entrySet()) {
        generator.writeFieldName(String.valueOf(field.getKey()));
        writeValue(generator, field.getValue());
      }
      generator.writeEndObject();
    } else if (value instanceof List<?> array) {
      generator.writeStartArray();
      for (Object element : array) {
        writeValue(generator, element);
      }
      generator.writeEndArray();
    } else if (value instanceof String text) {
      generator.writeString(text);
    } else if (value instanceof Boolean bool) {
      generator.writeBoolean(bool);
    } else if (value instanceof Number number) {
      generator.writeNumber(number.text());
    } else if (value instanceof Integer number) {
      generator.writeNumber(number);
    } else if (value instanceof Long number) {
      generator.writeNumber(number);
    } else if (value == null || value == NULL) {
      generator.writeNull();
    } else {
      throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
    }
  }

  /**
   * Says what is wrong and where, without quoting the input: a parser's own message can echo a
   * fragment of the event, and a fragment of an event can be a one-time code.
   */
  private static String describe(JsonProcessingException e) {
    String message = String.valueOf(e.getOriginalMessage());
    String what;
    if (message.startsWith("Duplicate field")) {
      what = "a field appears twice in one object";
    } else if (message.contains("nesting depth")) {
      what = "it is nested too deeply";
    } else if (message.contains("end-of-input")) {
      what = "it ends before the JSON value is complete";
    } else {
      what = "it is not valid JSON";
    }
    JsonLocation where = e.getLocation();
    return where == null
        ? "the event cannot be read: " + what
        : "the event cannot be read: "
            + what
            + " (line "
            + where.getLineNr()
            + ", column "
            + where.getColumnNr()
            + ")";
  }
}
