package io.cascade4j.bittensor.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class WebSocketTransportTest {
  private static final Duration SHORT = Duration.ofMillis(500);

  private static URI deadEndpoint() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return URI.create("ws://127.0.0.1:" + socket.getLocalPort()); // nothing listens once closed
    }
  }

  @Test
  void syncsTheRecordedMetagraphOverARealWebSocketFallingBackPastADeadEndpoint() throws Exception {
    try (FakeNode node = new FakeNode(new ReplayTransport("finney-metagraph-netuid1.json"));
        WebSocketTransport transport =
            new WebSocketTransport(List.of(deadEndpoint(), node.uri()), Duration.ofSeconds(2), 2)) {
      ChainMetagraph metagraph =
          new MetagraphReader(new SubtensorClient(transport, Duration.ofSeconds(10))).read(1, null);
      assertThat(metagraph.neurons()).hasSize(1024);
      assertThat(metagraph.validatorUids()).hasSize(12);
    }
  }

  @Test
  void concurrentCallsAreMatchedByTheirIds() throws Exception {
    try (FakeNode node = new FakeNode(new ReplayTransport("finney-metagraph-netuid1.json"));
        WebSocketTransport transport = new WebSocketTransport(List.of(node.uri()), Duration.ofSeconds(2), 1);
        ExecutorService callers = Executors.newFixedThreadPool(8)) {
      SubtensorClient client = new SubtensorClient(transport, Duration.ofSeconds(5));
      List<Future<Object>> results = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        boolean header = i % 2 == 0;
        results.add(callers.submit(() -> header ? client.header(null).number() : client.blockHash(6_852_690)));
      }
      for (int i = 0; i < results.size(); i++) {
        assertThat(results.get(i).get()).isEqualTo(i % 2 == 0 ? 6_852_690L
            : "0xdb13c066e2c63969f140164fb3bfe7a0aaa7b71407fc0fe525d68e57329ef9d0");
      }
    }
  }

  @Test
  void silenceDropsGarbageAndErrorsGiveClearErrorsAndNoHang() throws Exception {
    try (FakeNode node = new FakeNode(new ReplayTransport("finney-metagraph-netuid1.json"));
        WebSocketTransport transport = new WebSocketTransport(List.of(node.uri()), Duration.ofSeconds(2), 1)) {
      SubtensorClient client = new SubtensorClient(transport, SHORT);

      node.behaviour = method -> "silence";
      long start = System.nanoTime();
      assertThatThrownBy(() -> client.header(null))
          .isInstanceOf(ChainException.class)
          .hasMessageStartingWith("no answer to chain_getHeader within 500 ms from ws://127.0.0.1:");
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3_000);

      node.behaviour = method -> "drop";
      assertThatThrownBy(() -> client.header(null)).hasMessageContaining("closed the connection");
      node.behaviour = method -> null;
      assertThat(client.header(null).number()).as("reconnects after a drop").isEqualTo(6_852_690);

      node.behaviour = method -> "garbage";
      assertThatThrownBy(() -> client.header(null)).hasMessageContaining("malformed JSON");

      node.behaviour = method -> "error";
      assertThatThrownBy(() -> client.submitExtrinsic(new byte[] {1, 2}))
          .hasMessageContaining("author_submitExtrinsic failed at").hasMessageContaining("Invalid Transaction")
          .hasMessageContaining("Custom error: 12");

      node.behaviour = method -> null;
      assertThatThrownBy(() -> client.accountNextIndex("5Grw"))
          .hasMessageContaining("not in the recording: system_accountNextIndex");
    }
  }

  @Test
  void noReachableEndpointIsAClearError() throws Exception {
    try (WebSocketTransport transport =
        new WebSocketTransport(List.of(deadEndpoint(), deadEndpoint()), Duration.ofMillis(500), 2)) {
      assertThatThrownBy(() -> new SubtensorClient(transport, SHORT).header(null))
          .isInstanceOf(ChainException.class)
          .hasMessageStartingWith("could not connect to any endpoint:");
    }
    assertThatThrownBy(() -> WebSocketTransport.forNetwork("mainnet"))
        .hasMessageContaining("unknown network 'mainnet'");
  }
}
