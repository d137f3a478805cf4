package io.cascade4j.bittensor.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProtocolFormatTest {
  @Test
  void bodyHashesMatchThePublishedVectors() {
    assertThat(BodyHash.NO_FIELDS).isEqualTo("a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a");
    assertThat(BodyHash.of(List.of("1", "2", "['foobar']")))
        .isEqualTo("ae06397d08f30f75c91395c59f05c62ac3b62b88250eb78b109213258e6ced0c");
  }

  @Test
  void floatsAreWrittenAsPythonWritesThem() {
    Map<Double, String> expected = Map.of(
        9.0, "9.0", 12.0, "12.0", 0.0123, "0.0123", 1e-5, "1e-05", 0.0001, "0.0001",
        123456789.5, "123456789.5", 1e16, "1e+16", -2.5, "-2.5", 0.7843137254901961, "0.7843137254901961",
        Math.nextUp(0.5), "0.5000000000000001");
    expected.forEach((value, text) -> assertThat(PythonText.ofDouble(value)).as("%s", value).isEqualTo(text));
  }

  @Test
  void synapsesRoundTripInTheReferenceKeyOrder() throws Exception {
    TerminalInfo dendrite = new TerminalInfo(null, null, null, "10.0.0.1", 8091, 9_012_002L, 1_767_225_600_123_456_789L,
        "uuid-1", "5Grw", "0xab");
    ImageSynapse synapse = ImageSynapse.request("aGVsbG8=", 9.0).withTerminals(dendrite, TerminalInfo.EMPTY);
    byte[] json = SynapseJson.write(synapse);
    List<String> keys = new ArrayList<>();
    SynapseJson.fieldNames(json).forEachRemaining(keys::add);
    assertThat(keys).containsExactly("name", "timeout", "total_size", "header_size", "dendrite", "axon",
        "computed_body_hash", "testnet_label", "image", "prediction");
    assertThat(new String(json, StandardCharsets.UTF_8))
        .contains("\"dendrite\":{\"status_code\":null,\"status_message\":null,\"process_time\":null,"
            + "\"ip\":\"10.0.0.1\",\"port\":8091,\"version\":9012002,\"nonce\":1767225600123456789,\"uuid\":\"uuid-1\","
            + "\"hotkey\":\"5Grw\",\"signature\":\"0xab\"}")
        .endsWith("\"testnet_label\":-1,\"image\":\"aGVsbG8=\",\"prediction\":-1.0}");
    assertThat(SynapseJson.read(json)).isEqualTo(synapse);
  }

  @Test
  void headersFollowTheReference() throws Exception {
    TerminalInfo dendrite = new TerminalInfo(null, null, null, "10.0.0.1", null, 9_012_002L, 1_767_225_600_123_456_789L,
        "uuid-1", "5Grw", "0xab");
    TerminalInfo axon = new TerminalInfo(200, "Success", 0.25, "10.0.0.2", 8091, null, null, null, "5Dfh", null);
    Map<String, String> headers = SynapseHeaders.of(
        ImageSynapse.request("", 9.0).withTerminals(dendrite, axon), BodyHash.NO_FIELDS);
    assertThat(new ArrayList<>(headers.keySet())).containsExactly("name", "timeout",
        "bt_header_axon_status_code", "bt_header_axon_status_message", "bt_header_axon_process_time",
        "bt_header_axon_ip", "bt_header_axon_port", "bt_header_axon_hotkey",
        "bt_header_dendrite_ip", "bt_header_dendrite_version", "bt_header_dendrite_nonce", "bt_header_dendrite_uuid",
        "bt_header_dendrite_hotkey", "bt_header_dendrite_signature", "header_size", "total_size",
        "computed_body_hash");
    assertThat(headers).containsEntry("timeout", "9.0").containsEntry("bt_header_axon_process_time", "0.25")
        .containsEntry("bt_header_dendrite_nonce", "1767225600123456789");

    SynapseHeaders.Parsed parsed = SynapseHeaders.parse(headers::get);
    assertThat(parsed.dendrite()).isEqualTo(dendrite);
    assertThat(parsed.axon()).isEqualTo(axon);
    assertThat(parsed.timeout()).isEqualTo(9.0);
  }

  @Test
  void headerNumbersAreParsedExactlyAndStrictly() {
    assertThatThrownBy(() -> SynapseHeaders.parse(Map.of("bt_header_dendrite_nonce", "99999999999999999999")::get))
        .hasMessageContaining("must be a non-negative integer");
    assertThatThrownBy(() -> SynapseHeaders.parse(Map.of("bt_header_dendrite_nonce", "9223372036854775808")::get))
        .hasMessageContaining("is out of range");
    assertThatThrownBy(() -> SynapseHeaders.parse(Map.of("timeout", "-1")::get))
        .hasMessageContaining("positive number");
    assertThatThrownBy(() -> SynapseHeaders.parse(Map.of("total_size", "1e3")::get))
        .hasMessageContaining("'total_size' must be an integer");
  }
}
