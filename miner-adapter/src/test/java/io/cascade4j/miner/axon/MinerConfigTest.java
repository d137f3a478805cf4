package io.cascade4j.miner.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MinerConfigTest {
  private static final String SEED = "0xfac7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e";

  @Test
  void readsAMinerFileWithDefaults(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("miner.yaml");
    Files.writeString(file, """
        cascade: cascade.yaml
        axons:
          - hotkey: %s
            hotkey-seed-env: SEED
        access:
          metagraph: metagraph.json
          min-stake: 1000
        """.formatted(MinerFixture.AXON_HOTKEY));
    MinerConfig config = MinerConfig.load(file, name -> name.equals("SEED") ? SEED : null);
    assertThat(config.cascade()).isEqualTo(dir.resolve("cascade.yaml"));
    assertThat(config.netuid()).isEqualTo(72);
    assertThat(config.axons().getFirst().endpoint()).isEqualTo(new MinerConfig.Endpoint("0.0.0.0", 8091));
    assertThat(config.axons().getFirst().keypair()).isNotNull();
    assertThat(config.access().metagraph()).isEqualTo(dir.resolve("metagraph.json"));
    assertThat(config.access().requireValidatorPermit()).isTrue();
    assertThat(config.limits().maxBodyBytes()).as("native-size SN72 images fit").isEqualTo(16 << 20);
    assertThat(config.limits().maxImageBytes()).isEqualTo(12 << 20);
    assertThat(config.answers().deadline()).isEqualTo(Duration.ofSeconds(8));
    assertThat(config.answers().tie()).isEqualTo(AnswerService.TieRule.POSITIVE);
    assertThat(config.metrics()).isEqualTo(new MinerConfig.Endpoint("127.0.0.1", 9091));
  }

  @Test
  void reportsEveryMistakeWithoutQuotingSecrets(@TempDir Path dir) throws Exception {
    Path keyFile = dir.resolve("hotkey");
    Files.writeString(keyFile, "{\"secretSeed\": \"0x1234\", \"ss58Address\": \"5x\"}");
    Map<String, Object> document = Map.of(
        "axons", List.of(
            Map.of("hotkey", "not-an-address", "port", 70000),
            Map.of("hotkey", MinerFixture.hotkey(MinerFixture.STRANGER), "hotkey-seed-env", "SEED"),
            Map.of("hotkey", MinerFixture.AXON_HOTKEY, "hotkey-file", "hotkey")),
        "limits", Map.of("max-body-bytes", 1, "rate-window", "often"),
        "answers", Map.of("tie", "coin-flip"),
        "acess", Map.of());
    assertThatThrownBy(() -> MinerConfig.parse(document, dir, name -> name.equals("SEED") ? SEED : null))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> {
          assertThat(e.problems()).extracting(Problem::toString).contains(
              "axons[0].port: must be within [0, 65535], got 70000",
              "axons[1].hotkey: does not match the configured secret key (" + MinerFixture.AXON_HOTKEY + ")",
              "axons[2].hotkey-file: the secret seed must be 32 bytes of hex (its value is not shown)",
              "cascade: is required",
              "limits.max-body-bytes: must be within [1024, 67108864], got 1",
              "limits.rate-window: must be a positive duration with a unit, such as 250ms, 8s or 2m, got 'often'",
              "answers.tie: must be positive or negative, got 'coin-flip'");
          assertThat(e.problems()).extracting(Problem::path).contains("axons[0].hotkey", "acess");
          assertThat(e.getMessage()).doesNotContain(SEED.substring(2, 20)).doesNotContain("0x1234");
        });
  }

  @Test
  void readsTheHotkeyFromTheStandardWalletLayout(@TempDir Path dir) throws Exception {
    Path hotkeys = dir.resolve("wallets/miner/hotkeys");
    Files.createDirectories(hotkeys);
    Files.writeString(hotkeys.resolve("default"), "{\"secretSeed\": \"" + SEED + "\", \"ss58Address\": \""
        + MinerFixture.AXON_HOTKEY + "\"}");
    Map<String, Object> document = Map.of("cascade", "c.yaml", "axons", List.of(Map.of(
        "hotkey", MinerFixture.AXON_HOTKEY,
        "wallet", Map.of("path", dir.resolve("wallets").toString(), "name", "miner", "hotkey", "default"))));
    MinerConfig config = MinerConfig.parse(document, dir, name -> null);
    assertThat(config.axons().getFirst().keypair().publicKey()).isEqualTo(MinerFixture.AXON_KEY.publicKey());
    assertThat(config.axons().getFirst().keypair().toString()).doesNotContain(SEED.substring(2, 12));

    Map<String, Object> missing = Map.of("cascade", "c.yaml", "axons", List.of(Map.of(
        "hotkey", MinerFixture.AXON_HOTKEY,
        "wallet", Map.of("path", dir.resolve("wallets").toString(), "name", "nobody"))));
    assertThatThrownBy(() -> MinerConfig.parse(missing, dir, name -> null))
        .hasMessageContaining("axons[0].wallet: cannot read").hasMessageContaining("nobody/hotkeys/default");
  }
}
