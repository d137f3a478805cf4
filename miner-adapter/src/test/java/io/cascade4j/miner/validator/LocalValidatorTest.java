package io.cascade4j.miner.validator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cascade4j.core.ProviderRegistry;
import io.cascade4j.miner.axon.BrightnessStageProvider;
import io.cascade4j.miner.axon.Miner;
import io.cascade4j.miner.axon.MinerConfig;
import io.cascade4j.bittensor.crypto.Ss58;
import io.cascade4j.scenes.SceneGenerator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local validator against a real miner on loopback, from generated scenes. */
class LocalValidatorTest {
  private static final String AXON = Ss58.encode(LocalValidator.validatorKey(99).publicKey(), 42);

  static Miner miner(Path dir, String cascade) throws Exception {
    Files.writeString(dir.resolve("cascade.yaml"), cascade);
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("cascade", "cascade.yaml");
    config.put("axons", List.of(Map.of("hotkey", AXON, "host", "127.0.0.1", "port", 0)));
    config.put("access", Map.of("allow", List.of(hotkey(0), hotkey(1)), "require-validator-permit", false));
    config.put("limits", Map.of("rate-limit", 100_000));
    config.put("metrics", Map.of("host", "127.0.0.1", "port", 0));
    return Miner.start(MinerConfig.parse(config, dir, name -> null),
        ProviderRegistry.builder().discover(LocalValidatorTest.class.getClassLoader())
            .register(new BrightnessStageProvider()).build());
  }

  static String hotkey(int i) {
    return Ss58.encode(LocalValidator.validatorKey(i).publicKey(), 42);
  }

  @Test
  void scoresTheMinerAsTheValidatorDoes(@TempDir Path dir) throws Exception {
    try (Miner miner = miner(dir, "stages:\n  - {name: always-yes, type: test-redness, probability: 0.7,"
        + " exit: always}\n")) {
      URI axon = URI.create("http://127.0.0.1:" + miner.axonPorts().getFirst());
      URI metrics = URI.create("http://127.0.0.1:" + miner.metricsPort() + "/metrics");
      ByteArrayOutputStream progress = new ByteArrayOutputStream();
      ValidatorReport report = LocalValidator.run(scenes(new SceneGenerator(320, 240)),
          new LocalValidator.Options(axon, AXON, 60, 2, 7, 9.0, metrics),
          new PrintStream(progress, true, StandardCharsets.UTF_8));
      assertThat(report.misses()).isEmpty();
      // 0.7 rounds to "roadwork" every time: no negatives predicted, so MCC is 0 and only accuracy pays.
      assertThat(report.confusion().get("tn") + report.confusion().get("fn")).isZero();
      assertThat(report.confusion().get("tp") + report.confusion().get("fp")).isEqualTo(60);
      assertThat(report.validators()).containsOnlyKeys(hotkey(0), hotkey(1));
      for (ValidatorReport.Trajectory t : report.validators().values()) {
        assertThat(t.rewards()).hasSize(30);
        assertThat(t.mcc()).isZero();
        double ema = 0;
        for (double reward : t.rewards()) {
          ema = 0.05 * reward + 0.95 * ema;
        }
        assertThat(t.score()).isCloseTo(ema, within(1e-12)).isPositive();
        assertThat(t.rewards().getLast()).isCloseTo(Math.pow(0.5 * t.accuracy(), 3), within(1e-12));
      }
      assertThat(report.exits()).containsEntry("always-yes", 60.0);
      assertThat(report.latencyMillis().get("p50")).isPositive();
      assertThat(progress.toString(StandardCharsets.UTF_8)).contains("60/60 challenges answered or missed");
      report.write(dir.resolve("report.json"));
      assertThat(Files.readString(dir.resolve("report.json"))).contains("\"confusion\"").contains("\"byGroup\"");
      assertThat(report.summary()).contains("60 challenges, 60 answered").contains("score");
    }
  }

