package io.cascade4j.bittensor.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.InputStream;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real finney sync of netuid 1 at block 6,852,690, replayed. */
class MetagraphReplayTest {
  private static JsonNode vectors() throws Exception {
    try (InputStream in = MetagraphReplayTest.class.getResourceAsStream("/subtensor/vectors.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  @Test
  void replaysTheRecordedSyncOfNetuid1() throws Exception {
    JsonNode expected = vectors().get("decoded_netuid1_block6852690");
    ReplayTransport transport = new ReplayTransport("finney-metagraph-netuid1.json");
    ChainMetagraph metagraph = new MetagraphReader(new SubtensorClient(transport, Duration.ofSeconds(5)))
        .read(1, null);

    assertThat(metagraph.block()).isEqualTo(6_852_690);
    assertThat(metagraph.blockHash()).isEqualTo(vectors().at("/recording/block_hash").asText());
    assertThat(metagraph.neurons()).hasSize(expected.get("neurons_lite_count").asInt());
    List<Integer> permits = new ArrayList<>();
    expected.get("validator_permit_uids").forEach(n -> permits.add(n.asInt()));
    assertThat(metagraph.validatorUids()).isEqualTo(permits);

    JsonNode uid0 = expected.get("uid0");
    NeuronInfoLite first = metagraph.neurons().getFirst();
    assertThat(first.hotkey()).isEqualTo(uid0.get("hotkey").asText());
    assertThat(first.coldkey()).isEqualTo(uid0.get("coldkey").asText());
    assertThat(first.netuid()).isEqualTo(1);
    assertThat(first.active()).isFalse();
    assertThat(first.axon()).isEqualTo(new AxonInfo(6_575_906, 9_011_001, BigInteger.valueOf(3_235_789_677L), 6028, 4, 4,
        0, 0));
    assertThat(first.stake()).isEqualTo(uid0.at("/stake/0/1").asLong());
    assertThat(first.lastUpdate()).isEqualTo(2_543_521);
    assertThat(first.validatorPermit()).isFalse();
    assertThat(metagraph.neurons().get(1023).hotkey()).isEqualTo(expected.get("uid1023_hotkey").asText());
    assertThat(metagraph.neurons().stream().filter(n -> n.axon().ip().signum() != 0).count())
        .isEqualTo(expected.get("serving_axons_ip_nonzero").asLong());

    SelectiveMetagraph s = metagraph.selective();
    assertThat(s.get(SelectiveMetagraph.NAME)).isEqualTo("Apex");
    assertThat(s.get(SelectiveMetagraph.SYMBOL)).isEqualTo("\u03b1");
    assertThat(s.get(SelectiveMetagraph.BLOCK)).isEqualTo(6_852_690L);
    assertThat(s.get(SelectiveMetagraph.TEMPO)).isEqualTo(99L);
    assertThat(s.get(SelectiveMetagraph.NUM_UIDS)).isEqualTo(1024L);
    assertThat(s.get(SelectiveMetagraph.MAX_UIDS)).isEqualTo(1024L);
    assertThat(s.get(SelectiveMetagraph.SERVING_RATE_LIMIT)).isEqualTo(10L);
    assertThat(s.get(SelectiveMetagraph.IMMUNITY_PERIOD)).isEqualTo(7200L);
    assertThat(s.get(SelectiveMetagraph.OWNER_HOTKEY)).isEqualTo(expected.get("selective.owner_hotkey").asText());
    assertThat(metagraph.totalStake()[0]).isEqualTo(expected.get("total_stake_uid0_rao").asLong());
    assertThat(s.longs(SelectiveMetagraph.ALPHA_STAKE)[630]).isEqualTo(expected.get("alpha_stake_uid630").asLong());
    assertThat(s.longs(SelectiveMetagraph.TAO_STAKE)[630]).isEqualTo(expected.get("tao_stake_uid630").asLong());
    assertThat(metagraph.totalStake()[630]).isEqualTo(expected.get("total_stake_uid630").asLong());
    List<Integer> validators = new ArrayList<>();
    for (long v : s.longs(SelectiveMetagraph.VALIDATORS)) {
      validators.add((int) v);
    }
    List<Integer> expectedValidators = new ArrayList<>();
    expected.get("selective.validators").forEach(n -> expectedValidators.add(n.asInt()));
    assertThat(validators).isEqualTo(expectedValidators);
    assertThat(metagraph.uidOf(uid0.get("hotkey").asText())).contains(0);
    assertThat(transport.calls).hasSize(4);
  }

  @Test
  void truncatedAndMalformedResponsesFailClearly() throws Exception {
    ReplayTransport real = new ReplayTransport("finney-metagraph-netuid1.json");
    for (int cut : new int[] {1, 1000, 186_000}) {
      ChainTransport truncated = new ChainTransport() {
        @Override
        public JsonNode call(String method, ArrayNode params, Duration timeout) throws ChainException {
          JsonNode result = real.call(method, params, timeout);
          if (method.equals("state_call") && params.get(0).asText().endsWith("get_neurons_lite")) {
            return new com.fasterxml.jackson.databind.node.TextNode(result.asText().substring(0, 2 + 2 * cut));
          }
          return result;
        }

        @Override
        public void close() {}
      };
      assertThatThrownBy(() -> new MetagraphReader(new SubtensorClient(truncated, Duration.ofSeconds(1))).read(1, null))
          .isInstanceOf(ChainException.class)
          .hasMessageStartingWith("NeuronInfoRuntimeApi_get_neurons_lite did not decode: truncated input");
    }
    ChainTransport garbage = new ChainTransport() {
      @Override
      public JsonNode call(String method, ArrayNode params, Duration timeout) throws ChainException {
        JsonNode result = real.call(method, params, timeout);
        return method.equals("state_call") ? new com.fasterxml.jackson.databind.node.TextNode("0xzz") : result;
      }

      @Override
      public void close() {}
    };
    assertThatThrownBy(() -> new MetagraphReader(new SubtensorClient(garbage, Duration.ofSeconds(1))).read(1, null))
        .hasMessageContaining("malformed hex");
    ChainTransport extra = new ChainTransport() {
      @Override
      public JsonNode call(String method, ArrayNode params, Duration timeout) throws ChainException {
        JsonNode result = real.call(method, params, timeout);
        return method.equals("state_call") ? new com.fasterxml.jackson.databind.node.TextNode(result.asText() + "00")
            : result;
      }

      @Override
      public void close() {}
    };
    assertThatThrownBy(() -> new MetagraphReader(new SubtensorClient(extra, Duration.ofSeconds(1))).read(1, null))
        .hasMessageContaining("1 bytes left over");
  }
}
