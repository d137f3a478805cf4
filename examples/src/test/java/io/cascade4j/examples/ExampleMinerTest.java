package io.cascade4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade4j.miner.axon.Miner;
import io.cascade4j.miner.axon.MinerConfig;
import io.cascade4j.bittensor.crypto.Sr25519;
import io.cascade4j.bittensor.dendrite.Dendrite;
import io.cascade4j.bittensor.protocol.ImageSynapse;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example miner of {@code examples/miner/}, started from its files and called as a validator would. */
class ExampleMinerTest {
  /** The Substrate dev phrase's mini-secret: public, and the validator of the example metagraph. */
  private static final Sr25519.Keypair VALIDATOR = Sr25519.fromMiniSecret(
      HexFormat.of().parseHex("fac7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e"));

  /** The example miner on free ports, so the test never collides with a running miner. */
  private static Miner startExample(Path dir) throws Exception {
    Path example = Path.of("miner");
    for (String name : new String[] {"cascade.yaml", "metagraph.json"}) {
      Files.copy(example.resolve(name), dir.resolve(name));
    }
    // The same file on free ports, so the test never collides with a running miner.
    Files.writeString(dir.resolve("miner.yaml"),
        Files.readString(example.resolve("miner.yaml")).replace("port: 8091", "port: 0").replace("port: 9091", "port: 0")
            .replace("../stage-plugin/target", Path.of("stage-plugin", "target").toAbsolutePath().toString()));
    return Miner.start(MinerConfig.load(dir.resolve("miner.yaml")));
  }

  @Test
  void theLocalValidatorIsAllowedByTheExampleMiner(@TempDir Path dir) throws Exception {
    try (Miner miner = startExample(dir)) {
      java.awt.image.BufferedImage cones = javax.imageio.ImageIO.read(
          ExampleMinerTest.class.getResourceAsStream("/sample-images/img_022.jpg"));
      java.awt.image.BufferedImage highway = javax.imageio.ImageIO.read(
          ExampleMinerTest.class.getResourceAsStream("/sample-images/img_005.jpg"));
      io.cascade4j.miner.validator.ValidatorReport report = io.cascade4j.miner.validator.LocalValidator.run(
          (label, random) -> new io.cascade4j.miner.validator.ChallengeSource.Picture(label == 1 ? cones : highway,
              "sample"),
          new io.cascade4j.miner.validator.LocalValidator.Options(
              URI.create("http://127.0.0.1:" + miner.axonPorts().getFirst()),
              "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY", 8, 4, 1, 9.0, null),
          new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
      assertThat(report.misses()).as("./cascade4j validate against the example miner: no 403, nothing missed")
          .allSatisfy((reason, count) -> assertThat(count).as(reason).isZero());
      assertThat(report.validators()).hasSize(4);
    }
  }

  @Test
  void servesTheExampleCascadeToASignedValidator(@TempDir Path dir) throws Exception {
    try (Miner miner = startExample(dir)) {
      URI axon = URI.create("http://127.0.0.1:" + miner.axonPorts().getFirst());
      Dendrite validator = new Dendrite(VALIDATOR);
      String alice = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
      for (String sample : new String[] {"img_022.jpg", "img_005.jpg"}) {
        byte[] jpeg = ExampleMinerTest.class.getResourceAsStream("/sample-images/" + sample).readAllBytes();
        Dendrite.Response response = validator.send(axon, alice,
            ImageSynapse.request(Base64.getEncoder().encodeToString(jpeg), 9.0));
        assertThat(response.status()).as(String.valueOf(response.message())).isEqualTo(200);
        double p = response.synapse().prediction();
        assertThat(p).as(sample).isBetween(0.0, 1.0);
        if (sample.equals("img_022.jpg")) {
          assertThat(p).as("cones: the gate says roadwork").isGreaterThan(0.5);
        } else {
          assertThat(p).as("empty highway").isLessThan(0.5);
        }
      }
    }
  }
}
