package io.cascade4j.bittensor.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A body read with its image left in place: the same synapse as a full parse, and the same bytes written back. */
class ReceivedSynapseTest {
  private static final ObjectMapper JACKSON = new ObjectMapper();
  private static final TerminalInfo DENDRITE = new TerminalInfo(null, null, null, "10.0.0.1", 8091, 9_012_002L,
      1_767_225_600_123_456_789L, "uuid-1", "5Grw", "0xab");

  @Test
  void theImageIsWhereAFullParseFindsItWhateverTheLayout() throws Exception {
    byte[] image = new byte[5_000];
    new Random(19).nextBytes(image);
    String base64 = Base64.getEncoder().encodeToString(image);
    ImageSynapse synapse = ImageSynapse.request(base64, 9.0).withTerminals(DENDRITE, TerminalInfo.EMPTY);
    String compact = new String(SynapseJson.write(synapse), StandardCharsets.UTF_8);
    Map<String, String> bodies = new LinkedHashMap<>();
    bodies.put("as this library writes it", compact);
    bodies.put("as Python's json.dumps writes it", compact.replace("\":", "\": ").replace(",\"", ", \""));
    bodies.put("pretty, with line breaks", JACKSON.writerWithDefaultPrettyPrinter()
        .writeValueAsString(JACKSON.readTree(compact)));
    bodies.put("image first", "{\"image\" :\t\"" + base64 + "\"\n, \"timeout\": 9.0, \"dendrite\": "
        + compact.substring(compact.indexOf("{\"status_code\""), compact.indexOf("},\"axon\"") + 1) + "}");
    bodies.put("slashes escaped, as some JSON writers do", compact.replace("/", "\\/"));
    bodies.put("a letter as a unicode escape", compact.replace("\"image\":\"" + base64.charAt(0),
        "\"image\":\"\\u00" + Integer.toHexString(base64.charAt(0))));
    for (Map.Entry<String, String> body : bodies.entrySet()) {
      byte[] bytes = body.getValue().getBytes(StandardCharsets.UTF_8);
      JsonNode reference = JACKSON.readTree(bytes);
      assertThat(reference.get("image").textValue()).as(body.getKey()).isEqualTo(base64);
      ReceivedSynapse received = SynapseJson.readReceived(bytes);
      assertThat(received.fields().image()).isEmpty();
      assertThat(received.fields().dendrite()).as(body.getKey()).isEqualTo(DENDRITE);
      assertThat(received.synapse()).as(body.getKey()).isEqualTo(synapse);
      assertThat(SynapseJson.read(bytes)).as(body.getKey()).isEqualTo(synapse);
      // The text an axon decodes and echoes is base64 itself, escapes or not.
      assertThat(Base64.getDecoder().decode(received.imageBuffer()).array()).as(body.getKey()).isEqualTo(image);
      boolean inPlace = received.imageText() == bytes;
      assertThat(inPlace).as(body.getKey() + ": read in place unless it has escapes")
          .isEqualTo(!body.getKey().contains("escape"));
      ByteBuffer written = SynapseJson.write(received.fields(), received);
      byte[] out = new byte[written.remaining()];
      written.get(out);
      assertThat(new String(out, StandardCharsets.UTF_8)).as(body.getKey()).isEqualTo(compact);
    }
  }

  @Test
  void anAnswerWrittenFromTheBodyEqualsOneWrittenFromTheWholeSynapse() throws Exception {
    String base64 = Base64.getEncoder().encodeToString("\u00ff\u00d8\u00ffabc".getBytes(StandardCharsets.ISO_8859_1));
    byte[] request = SynapseJson.write(ImageSynapse.request(base64, 12.0).withTerminals(DENDRITE, TerminalInfo.EMPTY));
    ReceivedSynapse received = SynapseJson.readReceived(request);
    TerminalInfo axon = TerminalInfo.EMPTY.withStatus(200, "Success", 0.0123);
    ByteBuffer fromBody = SynapseJson.write(received.fields().answered(0.75, axon), received);
    byte[] expected = SynapseJson.write(received.synapse().answered(0.75, axon));
    assertThat(fromBody).isEqualTo(ByteBuffer.wrap(expected));
  }

  @Test
  void badImageStringsAreStillRefused() {
    Map<byte[], String> bodies = new LinkedHashMap<>();
    bodies.put(new byte[] {'{', '"', 'i', 'm', 'a', 'g', 'e', '"', ':', '"', 'a', (byte) 0xc3, (byte) 0x28, '"', '}'},
        "Invalid UTF-8");
    bodies.put("{\"image\": \"ab\ncd\"}".getBytes(StandardCharsets.UTF_8), "Illegal unquoted character");
    bodies.put("{\"image\": \"abcd".getBytes(StandardCharsets.UTF_8), "invalid JSON body");
    bodies.put("{\"image\": \"ab\\qcd\"}".getBytes(StandardCharsets.UTF_8), "Unrecognized character escape");
    bodies.put("{\"image\": \"a\", \"image\": \"b\"}".getBytes(StandardCharsets.UTF_8), "Duplicate field 'image'");
    bodies.put("{\"image\": 42}".getBytes(StandardCharsets.UTF_8), "'image' must be a string");
    bodies.put("{\"image\": \"abc\"} trailing".getBytes(StandardCharsets.UTF_8), "invalid JSON body");
    bodies.put("[\"image\"]".getBytes(StandardCharsets.UTF_8), "the body must be a JSON object");
    for (Map.Entry<byte[], String> body : bodies.entrySet()) {
      assertThatThrownBy(() -> SynapseJson.readReceived(body.getKey()))
          .as(new String(body.getKey(), StandardCharsets.UTF_8))
          .isInstanceOf(MalformedSynapseException.class).hasMessageContaining(body.getValue());
    }
  }

  @Test
  void anAbsentOrNullImageIsEmpty() throws Exception {
    assertThat(SynapseJson.read("{\"timeout\": 3.5}".getBytes(StandardCharsets.UTF_8)).image()).isEmpty();
    ReceivedSynapse received = SynapseJson.readReceived("{\"image\": null}".getBytes(StandardCharsets.UTF_8));
    assertThat(received.imageLength()).isZero();
    assertThat(received.synapse().image()).isEmpty();
  }

  @Test
  void theWordAtATimeScanFindsWhatAByteAtATimeScanFinds() {
    Random random = new Random(72);
    byte[] alphabet = "AZaz09+/=\"\\".getBytes(StandardCharsets.US_ASCII);
    for (int trial = 0; trial < 20_000; trial++) {
      byte[] text = new byte[random.nextInt(40)];
      for (int i = 0; i < text.length; i++) {
        // Mostly base64, sometimes a quote or a backslash, sometimes a byte with its high bit set.
        int pick = random.nextInt(30);
        text[i] = pick < 26 ? alphabet[random.nextInt(9)] : pick < 28 ? alphabet[9 + random.nextInt(2)]
            : (byte) (0x80 | random.nextInt(128));
      }
      int from = text.length == 0 ? 0 : random.nextInt(text.length + 1);
      assertThat(SynapseJson.closingQuoteWithoutEscapes(text, from)).as("trial %d", trial)
          .isEqualTo(bytewise(text, from));
    }
  }

  private static int bytewise(byte[] text, int from) {
    for (int i = from; i < text.length; i++) {
      if (text[i] == '"') {
        return i;
      }
      if (text[i] == '\\') {
        return -1;
      }
    }
    return -1;
  }
}
