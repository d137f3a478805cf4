package io.cascade4j.vision.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The direct-buffer input path gives the very bits of DJL's {@code create(float[])} path; a pool spread over several
 * devices (two CPU copies stand in for two GPUs here) answers alike from every copy; warm-up measures a warm call.
 */
class PooledModelPlacementTest {
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"tiny-classifier.pt", "tiny-classifier.onnx", "tiny-backbone.pt", "tiny-backbone.onnx"})
  void theReusedDirectBufferGivesBitIdenticalOutputs(String file) throws Exception {
    try (PooledModel model = PooledModel.load(GoldenModels.model(file), InferenceEngine.select("auto", Path.of(file)),
        1)) {
      float[] input = GoldenModels.input();
      long[] shape = GoldenModels.inputShape();
      float[] copying = model.runCopying(input, shape).values();
      assertThat(model.run(input, shape).values()).containsExactly(copying);
      assertThat(model.run(shape, buffer -> buffer.put(input)).values()).containsExactly(copying);
      // The buffer is reused: a second, different input must not see the first one's values.
      float[] other = input.clone();
      for (int i = 0; i < other.length; i++) {
        other[i] = -other[i];
      }
      assertThat(model.run(other, shape).values()).containsExactly(model.runCopying(other, shape).values());
    }
  }

  @Test
  void aPoolOverSeveralDevicesSpreadsItsWorkersAndAnswersAlike() throws Exception {
    Path file = GoldenModels.model("tiny-classifier.pt");
    PooledModel.Placement twoDevices = new PooledModel.Placement(List.of(Device.cpu(), Device.cpu()), 2, 0);
    try (PooledModel model = PooledModel.load(file, InferenceEngine.PYTORCH, twoDevices);
        ExecutorService threads = Executors.newFixedThreadPool(4)) {
      assertThat(model.toString()).contains("x 2");
      float[] expected = model.run(GoldenModels.input(), GoldenModels.inputShape()).values();
      List<Future<float[]>> answers = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        answers.add(threads.submit(() -> model.run(GoldenModels.input(), GoldenModels.inputShape()).values()));
      }
      for (Future<float[]> answer : answers) {
        assertThat(answer.get()).containsExactly(expected);
      }
    }
  }

  @Test
  void warmUpRunsEveryWorkerOnTheShapeAndRecordsAWarmCall() throws Exception {
    try (PooledModel model = PooledModel.load(GoldenModels.model("tiny-classifier.onnx"), InferenceEngine.ONNX_RUNTIME,
        2)) {
      assertThat(model.warmLatency()).isEmpty();
      model.warmUp(GoldenModels.inputShape(), 3);
      assertThat(model.warmLatency()).hasValueSatisfying(d -> assertThat(d.toNanos()).isPositive());
    }
  }
}
