package io.cascade4j.miner.axon;

import static io.cascade4j.miner.axon.MinerFixture.VALIDATOR;
import static io.cascade4j.miner.axon.MinerFixture.redJpeg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascade4j.api.ConfigurationException;
import io.cascade4j.bittensor.dendrite.Dendrite;
import io.cascade4j.bittensor.protocol.ImageSynapse;
import io.cascade4j.testkit.PluginJars;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plugins:} in the miner file: a stage from a folder of jars serves validators, no rebuild involved. */
class MinerPluginsTest {
  private static final String CASCADE = "stages:\n  - {name: seventy, type: always-seventy, exit: always}\n";

  @Test
  void aPluginFolderNamedInTheMinerFileServesItsStage(@TempDir Path dir) throws Exception {
    PluginJars.constantStage(dir.resolve("plugins"), "always-seventy", 0.7);
    try (MinerFixture fixture = new MinerFixture(dir, Map.of("plugins", List.of("plugins")), CASCADE)) {
      Dendrite.Response response = fixture.call(VALIDATOR, ImageSynapse.request(redJpeg(40), 9.0));
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.synapse().prediction()).isEqualTo(0.7);
    }
  }

  @Test
  void withoutItTheStageIsUnknownAndAMissingFolderIsNamed(@TempDir Path dir) {
    PluginJars.constantStage(dir.resolve("plugins"), "always-seventy", 0.7);
    assertThatThrownBy(() -> new MinerFixture(dir, Map.of(), CASCADE).close())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("unknown stage type 'always-seventy'");
    assertThatThrownBy(() -> new MinerFixture(dir, Map.of("plugins", List.of("elsewhere")), CASCADE).close())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("plugins: no folder " + dir.resolve("elsewhere"));
  }

  @Test
  void anEngineSectionNoEngineModuleReadsIsAProblemWithItsKey(@TempDir Path dir) {
    assertThatThrownBy(() -> new MinerFixture(dir, Map.of("engine", Map.of("pytorch", Map.of("intra-op-threads", 2))),
        "stages:\n  - {name: r, type: test-redness, exit: always}\n").close())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("engine.pytorch: no engine reads this section; known: none");
  }
}
