package io.cascade4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascade4j.api.Answer;
import io.cascade4j.api.Cascade;
import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.Query;
import io.cascade4j.testkit.PluginJars;
import io.cascade4j.testkit.TestImages;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugin jars from folders: a real jar compiled at test time, on no class path until a folder names it. */
class PluginFoldersTest {
  @Test
  void aCascadeFileNamesItsPluginFolderRelativeToItself(@TempDir Path dir) throws Exception {
    PluginJars.constantStage(dir.resolve("plugins"), "always-seventy", 0.7);
    Path file = Files.writeString(dir.resolve("cascade.yaml"), """
        plugins: plugins
        stages:
          - {name: seventy, type: always-seventy, exit: always}
        """);
    try (Cascade cascade = Cascades.load(file, ProviderRegistry.discover())) {
      Answer answer = cascade.evaluate(Query.of(TestImages.png(TestImages.solid(8, 8, Color.GRAY))));
      assertThat(answer.probability()).isEqualTo(0.7);
      assertThat(answer.decider()).contains("seventy");
    }
  }

  @Test
  void withoutThePluginFolderTheTypeIsUnknown(@TempDir Path dir) throws Exception {
    PluginJars.constantStage(dir.resolve("plugins"), "always-seventy", 0.7);
    Path file = Files.writeString(dir.resolve("cascade.yaml"), """
        stages:
          - {name: seventy, type: always-seventy, exit: always}
        """);
    assertThatThrownBy(() -> Cascades.load(file, ProviderRegistry.discover()))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("unknown stage type 'always-seventy'");
  }

  @Test
  void aMissingFolderIsAProblemWithItsKey(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("cascade.yaml"), """
        plugins: [nowhere, 7]
        stages:
          - {name: p, type: always-seventy, exit: always}
        """);
    assertThatThrownBy(() -> Cascades.load(file, ProviderRegistry.discover()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("plugins[0]: no folder " + dir.resolve("nowhere"))
        .hasMessageContaining("plugins[1]: must be a folder of plugin jars");
  }

  @Test
  void pluginsJoinTheRegistryAndExplicitProvidersStillWin(@TempDir Path dir) throws Exception {
    Path folder = PluginJars.constantStage(dir.resolve("plugins"), "always-seventy", 0.7);
    ProviderRegistry base = ProviderRegistry.discover();
    ProviderRegistry extended = base.withPlugins(List.of(folder));
    assertThat(extended.stageTypes()).contains("always-seventy").containsAll(base.stageTypes());
    assertThat(base.stageTypes()).doesNotContain("always-seventy");
    assertThat(base.withPlugins(List.of())).isSameAs(base);
    // One class loader per set of jars: a reload that names the same folder loads no class twice.
    assertThat(PluginFolders.classLoader(List.of(folder), getClass().getClassLoader()))
        .isSameAs(PluginFolders.classLoader(List.of(folder), getClass().getClassLoader()));
    assertThatThrownBy(() -> base.withPlugins(List.of(dir.resolve("missing"))))
        .isInstanceOf(NoSuchFileException.class);
  }
}
