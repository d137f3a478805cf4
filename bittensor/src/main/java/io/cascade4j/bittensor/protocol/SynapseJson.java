package io.cascade4j.bittensor.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Iterator;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON form of an {@link ImageSynapse}, read strictly and written in the reference's key order.
 *
 * <p>Reading rejects what a careless parser would let through: duplicate keys, nesting deeper than 8, numbers longer
 * than 40 digits, integers outside their type (a nonce must fit 64 bits and is never read as a double), and invalid
 * UTF-8. Unknown keys are ignored, as pydantic does. Errors become a {@link MalformedSynapseException} whose message
 * names the field.
 */
public final class SynapseJson {
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).maxNumberLength(40).build())
          .build();
  private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);
  private static final JsonStringEncoder STRING_ENCODER = JsonStringEncoder.getInstance();
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long QUOTES = 0x2222222222222222L;
  private static final long BACKSLASHES = 0x5c5c5c5c5c5c5c5cL;

  private SynapseJson() {}

  /**
   * Reads a request or response body.
   *
   * @throws MalformedSynapseException saying which field is wrong, or where the JSON is broken
   */
  public static ImageSynapse read(byte[] body) throws MalformedSynapseException {
    return readReceived(body).synapse();
  }

  /**
   * Reads a request or response body as {@link #read} does, with the same checks, but leaves the image where it is in
   * the body (no {@code String} of half a megabyte of base64 made, parsed and dropped): what an axon reads.
   *
   * @throws MalformedSynapseException saying which field is wrong, or where the JSON is broken
   */
  public static ReceivedSynapse readReceived(byte[] body) throws MalformedSynapseException {
    ObjectNode root = MAPPER.createObjectNode();
    byte[] imageText = body;
    int imageOffset = 0;
    int imageLength = 0;
    try (JsonParser parser = MAPPER.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new MalformedSynapseException("the body must be a JSON object");
      }
      for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (field.equals("image") && value == JsonToken.VALUE_STRING) {
          // The parser has only found the opening quote; its next step skips the string (checking it is valid
          // JSON and UTF-8) without building it. Where it ends is found here.
          long quote = parser.currentTokenLocation().getByteOffset();
          int end = quote >= 0 && quote < body.length && body[(int) quote] == '"'
              ? closingQuoteWithoutEscapes(body, (int) quote + 1) : -1;
          if (end < 0) { // escapes in it (or no offset reported): the value, written again canonically
            imageText = STRING_ENCODER.quoteAsUTF8(parser.getText());
            imageOffset = 0;
            imageLength = imageText.length;
          } else {
            imageOffset = (int) quote + 1;
            imageLength = end - imageOffset;
          }
        } else {
          JsonNode node = parser.readValueAsTree();
          root.set(field, node == null ? NullNode.getInstance() : node);
        }
      }
      if (parser.nextToken() != null) {
        throw new MalformedSynapseException("invalid JSON body: trailing data after the object");
      }
    } catch (JsonProcessingException e) {
      throw new MalformedSynapseException("invalid JSON body: " + withoutParserInternals(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new MalformedSynapseException("invalid JSON body: " + e.getMessage());
    }
    stringOr(root, "image", ""); // present only when it was not a string: says so
    ImageSynapse fields = new ImageSynapse(
        stringOr(root, "name", ImageSynapse.NAME),
        doubleOr(root, "timeout", ImageSynapse.DEFAULT_TIMEOUT),
        longOr(root, "total_size", 0),
        longOr(root, "header_size", 0),
        terminal(root, "dendrite"),
        terminal(root, "axon"),
        stringOr(root, "computed_body_hash", ""),
        (int) longIn(root, "testnet_label", -1, Integer.MIN_VALUE, Integer.MAX_VALUE),
        "",
        doubleOr(root, "prediction", -1.0));
    return new ReceivedSynapse(fields, imageText, imageOffset, imageLength);
  }

  /**
   * The index of the first {@code "} at or after {@code from}, or -1 if a backslash comes first (or none comes): eight
   * bytes per step, since this runs over the whole image.
   */
  static int closingQuoteWithoutEscapes(byte[] b, int from) {
    int i = from;
    for (; i + Long.BYTES <= b.length; i += Long.BYTES) {
      long word = (long) LONGS.get(b, i);
      if (hasZeroByte(word ^ QUOTES) || hasZeroByte(word ^ BACKSLASHES)) {
        break;
      }
    }
    for (; i < b.length; i++) {
      if (b[i] == '"') {
        return i;
      }
      if (b[i] == '\\') {
        return -1;
      }
    }
    return -1;
  }

  private static boolean hasZeroByte(long word) {
    return ((word - 0x0101010101010101L) & ~word & 0x8080808080808080L) != 0;
  }

  /** The value of JSON string content {@code text[offset, offset + length)} (which has escapes). */
  static String unquote(byte[] text, int offset, int length) throws MalformedSynapseException {
    byte[] quoted = new byte[length + 2];
    quoted[0] = '"';
    System.arraycopy(text, offset, quoted, 1, length);
    quoted[length + 1] = '"';
    try {
      return MAPPER.readValue(quoted, String.class);
    } catch (IOException e) {
      throw new MalformedSynapseException("invalid JSON string: " + withoutParserInternals(e.getMessage()));
    }
  }

  private static TerminalInfo terminal(JsonNode root, String field) throws MalformedSynapseException {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return TerminalInfo.EMPTY;
    }
    if (!node.isObject()) {
      throw new MalformedSynapseException("'" + field + "' must be an object");
    }
    String p = field + ".";
    return new TerminalInfo(
        integer(node, "status_code", p),
        string(node, "status_message", p),
        number(node, "process_time", p),
        string(node, "ip", p),
        integer(node, "port", p),
        longValue(node, "version", p),
        longValue(node, "nonce", p),
        string(node, "uuid", p),
        string(node, "hotkey", p),
        string(node, "signature", p));
  }

  private static @Nullable String string(JsonNode parent, String field, String prefix)
      throws MalformedSynapseException {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw new MalformedSynapseException("'" + prefix + field + "' must be a string");
    }
    return node.textValue();
  }

  private static @Nullable Long longValue(JsonNode parent, String field, String prefix)
      throws MalformedSynapseException {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return node.longValue();
    }
    if (node.isTextual() && node.textValue().matches("-?\\d{1,19}")) {
      try {
        return Long.parseLong(node.textValue());
      } catch (NumberFormatException e) {
        // out of range: reported below
      }
    }
    throw new MalformedSynapseException("'" + prefix + field + "' must be an integer within 64 bits");
  }

  private static @Nullable Integer integer(JsonNode parent, String field, String prefix)
      throws MalformedSynapseException {
    Long value = longValue(parent, field, prefix);
    if (value != null && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)) {
      throw new MalformedSynapseException("'" + prefix + field + "' must be an integer within 32 bits");
    }
    return value == null ? null : value.intValue();
  }

  private static @Nullable Double number(JsonNode parent, String field, String prefix)
      throws MalformedSynapseException {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isNumber() && Double.isFinite(node.doubleValue())) {
      return node.doubleValue();
    }
    if (node.isTextual()) {
      try {
        double d = Double.parseDouble(node.textValue());
        if (Double.isFinite(d)) {
          return d;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new MalformedSynapseException("'" + prefix + field + "' must be a finite number");
  }

  private static String stringOr(JsonNode root, String field, String fallback) throws MalformedSynapseException {
    String value = string(root, field, "");
    return value == null ? fallback : value;
  }

  private static double doubleOr(JsonNode root, String field, double fallback) throws MalformedSynapseException {
    Double value = number(root, field, "");
    return value == null ? fallback : value;
  }

  private static long longOr(JsonNode root, String field, long fallback) throws MalformedSynapseException {
    Long value = longValue(root, field, "");
    return value == null ? fallback : value;
  }

  private static long longIn(JsonNode root, String field, long fallback, long min, long max)
      throws MalformedSynapseException {
    long value = longOr(root, field, fallback);
    if (value < min || value > max) {
      throw new MalformedSynapseException("'" + field + "' is out of range");
    }
    return value;
  }

  /** Writes a synapse with the reference's key order; floats as Python prints them. */
  public static byte[] write(ImageSynapse synapse) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(synapse.image().length() + 1024);
    writeSynapse(out, synapse, json -> json.writeString(synapse.image()));
    return out.toByteArray();
  }

  /**
   * Writes {@code fields} (whose image is empty) with the image of {@code received} copied in as it arrived, and
   * returns the bytes without another copy: an axon's response.
   */
  public static ByteBuffer write(ImageSynapse fields, ReceivedSynapse received) {
    ExposedOutput out = new ExposedOutput(received.imageLength() + 1024);
    // Its canonical JSON text needs no escaping: written raw, between quotes.
    writeSynapse(out, fields, json -> json.writeRawUTF8String(
        received.imageText(), received.imageOffset(), received.imageLength()));
    return out.written();
  }

  /** How the image value is written. */
  private interface ImageValue {
    void writeTo(JsonGenerator json) throws IOException;
  }

  private static void writeSynapse(OutputStream out, ImageSynapse synapse, ImageValue image) {
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.writeStartObject();
      writeBaseFields(json, synapse);
      json.writeNumberField("testnet_label", synapse.testnetLabel());
      json.writeFieldName("image");
      image.writeTo(json);
      json.writeFieldName("prediction");
      json.writeNumber(PythonText.ofDouble(synapse.prediction()));
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An output whose bytes can be handed on without {@code toByteArray}'s copy. */
  private static final class ExposedOutput extends ByteArrayOutputStream {
    ExposedOutput(int size) {
      super(size);
    }

    ByteBuffer written() {
      return ByteBuffer.wrap(buf, 0, count);
    }
  }

  /** Writes only the base {@code Synapse} fields, for the {@code /Synapse} echo route. */
  public static byte[] writeBase(ImageSynapse synapse) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.writeStartObject();
      writeBaseFields(json, synapse);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void writeBaseFields(JsonGenerator json, ImageSynapse synapse) throws IOException {
    json.writeStringField("name", synapse.name());
    json.writeFieldName("timeout");
    json.writeNumber(PythonText.ofDouble(synapse.timeout()));
    json.writeNumberField("total_size", synapse.totalSize());
    json.writeNumberField("header_size", synapse.headerSize());
    writeTerminal(json, "dendrite", synapse.dendrite());
    writeTerminal(json, "axon", synapse.axon());
    json.writeStringField("computed_body_hash", synapse.computedBodyHash());
  }

  /** {@code {"message": ...}}, the body of every error response. */
  public static byte[] message(String message) {
    try {
      return MAPPER.writeValueAsBytes(Map.of("message", message));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The {@code message} of an error body, for clients. */
  public static @Nullable String readMessage(byte[] body) {
    try {
      JsonNode node = MAPPER.readTree(body);
      JsonNode message = node == null ? null : node.get("message");
      return message == null ? null : message.asText();
    } catch (IOException e) {
      return null;
    }
  }

  private static void writeTerminal(JsonGenerator json, String field, TerminalInfo terminal) throws IOException {
    json.writeObjectFieldStart(field);
    for (String name : TerminalInfo.FIELDS) {
      Object value = terminal.get(name);
      json.writeFieldName(name);
      if (value == null) {
        json.writeNull();
      } else if (value instanceof Double d) {
        json.writeNumber(PythonText.ofDouble(d));
      } else if (value instanceof Number n) {
        json.writeNumber(n.longValue());
      } else {
        json.writeString(value.toString());
      }
    }
    json.writeEndObject();
  }

  /** Iterates a JSON object's field names; used by tests of key order. */
  static Iterator<String> fieldNames(byte[] json) throws IOException {
    return MAPPER.readTree(json).fieldNames();
  }

  /**
   * Jackson's message without the names of its own classes and methods (such as "from
   * {@code StreamReadConstraints.getMaxNumberLength()}"), which tell a caller nothing but which library parses here;
   * quoted, since it may quote the caller's bytes.
   */
  static String withoutParserInternals(@Nullable String message) {
    return message == null ? "malformed"
        : printable(message.replaceAll(",? ?from `[^`]*`", "").replace("`", "'"), 200);
  }

  /**
   * A parser message quotes bytes of the peer's body: only printable ASCII survives (anything else becomes {@code
   * ?}, so a line feed cannot forge a log line) and at most {@code maxChars} characters.
   */
  private static String printable(String text, int maxChars) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), maxChars) + 3);
    text.chars().limit(maxChars).forEach(c -> out.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
    return text.length() > maxChars ? out.append("...").toString() : out.toString();
  }
}
