package io.cascade4j.bittensor.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.cascade4j.bittensor.crypto.Sr25519;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** serve_axon end to end over a WebSocket node stand-in scripted with recorded chain data. */
class AxonPublisherTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Sr25519.Keypair SIGNER = Sr25519.fromMiniSecret(
      HEX.parseHex("fac7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e"));
  private static final ServeAxon.Axon AXON =
      new ServeAxon.Axon(72, 10_002_000, AxonInfo.ipv4("198.51.100.20"), 8091, 4, 4);
  private static final String GENESIS = "0x2f0555cc76fc2840a25a6ea3b9637146806f1f44b090c175ffde2a7e5ab36c03";

  private static JsonNode resource(String name) throws Exception {
    try (InputStream in = AxonPublisherTest.class.getResourceAsStream("/subtensor/" + name)) {
      return new ObjectMapper().readTree(in);
    }
  }

  /** The recorded neuron of netuid 14, with its AxonInfo (36 bytes at offset 68) replaced by {@code axon}. */
  private static String neuronServing(String recorded, ServeAxon.Axon axon) {
    byte[] bytes = HEX.parseHex(recorded.substring(2));
    byte[] info = new ScaleWriter().u64(7_000_000).u32(axon.version()).u128(axon.ip()).u16(axon.port())
        .u8(axon.ipType()).u8(axon.protocol()).u8(0).u8(0).toByteArray();
    System.arraycopy(info, 0, bytes, 68, info.length);
    return "0x" + HEX.formatHex(bytes);
  }

  private record Chain(FakeNode node, List<String> submitted, AtomicReference<String> neuron) {}

  private static Chain chain() throws Exception {
    FakeNode node = new FakeNode(new ReplayTransport("finney-metagraph-netuid1.json"));
    String metadata = resource("metadata-v15-spec343.json").get("result").asText();
    String recordedNeuron = resource("finney-get-neuron-netuid14.json").at("/exchanges/state_call")
        .elements().next().get("result").asText();
    AtomicReference<String> neuron = new AtomicReference<>(recordedNeuron);
    List<String> submitted = new CopyOnWriteArrayList<>();
    node.script = request -> {
      String method = request.get("method").asText();
      JsonNode params = request.get("params");
      return switch (method) {
        case "state_call" -> switch (params.get(0).asText()) {
          case "Metadata_metadata_at_version" -> JSON.textNode(metadata);
          case "NeuronInfoRuntimeApi_get_neuron" -> JSON.textNode(neuron.get());
          default -> null;
        };
        case "state_getStorageAt" -> JSON.textNode("0x1d00");
        case "state_getRuntimeVersion" -> JSON.objectNode().put("specVersion", 343).put("transactionVersion", 1);
        case "chain_getBlockHash" -> params.get(0).asLong() == 0 ? JSON.textNode(GENESIS) : null;
        case "system_accountNextIndex" -> JSON.numberNode(5);
        case "author_submitExtrinsic" -> {
          submitted.add(params.get(0).asText());
          neuron.set(neuronServing(recordedNeuron, AXON)); // the chain includes it
          yield JSON.textNode("0x" + "ab".repeat(32));
        }
        default -> null;
      };
    };
    return new Chain(node, submitted, neuron);
  }

  @Test
  void signsSubmitsAndWaitsUntilTheChainShowsTheAxonThenSkipsWhenItMatches() throws Exception {
    Chain chain = chain();
    try (FakeNode node = chain.node();
        WebSocketTransport transport = new WebSocketTransport(List.of(node.uri()), Duration.ofSeconds(2), 1)) {
      AxonPublisher publisher = new AxonPublisher(new SubtensorClient(transport, Duration.ofSeconds(5)),
          Duration.ofMillis(20));
      assertThat(publisher.publish(SIGNER, AXON, Duration.ofSeconds(5))).isEqualTo(AxonPublisher.Outcome.SERVED);

      assertThat(chain.submitted()).hasSize(1);
      byte[] extrinsic = HEX.parseHex(chain.submitted().getFirst().substring(2));
      byte[] signature = Arrays.copyOfRange(extrinsic, 37, 101);
      JsonNode vector = resource("vectors.json").at("/serve_axon/immortal");
      assertThat(Sr25519.verify(SIGNER.publicKey(), HEX.parseHex(vector.get("signing_payload").asText()), signature))
          .isTrue();
      Arrays.fill(extrinsic, 37, 101, (byte) 0);
      assertThat(HEX.formatHex(extrinsic)).isEqualTo(vector.get("extrinsic_with_signature_zeroed").asText());

      assertThat(publisher.publish(SIGNER, AXON, Duration.ofSeconds(5)))
          .isEqualTo(AxonPublisher.Outcome.ALREADY_SERVED);
      assertThat(chain.submitted()).as("nothing sent when the chain already matches").hasSize(1);
    }
  }

  @Test
  void poolRejectionsAndUnregisteredHotkeysGetClearMessages() throws Exception {
    Chain chain = chain();
    try (FakeNode node = chain.node();
        WebSocketTransport transport = new WebSocketTransport(List.of(node.uri()), Duration.ofSeconds(2), 1)) {
      SubtensorClient client = new SubtensorClient(transport, Duration.ofSeconds(5));
      var scripted = node.script;
      node.script = request -> request.get("method").asText().equals("author_submitExtrinsic")
          ? JSON.objectNode().set("error", JSON.objectNode().put("code", 1010).put("message", "Invalid Transaction")
              .put("data", "Custom error: 12"))
          : scripted.apply(request);
      assertThatThrownBy(() -> new AxonPublisher(client, Duration.ofMillis(20)).publish(SIGNER, AXON,
          Duration.ofSeconds(1)))
          .isInstanceOf(ChainException.class)
          .hasMessage("serve_axon rejected: serving rate limit exceeded: the axon was served too recently, try again"
              + " later (Custom(12))");

      node.script = request -> request.get("method").asText().equals("state_getStorageAt")
          ? JSON.nullNode() : scripted.apply(request);
      assertThatThrownBy(() -> new AxonPublisher(client, Duration.ofMillis(20)).publish(SIGNER, AXON,
          Duration.ofSeconds(1)))
          .hasMessage("hotkey 5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV is not registered on subnet 72;"
              + " register it first (btcli subnets register --netuid 72)");

      node.script = request -> request.get("method").asText().equals("author_submitExtrinsic")
          ? JSON.textNode("0x" + "cd".repeat(32)) : scripted.apply(request);
      chain.neuron().set(resource("finney-get-neuron-netuid14.json").at("/exchanges/state_call")
          .elements().next().get("result").asText());
      assertThatThrownBy(() -> new AxonPublisher(client, Duration.ofMillis(20)).publish(SIGNER, AXON,
          Duration.ofMillis(200)))
          .hasMessageContaining("was submitted, but the chain did not show the new axon within 0 s");
    }
  }
}
