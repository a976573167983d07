package io.github.cognitoemailotp.layer.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON reader and writer (RFC 8259) for the events and responses of the three triggers,
 * written here instead of taken from a library because a cold start pays for every class it loads:
 * this is one class where jackson-core's streaming parser loaded about a hundred.
 *
 * <p>Values are {@code Map<String, Object>} (insertion-ordered), {@code List<Object>}, {@code
 * String}, {@code Boolean}, {@link Number} and {@link #NULL}. The reader takes UTF-8 only, as
 * Lambda delivers events, and rejects what a lenient parser might guess at: duplicate keys (two
 * values for one field would let the parser and a reader disagree about what the event says), a
 * byte-order mark, invalid UTF-8, unescaped control characters, lone surrogates, leading zeros,
 * comments, trailing commas, anything after the value, and nesting deeper than {@value #MAX_DEPTH}
 * (a Cognito event is five levels deep).
 */
public final class Json {

  /** The JSON {@code null} literal, distinct from a missing field. */
  public static final Object NULL = new Object();

  /** Deepest nesting of objects and arrays read; deeper input is rejected, not recursed into. */
  public static final int MAX_DEPTH = 64;

  private Json() {}

  /** A JSON document that could not be read; the message says where and why, never quoting it. */
  public static final class SyntaxException extends Exception {
    public SyntaxException(String message) {
      super(message);
    }
  }

  /** A number kept as its JSON text, so it is written back exactly as it came. */
  public record Number(String text) {}

  /** Reads one JSON value that makes up the whole of {@code document}. */
  public static Object parse(byte[] document) throws SyntaxException {
    Reader reader = new Reader(document);
    reader.skipWhitespace();
    if (reader.position == document.length) {
      throw new SyntaxException("the event cannot be read: it is empty");
    }
    Object value = reader.value(0);
    reader.skipWhitespace();
    if (reader.position != document.length) {
      throw new SyntaxException("the event cannot be read: there is more after the JSON value");
    }
    return value;
  }

  /** A cursor over the document's bytes. */
  private static final class Reader {
    /** Not a byte value: what {@link #peekOrEnd()} returns at the end of the document. */
    private static final int END = 0x100;

    private final byte[] in;
    private int position;

    Reader(byte[] in) {
      this.in = in;
    }

    Object value(int depth) throws SyntaxException {
      int b = peek();
      if (b == '{') {
        return object(depth + 1);
      } else if (b == '[') {
        return array(depth + 1);
      } else if (b == '"') {
        return string();
      } else if (b == 't') {
        literal("true");
        return Boolean.TRUE;
      } else if (b == 'f') {
        literal("false");
        return Boolean.FALSE;
      } else if (b == 'n') {
        literal("null");
        return NULL;
      } else if (b == '-' || (b >= '0' && b <= '9')) {
        return number();
      }
      throw invalid();
    }

    private Map<String, Object> object(int depth) throws SyntaxException {
      checkDepth(depth);
      position++; // {
      Map<String, Object> object = new LinkedHashMap<>();
      skipWhitespace();
      if (peek() == '}') {
        position++;
        return object;
      }
      while (true) {
        skipWhitespace();
        if (peek() != '"') {
          throw invalid();
        }
        String name = string();
        skipWhitespace();
        expect(':');
        skipWhitespace();
        if (object.containsKey(name)) {
          throw new SyntaxException(
              "the event cannot be read: a field appears twice in one object" + where());
        }
        object.put(name, value(depth));
        skipWhitespace();
        int b = peek();
        position++;
        if (b == '}') {
          return object;
        }
        if (b != ',') {
          position--;
          throw invalid();
        }
      }
    }

    private List<Object> array(int depth) throws SyntaxException {
      checkDepth(depth);
      position++; // [
      List<Object> array = new ArrayList<>();
      skipWhitespace();
      if (peek() == ']') {
        position++;
        return array;
      }
      while (true) {
        skipWhitespace();
        array.add(value(depth));
        skipWhitespace();
        int b = peek();
        position++;
        if (b == ']') {
          return array;
        }
        if (b != ',') {
          position--;
          throw invalid();
        }
      }
    }

    private String string() throws SyntaxException {
      position++; // opening quote
      int start = position;
      // The usual case, printable ASCII without escapes, is one copy.
      while (position < in.length) {
        int b = in[position];
        if (b == '"') {
          String text = new String(in, start, position - start, StandardCharsets.ISO_8859_1);
          position++;
          return text;
        }
        if (b == '\\' || b < 0x20) { // b < 0 for every non-ASCII byte
          break;
        }
        position++;
      }
      StringBuilder text = new StringBuilder(position - start + 16);
      text.append(new String(in, start, position - start, StandardCharsets.ISO_8859_1));
      while (true) {
        int b = next();
        if (b == '"') {
          return text.toString();
        } else if (b == '\\') {
          escape(text);
        } else if (b >= 0 && b < 0x20) {
          position--;
          throw invalid();
        } else if (b >= 0) {
          text.append((char) b);
        } else {
          text.appendCodePoint(utf8Sequence(b));
        }
      }
    }

    private void escape(StringBuilder text) throws SyntaxException {
      int b = next();
      switch (b) {
        case '"' -> text.append('"');
        case '\\' -> text.append('\\');
        case '/' -> text.append('/');
        case 'b' -> text.append('\b');
        case 'f' -> text.append('\f');
        case 'n' -> text.append('\n');
        case 'r' -> text.append('\r');
        case 't' -> text.append('\t');
        case 'u' -> {
          char unit = hex4();
          if (Character.isHighSurrogate(unit)) {
            if (next() != '\\' || next() != 'u') {
              position--;
              throw invalid();
            }
            char low = hex4();
            if (!Character.isLowSurrogate(low)) {
              throw invalid();
            }
            text.append(unit).append(low);
          } else if (Character.isLowSurrogate(unit)) {
            throw invalid();
          } else {
            text.append(unit);
          }
        }
        default -> {
          position--;
          throw invalid();
        }
      }
    }

    private char hex4() throws SyntaxException {
      int unit = 0;
      for (int i = 0; i < 4; i++) {
        int b = next();
        int digit = Character.digit(b, 16);
        if (digit < 0) {
          position--;
          throw invalid();
        }
        unit = unit * 16 + digit;
      }
      return (char) unit;
    }

    /** Decodes one UTF-8 sequence that starts with {@code first}, rejecting any invalid form. */
    private int utf8Sequence(int first) throws SyntaxException {
      int lead = first & 0xFF;
      int length;
      int codePoint;
      int min;
      if (lead >= 0xC2 && lead <= 0xDF) {
        length = 1;
        codePoint = lead & 0x1F;
        min = 0x80;
      } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 2;
        codePoint = lead & 0x0F;
        min = 0x800;
      } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 3;
        codePoint = lead & 0x07;
        min = 0x10000;
      } else {
        position--;
        throw invalid();
      }
      for (int i = 0; i < length; i++) {
        int b = next() & 0xFF;
        if ((b & 0xC0) != 0x80) {
          position--;
          throw invalid();
        }
        codePoint = (codePoint << 6) | (b & 0x3F);
      }
      if (codePoint < min
          || codePoint > Character.MAX_CODE_POINT
          || (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE)) {
        throw invalid();
      }
      return codePoint;
    }

    private Number number() throws SyntaxException {
      int start = position;
      if (peek() == '-') {
        position++;
      }
      if (peek() == '0') {
        position++;
      } else {
        digits();
      }
      if (peekOrEnd() == '.') {
        position++;
        digits();
      }
      int b = peekOrEnd();
      if (b == 'e' || b == 'E') {
        position++;
        b = peek();
        if (b == '+' || b == '-') {
          position++;
        }
        digits();
      }
      return new Number(new String(in, start, position - start, StandardCharsets.ISO_8859_1));
    }

    /** One or more decimal digits. */
    private void digits() throws SyntaxException {
      if (!isDigit(peek())) {
        throw invalid();
      }
      while (isDigit(peekOrEnd())) {
        position++;
      }
    }

    private static boolean isDigit(int b) {
      return b >= '0' && b <= '9';
    }

    private void literal(String word) throws SyntaxException {
      for (int i = 0; i < word.length(); i++) {
        if (next() != word.charAt(i)) {
          position--;
          throw invalid();
        }
      }
    }

    private void expect(char c) throws SyntaxException {
      if (peek() != c) {
        throw invalid();
      }
      position++;
    }

    private void checkDepth(int depth) throws SyntaxException {
      if (depth > MAX_DEPTH) {
        throw new SyntaxException(
            "the event cannot be read: it is nested too deeply (more than "
                + MAX_DEPTH
                + " levels)");
      }
    }

    void skipWhitespace() {
      while (position < in.length) {
        byte b = in[position];
        if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
          return;
        }
        position++;
      }
    }

    /** The byte at the cursor (bytes above 0x7F are negative); the end is an incomplete value. */
    private int peek() throws SyntaxException {
      if (position >= in.length) {
        throw incomplete();
      }
      return in[position];
    }

    /** The byte at the cursor, or {@link #END} where a number may end the document. */
    private int peekOrEnd() {
      return position < in.length ? in[position] : END;
    }

    private int next() throws SyntaxException {
      int b = peek();
      position++;
      return b;
    }

    private SyntaxException incomplete() {
      return new SyntaxException(
          "the event cannot be read: it ends before the JSON value is complete" + where());
    }

    private SyntaxException invalid() {
      return new SyntaxException("the event cannot be read: it is not valid JSON" + where());
    }

    /** Line and column (from 1, in bytes) of the cursor; the bytes themselves are never quoted. */
    private String where() {
      int line = 1;
      int lineStart = 0;
      int end = Math.min(position, in.length);
      for (int i = 0; i < end; i++) {
        if (in[i] == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      return " (line " + line + ", column " + (end - lineStart + 1) + ")";
    }
  }

  /** Writes a tree made of the value types this class reads, as compact UTF-8 JSON. */
  public static byte[] write(Object value) {
    return text(value).getBytes(StandardCharsets.UTF_8);
  }

  /** The same as {@link #write}, as text (for a log line, which the logger takes as a string). */
  public static String text(Object value) {
    StringBuilder out = new StringBuilder(512);
    writeValue(out, value);
    return out.toString();
  }

  // An if-chain rather than a pattern switch: a pattern switch bootstraps through invokedynamic
  // on its first use, which costs a cold start tens of milliseconds.
  private static void writeValue(StringBuilder out, Object value) {
    if (value instanceof Map<?, ?> object) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> field : object.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        writeString(out, String.valueOf(field.getKey()));
        out.append(':');
        writeValue(out, field.getValue());
      }
      out.append('}');
    } else if (value instanceof List<?> array) {
      out.append('[');
      for (int i = 0; i < array.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        writeValue(out, array.get(i));
      }
      out.append(']');
    } else if (value instanceof String text) {
      writeString(out, text);
    } else if (value instanceof Boolean bool) {
      out.append(bool.booleanValue());
    } else if (value instanceof Number number) {
      out.append(number.text());
    } else if (value instanceof Integer number) {
      out.append(number.intValue());
    } else if (value instanceof Long number) {
      out.append(number.longValue());
    } else if (value == null || value == NULL) {
      out.append("null");
    } else {
      throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
    }
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  /**
   * A string with {@code "}, {@code \} and control characters escaped (and U+2028/U+2029, which
   * some JavaScript readers take as line ends). A lone surrogate, which UTF-8 cannot carry, is
   * written as a {@code \\u} escape rather than turned into a question mark.
   */
  private static void writeString(StringBuilder out, String text) {
    out.append('"');
    int plain = 0;
    while (plain < text.length() && !needsCare(text.charAt(plain))) {
      plain++;
    }
    if (plain == text.length()) { // the usual case: nothing to escape, one copy
      out.append(text).append('"');
      return;
    }
    out.append(text, 0, plain);
    for (int i = plain; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c == '\t') {
        out.append("\\t");
      } else if (c < 0x20 || c == '\u2028' || c == '\u2029' || isLoneSurrogate(text, i)) {
        out.append("\\u")
            .append(HEX[c >> 12 & 0xF])
            .append(HEX[c >> 8 & 0xF])
            .append(HEX[c >> 4 & 0xF])
            .append(HEX[c & 0xF]);
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }

  /** Whether {@code c} may need an escape: quote, backslash, control, U+2028/9 or a surrogate. */
  private static boolean needsCare(char c) {
    return c < 0x20
        || c == '"'
        || c == '\\'
        || c == '\u2028'
        || c == '\u2029'
        || Character.isSurrogate(c);
  }

  private static boolean isLoneSurrogate(String text, int i) {
    char c = text.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
    }
    return false;
  }
}
