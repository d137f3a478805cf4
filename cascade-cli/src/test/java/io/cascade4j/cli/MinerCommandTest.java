package io.cascade4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MinerCommandTest {
  private static String[] run(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "miner";
    System.arraycopy(args, 0, all, 1, args.length);
    CliRun run = CliRun.of(all);
    return new String[] {Integer.toString(run.status()), run.out(), run.err()};
  }

  @Test
  void checkReportsProblemsWithExitStatus2(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("miner.yaml");
    Files.writeString(file, "axons: []\n");
    String[] result = run("check", "--config", file.toString());
    assertThat(result[0]).isEqualTo("2");
    assertThat(result[2]).contains("cascade: is required").contains("axons: needs a non-empty list");
    assertThat(run("check", "--config", dir.resolve("missing.yaml").toString())[2]).contains("No miner file at");
  }

  @Test
  void checkAcceptsAValidSetupAndNamesCascadeProblems(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("miner.yaml");
    Files.writeString(file, "cascade: cascade.yaml\naxons:\n  - {hotkey: 5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY}\n");
    Files.writeString(dir.resolve("cascade.yaml"), "stages:\n  - {name: p, type: test-redness, exit: always}\n");
    String[] ok = run("check", "--config", file.toString());
    assertThat(ok[0]).as(ok[2]).isEqualTo("0");
    assertThat(ok[1]).contains("ok: 1 axon(s), cascade " + dir.resolve("cascade.yaml"));

    Files.writeString(dir.resolve("cascade.yaml"), "stages:\n  - {name: p, type: never-registered-type}\n");
    String[] broken = run("check", "--config", file.toString());
    assertThat(broken[0]).isEqualTo("2");
    assertThat(broken[2]).contains("stages[0].type: unknown stage type 'never-registered-type'");
    assertThat(run("--help")[1]).contains("serve").contains("check");
  }

  @Test
  void metagraphReadsTheChainAndWritesASnapshotTheAxonCanLoad(@TempDir Path dir) throws Exception {
    try (io.cascade4j.bittensor.chain.FakeNode node = new io.cascade4j.bittensor.chain.FakeNode(
        new io.cascade4j.bittensor.chain.ReplayTransport("finney-metagraph-netuid1.json"))) {
      String[] summary = run("metagraph", "--network", node.uri().toString(), "--netuid", "1");
      assertThat(summary[0]).as(summary[2]).isEqualTo("0");
      assertThat(summary[1]).startsWith("subnet 1 at block 6852690").contains("1024 neurons, 12 with a validator permit");

      String[] json = run("metagraph", "--network", node.uri().toString(), "--netuid", "1", "--json");
      Path snapshot = dir.resolve("metagraph.json");
      Files.writeString(snapshot, json[1]);
      com.fasterxml.jackson.databind.JsonNode tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json[1]);
      assertThat(tree.get("neurons")).hasSize(1024);
      assertThat(tree.at("/neurons/0/stake").asDouble()).isEqualTo(2.557172316);
    }
    assertThat(run("metagraph", "--network", "nowhere")[2]).contains("unknown network 'nowhere'");
  }
}
