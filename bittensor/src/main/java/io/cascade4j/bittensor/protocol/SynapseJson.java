package io.cascade4j.bittensor.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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

  private SynapseJson() {}

  /**
   * Reads a request or response body.
   *
   * @throws MalformedSynapseException saying which field is wrong, or where the JSON is broken
   */
  public static ImageSynapse read(byte[] body) throws MalformedSynapseException {
    JsonNode root;
    try (JsonParser parser = MAPPER.createParser(body)) {
      root = MAPPER.readTree(parser);
      if (parser.nextToken() != null) {
        throw new MalformedSynapseException("invalid JSON body: trailing data after the object");
      }
    } catch (JsonProcessingException e) {
      throw new MalformedSynapseException("invalid JSON body: " + withoutParserInternals(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new MalformedSynapseException("invalid JSON body: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new MalformedSynapseException("the body must be a JSON object");
    }
    return new ImageSynapse(
        stringOr(root, "name", ImageSynapse.NAME),
        doubleOr(root, "timeout", ImageSynapse.DEFAULT_TIMEOUT),
        longOr(root, "total_size", 0),
        longOr(root, "header_size", 0),
        terminal(root, "dendrite"),
        terminal(root, "axon"),
        stringOr(root, "computed_body_hash", ""),
        (int) longIn(root, "testnet_label", -1, Integer.MIN_VALUE, Integer.MAX_VALUE),
        stringOr(root, "image", ""),
        doubleOr(root, "prediction", -1.0));
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
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.writeStartObject();
      writeBaseFields(json, synapse);
      json.writeNumberField("testnet_label", synapse.testnetLabel());
      json.writeStringField("image", synapse.image());
      json.writeFieldName("prediction");
      json.writeNumber(PythonText.ofDouble(synapse.prediction()));
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
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
