package io.cascade4j.bittensor.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade4j.bittensor.crypto.Sr25519;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** serve_axon, era, storage-key and header-hash vectors from {@code vectors.json}. */
class ServeAxonVectorsTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final Sr25519.Keypair SIGNER = Sr25519.fromMiniSecret(
      HEX.parseHex("fac7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e"));
  private static final ServeAxon.Axon AXON =
      new ServeAxon.Axon(72, 10_002_000, AxonInfo.ipv4("198.51.100.20"), 8091, 4, 4);
  private static final byte[] GENESIS = HEX.parseHex("2f0555cc76fc2840a25a6ea3b9637146806f1f44b090c175ffde2a7e5ab36c03");
  private static final byte[] BLOCK_6852690 =
      HEX.parseHex("db13c066e2c63969f140164fb3bfe7a0aaa7b71407fc0fe525d68e57329ef9d0");

  private static JsonNode vectors() throws Exception {
    try (InputStream in = ServeAxonVectorsTest.class.getResourceAsStream("/subtensor/vectors.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  private static byte[] hex(JsonNode node) {
    String text = node.asText();
    return HEX.parseHex(text.startsWith("0x") ? text.substring(2) : text);
  }

  @Test
  void callPayloadsAndExtrinsicsMatchTheVectorsByteForByte() throws Exception {
    JsonNode v = vectors().get("serve_axon");
    assertThat(ServeAxon.call(AXON)).isEqualTo(hex(v.get("call")));
    assertThat(AxonInfo.ipv4("198.51.100.20").longValue()).isEqualTo(3_325_256_724L);

    for (String kind : new String[] {"immortal", "mortal_period64_current6852690"}) {
      JsonNode expected = v.get(kind);
      byte[] era = hex(expected.get("era"));
      ServeAxon.Context context = new ServeAxon.Context(343, 1, GENESIS, era,
          kind.equals("immortal") ? GENESIS : BLOCK_6852690, 5);
      byte[] payload = ServeAxon.signingPayload(AXON, context);
      assertThat(HEX.formatHex(payload)).as(kind).isEqualTo(expected.get("signing_payload").asText());
      assertThat(payload).hasSize(expected.get("signing_payload_len").asInt());

      byte[] extrinsic = ServeAxon.extrinsic(AXON, context, SIGNER);
      byte[] signature = Arrays.copyOfRange(extrinsic, 37, 101);
      assertThat(Sr25519.verify(SIGNER.publicKey(), payload, signature)).as("signature over the payload").isTrue();
      byte[] zeroed = extrinsic.clone();
      Arrays.fill(zeroed, 37, 101, (byte) 0);
      assertThat(HEX.formatHex(zeroed)).as(kind).isEqualTo(expected.get("extrinsic_with_signature_zeroed").asText());
    }
  }

  @Test
  void erasMatchSpRuntime() throws Exception {
    JsonNode era = vectors().get("era");
    assertThat(HEX.formatHex(ServeAxon.mortal(64, 42))).isEqualTo(era.get("mortal(64,42)").asText());
    assertThat(HEX.formatHex(ServeAxon.mortal(32768, 20000))).isEqualTo(era.get("mortal(32768,20000)").asText());
    assertThat(HEX.formatHex(ServeAxon.mortal(64, 6_852_690))).isEqualTo(era.get("computed mortal(64, current=6852690)")
        .asText());
    assertThat(HEX.formatHex(ServeAxon.immortal())).isEqualTo(era.get("immortal").asText());
  }

  @Test
  void storageKeysMatch() throws Exception {
    JsonNode keys = vectors().get("storage_keys");
    assertThat(HEX.formatHex(Hashing.twox128("SubtensorModule"))).isEqualTo(keys.get("twox128('SubtensorModule')")
        .asText());
    assertThat(HEX.formatHex(Hashing.twox128("Uids"))).isEqualTo(keys.get("twox128('Uids')").asText());
    assertThat(HEX.formatHex(Hashing.twox128("System"))).isEqualTo(keys.get("twox128('System')").asText());
    assertThat(HEX.formatHex(Hashing.twox128("Account"))).isEqualTo(keys.get("twox128('Account')").asText());
    assertThat(HEX.formatHex(Hashing.twox64(new byte[] {1, 0}))).isEqualTo(keys.get("twox64(u16 LE 1)").asText());
    byte[] hotkey = io.cascade4j.bittensor.crypto.Ss58.decode("5Cf4LPRv6tiyuFsfLRQaFYEEn3zJRGi4bAE9DwbbKmbCSHpV").publicKey();
    assertThat("0x" + HEX.formatHex(SubtensorStorage.uidsKey(14, hotkey)))
        .isEqualTo(keys.get("Uids(netuid=14, hotkey=5Cf4LPRv...)").asText());
    // Long inputs exercise xxHash64's 32-byte stripes.
    assertThat(Long.toHexString(Hashing.xxh64("Nobody inspects the spammish repetition".getBytes(StandardCharsets.US_ASCII), 0)))
        .isEqualTo("fbcea83c8a378bf1");
  }

  @Test
  void headerHashesFollowTheRule() throws Exception {
    ReplayTransport transport = new ReplayTransport("finney-metagraph-netuid1.json");
    JsonNode header = transport.call("chain_getHeader",
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode().addNull(), null);
    assertThat(HEX.formatHex(SubtensorStorage.headerHash(header))).isEqualTo(HEX.formatHex(BLOCK_6852690));
  }

  @Test
  void axonsThatTheChainWouldRejectAreRefusedEarly() {
    assertThatThrownBy(() -> new ServeAxon.Axon(72, 1, AxonInfo.ipv4("127.0.0.1"), 8091, 4, 4))
        .hasMessageContaining("loopback");
    assertThatThrownBy(() -> new ServeAxon.Axon(72, 1, AxonInfo.ipv4("198.51.100.20"), 0, 4, 4))
        .hasMessageContaining("port");
    ServeAxon.Axon axon = new ServeAxon.Axon(72, 10_002_000, AxonInfo.ipv4("198.51.100.20"), 8091, 4, 4);
    assertThat(axon.matches(new AxonInfo(5, 10_002_000, AxonInfo.ipv4("198.51.100.20"), 8091, 4, 4, 0, 0))).isTrue();
    assertThat(axon.matches(new AxonInfo(5, 10_002_000, AxonInfo.ipv4("198.51.100.21"), 8091, 4, 4, 0, 0))).isFalse();
  }
}
