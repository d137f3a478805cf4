package io.cascade4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image Jib wrote ({@code -P container}, as {@code ./cascade4j test} builds it): its layers hold the
 * distribution, its configuration declares the axon and metrics ports and starts the miner through bin/cascade4j.
 */
class ContainerImageIT {
  private static final Path IMAGE = Path.of("target", "cascade4j-image.tar");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void layersHoldTheDistributionAndTheConfigDeclaresThePorts(@TempDir Path root) throws Exception {
    Assumptions.assumeTrue(Files.isRegularFile(IMAGE), "built with -P container only");
    Map<String, byte[]> top = new HashMap<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(IMAGE))) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        top.put(e.getName(), tar.readAllBytes());
      }
    }
    JsonNode manifest = JSON.readTree(top.get("manifest.json")).get(0);
    JsonNode config = JSON.readTree(top.get(manifest.get("Config").asText())).get("config");
    assertThat(config.get("ExposedPorts").has("8091/tcp")).isTrue();
    assertThat(config.get("ExposedPorts").has("9091/tcp")).isTrue();
    assertThat(config.get("Entrypoint").get(0).asText()).isEqualTo("/opt/cascade4j/bin/cascade4j");
    assertThat(JSON.writeValueAsString(config.get("Cmd"))).contains("miner", "serve", "/etc/cascade4j/miner.yaml");

    Set<String> files = new HashSet<>();
    Map<String, Integer> modes = new HashMap<>();
    for (JsonNode layer : manifest.get("Layers")) {
      try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(top.get(layer.asText())));
          TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
        for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
          String name = e.getName().replaceFirst("^/", "");
          files.add(name);
          modes.put(name, e.getMode());
          Path target = root.resolve(name).normalize();
          if (e.isFile() && target.startsWith(root)) {
            Files.createDirectories(target.getParent());
            Files.copy(tar, target);
          }
        }
      }
    }
    assertThat(files).contains("opt/cascade4j/bin/cascade4j", "opt/cascade4j/default/cascade.yaml",
        "opt/cascade4j/default/photo-gate/head.json", "opt/cascade4j/LICENSE", "opt/cascade4j/NOTICE",
        "opt/cascade4j/etc/cascade4j-miner.service",
        "opt/cascade4j/classes/io/cascade4j/cli/CascadeCli.class",
        "opt/cascade4j/resources/io/cascade4j/cli/build.properties");
    assertThat(files).anyMatch(f -> f.matches("opt/cascade4j/libs/cascade-core-.*\\.jar"))
        .anyMatch(f -> f.matches("opt/cascade4j/libs/opencv-.*-linux-x86_64\\.jar"))
        .noneMatch(f -> f.startsWith("opt/cascade4j/lib/"));
    assertThat(modes.get("opt/cascade4j/bin/cascade4j") & 0111).as("the launcher is executable").isNotZero();

    // The image's file tree, unpacked here: the launcher finds Jib's layout and starts the command line from it.
    Path launcher = root.resolve("opt/cascade4j/bin/cascade4j");
    assertThat(launcher.toFile().setExecutable(true)).isTrue();
    Process process = new ProcessBuilder(launcher.toString(), "--version").redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    assertThat(out).contains("cascade4j " + System.getProperty("project.version"));
  }
}
