package io.cascade4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascade4j.api.StageProvider;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProviderRegistryTest {

  /** A class loader that sees a plugin folder whose service file lists {@code classes}. */
  private static URLClassLoader pluginFolder(Path dir, List<String> classes) throws IOException {
    Path services = dir.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.write(services.resolve(StageProvider.class.getName()), classes);
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, ProviderRegistryTest.class.getClassLoader());
  }

  @Test
  void discoversTheBuiltInPoliciesAndEnsembles() {
    ProviderRegistry registry = ProviderRegistry.discover();
    assertThat(registry.exitPolicyTypes()).containsExactly("agreement", "always", "band", "never");
    assertThat(registry.ensembleTypes())
        .containsExactly("logistic", "majority-vote", "max", "min", "weighted-logit-mean", "weighted-mean");
    assertThat(registry.problems()).isEmpty();
    assertThat(registry.describe()).contains("exit policies: [agreement, always, band, never]");
  }

  @Test
  void brokenPluginsAreReportedAndSkipped(@TempDir Path dir) throws IOException {
    try (URLClassLoader loader =
        pluginFolder(
            dir,
            List.of(
                "com.example.MissingStageProvider",
                TestPlugins.ExplodingStageProvider.class.getName(),
                TestPlugins.MalformedIdStageProvider.class.getName(),
                ConstantStageProvider.class.getName()))) {
      ProviderRegistry registry = ProviderRegistry.builder().discover(loader).build();

      assertThat(registry.stageTypes()).containsExactly("constant");
      assertThat(registry.problems()).hasSize(3);
      assertThat(registry.problems().get(0).message()).contains("com.example.MissingStageProvider not found");
      assertThat(registry.problems().get(1).message())
          .contains("ExplodingStageProvider")
          .contains("native library not found");
      assertThat(registry.problems().get(2).message()).contains("malformed type id 'Not An Id'");
      assertThat(registry.problems()).allSatisfy(p -> assertThat(p.service()).isEqualTo("StageProvider"));
    }
  }

  @Test
  void twoPluginsWithOneIdAreAnErrorNamingBoth(@TempDir Path dir) throws IOException {
    try (URLClassLoader loader =
        pluginFolder(
            dir,
            List.of(
                TestPlugins.FirstDuplicateStageProvider.class.getName(),
                TestPlugins.SecondDuplicateStageProvider.class.getName()))) {
      String classes = ProviderRegistryTest.class.getProtectionDomain().getCodeSource().getLocation().toString();
      assertThatThrownBy(() -> ProviderRegistry.builder().discover(loader).build())
          .isInstanceOf(ProviderConflictException.class)
          .hasMessage(
              "stage type 'duplicate' is provided by both "
                  + TestPlugins.FirstDuplicateStageProvider.class.getName() + " (from " + classes + ") and "
                  + TestPlugins.SecondDuplicateStageProvider.class.getName() + " (from " + classes + "); remove one"
                  + " of the plugins, or register the one to use explicitly");
    }
  }

  @Test
  void explicitRegistrationWinsOverDiscovery(@TempDir Path dir) throws IOException {
    StageProvider replacement = new ConstantStageProvider();
    try (URLClassLoader loader = pluginFolder(dir, List.of(ConstantStageProvider.class.getName()))) {
      ProviderRegistry registry = ProviderRegistry.builder().discover(loader).register(replacement).build();
      assertThat(registry.stageProvider("constant")).containsSame(replacement);
    }
    assertThatThrownBy(() -> ProviderRegistry.builder().register(replacement).register(new ConstantStageProvider()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stage type 'constant' is already registered");
  }
}
