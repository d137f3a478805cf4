package io.cascade4j.vision.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An application that left the DJL engines out: loading a model fails at load with the artifacts to add. Run in a
 * JVM of its own whose class path is this test's without the engine jars, since DJL finds engines once per process.
 */
class MissingEngineTest {
  /** Loads the model named on the command line and prints what went wrong. */
  public static void main(String[] args) {
    try {
      PooledModel.load(Path.of(args[0]), InferenceEngine.select("auto", Path.of(args[0])), 1).close();
      System.out.println("loaded");
    } catch (Exception e) {
      System.out.println(e.getMessage());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"tiny-classifier.pt", "tiny-classifier.onnx"})
  void loadingWithoutTheEngineNamesTheArtifactToAdd(String model) throws Exception {
    String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.contains("pytorch") && !entry.contains("onnxruntime"))
        .collect(Collectors.joining(File.pathSeparator));
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dai.djl.offline=true", "-cp", classPath, MissingEngineTest.class.getName(),
        GoldenModels.model(model).toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    if (model.endsWith(".pt")) {
      assertThat(out).contains("DJL's PyTorch engine is not on the class path")
          .contains("ai.djl.pytorch:pytorch-engine:0.36.0").contains("pytorch-native-cpu:2.7.1");
    } else {
      assertThat(out).contains("DJL's OnnxRuntime engine is not on the class path")
          .contains("ai.djl.onnxruntime:onnxruntime-engine:0.36.0");
    }
  }
}
