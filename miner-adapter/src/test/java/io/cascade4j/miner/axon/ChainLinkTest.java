package io.cascade4j.miner.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade4j.core.ProviderRegistry;
import io.cascade4j.bittensor.chain.FakeNode;
import io.cascade4j.bittensor.chain.ReplayTransport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The miner reading its metagraph from a (recorded) chain, over a real WebSocket. */
class ChainLinkTest {
  private static final String UID0 = "5DkMmXtWf16RNdusZGCrJ7ca7ADPgRnZLVWCWbgA7s7sy1AQ";

  private static MinerConfig config(Path dir, FakeNode node, String hotkey) throws Exception {
    Files.writeString(dir.resolve("cascade.yaml"), "stages:\n  - {name: r, type: test-redness, exit: always}\n");
    return MinerConfig.parse(Map.of(
        "cascade", "cascade.yaml",
        "netuid", 1,
        "axons", List.of(Map.of("hotkey", hotkey, "host", "127.0.0.1", "port", 0)),
        "metrics", Map.of("enabled", false),
        "chain", Map.of("network", node.uri().toString(), "refresh", "1h", "timeout", "2s",
            "external-ip", "198.51.100.20")), dir, name -> null);
  }

  @Test
  void theMinerReadsItsMetagraphFromTheChainAndKeepsTheLastGoodOne(@TempDir Path dir) throws Exception {
    try (FakeNode node = new FakeNode(new ReplayTransport("finney-metagraph-netuid1.json"));
        Miner miner = Miner.start(config(dir, node, UID0), ProviderRegistry.discover())) {
      Metagraph snapshot = miner.currentMetagraph();
      assertThat(snapshot.neurons()).hasSize(1024);
      assertThat(snapshot.block()).isEqualTo(6_852_690);
      assertThat(snapshot.neuron(UID0).orElseThrow().stake()).isEqualTo(2.557172316);

      node.behaviour = method -> "silence";
      assertThat(miner.refreshMetagraphFromChain()).isFalse();
      assertThat(miner.currentMetagraph()).as("the last good metagraph stays").isSameAs(snapshot);
      assertThat(miner.meters().get("miner.metagraph.refresh.failures").counter().count()).isEqualTo(1);
      node.behaviour = method -> null;
      assertThat(miner.refreshMetagraphFromChain()).isTrue();
    }
  }

  @Test
  void warnsWhenTheHotkeyIsNotRegisteredOrItsAxonDiffers(@TempDir Path dir) throws Exception {
    try (FakeNode node = new FakeNode(new ReplayTransport("finney-metagraph-netuid1.json"))) {
      String stranger = MinerFixture.hotkey(MinerFixture.STRANGER);
      try (ChainLink link = new ChainLink(config(dir, node, stranger))) {
        assertThat(link.warnings(link.readMetagraph())).containsExactly("hotkey " + stranger
            + " is not registered on subnet 1: validators will not call it");
      }
      try (ChainLink link = new ChainLink(config(dir, node, UID0))) {
        assertThat(link.warnings(link.readMetagraph())).singleElement().asString()
            .contains("(uid 0) is published as 192.222.59.109:6028 but serves 198.51.100.20:0");
      }
    }
  }
}