  @Test
  void traffic2026SendsNativeSizeImagesAndGradesConsensusTasksAgainstTheMinersMajority(@TempDir Path dir)
      throws Exception {
    Path other = Files.createDirectories(dir.resolve("peer"));
    try (Miner miner = miner(dir, "stages:\n  - {name: yes, type: test-redness, probability: 0.7, exit: always}\n");
        Miner peer = miner(other, "stages:\n  - {name: no, type: test-redness, probability: 0.2, exit: always}\n")) {
      URI axon = URI.create("http://127.0.0.1:" + miner.axonPorts().getFirst());
      URI peerAxon = URI.create("http://127.0.0.1:" + peer.axonPorts().getFirst());
      PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
      ValidatorReport alone = LocalValidator.run(scenes(new SceneGenerator(333, 222)), new LocalValidator.Options(
          axon, AXON, 120, 1, 5, 9.0, null, LocalValidator.Mode.NATIVE_2026, 1, 0, List.of()), quiet);
      assertThat(alone.mode()).isEqualTo("2026");
      assertThat(alone.byGroup()).as("no resize, no crop").containsOnlyKeys("333x222");
      int tasks = alone.consensus().get("tasks");
      assertThat(tasks).as("about 9% of 120").isBetween(3, 25);
      assertThat(alone.consensus().get("agreed-with-majority")).as("alone, its answer is the majority")
          .isEqualTo(tasks);
      assertThat(alone.confusion().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(120 - tasks);

      // With a peer answering 0.2, the majority is round(mean(0.7, 0.2)) = round(0.45) = 0: the miner disagrees.
      ValidatorReport outvoted = LocalValidator.run(scenes(new SceneGenerator(333, 222)), new LocalValidator.Options(
          axon, AXON, 120, 1, 5, 9.0, null, LocalValidator.Mode.NATIVE_2026, 1, 0,
          List.of(new LocalValidator.Peer(peerAxon, AXON))), quiet);
      assertThat(outvoted.consensus().get("tasks")).isEqualTo(tasks);
      assertThat(outvoted.consensus().get("agreed-with-majority")).isZero();
      assertThat(outvoted.summary()).contains("2026 (native size").contains("consensus tasks: " + tasks);
    }
  }

  @Test
  void aLoadRunSendsPooledImagesConcurrentlyWithoutEverHittingTheCache(@TempDir Path dir) throws Exception {
    try (Miner miner = miner(dir, "stages:\n  - {name: s, type: test-redness, exit: always}\n")) {
      URI axon = URI.create("http://127.0.0.1:" + miner.axonPorts().getFirst());
      URI metrics = URI.create("http://127.0.0.1:" + miner.metricsPort() + "/metrics");
      ValidatorReport report = LocalValidator.run(scenes(new SceneGenerator(200, 150)), new LocalValidator.Options(
          axon, AXON, 80, 2, 3, 9.0, metrics, LocalValidator.Mode.NATIVE_2026, 8, 3, List.of()),
          new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      assertThat(report.misses()).isEmpty();
      try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
        String text = http.send(java.net.http.HttpRequest.newBuilder(metrics).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertThat(text).as("three images, eighty distinct requests").contains("result=\"miss\"} 80.0")
            .doesNotContain("result=\"hit\"} 1");
      }
    }
  }

  @Test
  void aCommentMakesOtherBytesOfTheSamePicture() throws Exception {
    byte[] jpeg = Augmentation.jpeg(new SceneGenerator(96, 64).generate(3).image());
    byte[] tagged = LocalValidator.withComment(jpeg, "cascade4j challenge 7");
    assertThat(tagged).isNotEqualTo(jpeg);
    java.awt.image.BufferedImage a = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(jpeg));
    java.awt.image.BufferedImage b = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(tagged));
    assertThat(b.getRGB(0, 0, 96, 64, null, 0, 96)).isEqualTo(a.getRGB(0, 0, 96, 64, null, 0, 96));
  }

  @Test
  void refusedChallengesAreMissesThatScoreNothing(@TempDir Path dir) throws Exception {
    try (Miner miner = miner(dir, "stages:\n  - {name: s, type: test-redness, exit: always}\n")) {
      URI axon = URI.create("http://127.0.0.1:" + miner.axonPorts().getFirst());
      String otherAxon = hotkey(5); // requests signed for another axon's hotkey are refused
      ValidatorReport report = LocalValidator.run(scenes(new SceneGenerator(128, 96)),
          new LocalValidator.Options(axon, otherAxon, 8, 1, 1, 9.0, null), new PrintStream(
              new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      assertThat(report.misses()).hasSize(1);
      assertThat(report.misses().values().iterator().next()).isEqualTo(8);
      assertThat(report.validators().values().iterator().next().score()).isZero();
    }
  }

  @Test
  void theSameSeedMakesTheSameChallenges() throws Exception {
    ChallengeSource scenes = scenes(new SceneGenerator(160, 120));
    java.util.Random a = new java.util.Random(11);
    java.util.Random b = new java.util.Random(11);
    for (int i = 0; i < 3; i++) {
      byte[] x = Augmentation.jpeg(Augmentation.apply(scenes.next(1, a).image(), 3, a, new java.util.ArrayList<>()));
      byte[] y = Augmentation.jpeg(Augmentation.apply(scenes.next(1, b).image(), 3, b, new java.util.ArrayList<>()));
      assertThat(x).isEqualTo(y);
    }
  }

  /** Generated scenes as challenges, each from a fresh seed. */
  static ChallengeSource scenes(SceneGenerator generator) {
    return (label, random) -> {
      long seed = random.nextLong();
      return new ChallengeSource.Picture(generator.generate(seed, label == 1).image(), "scene " + seed);
    };
  }
}
