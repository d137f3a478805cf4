package io.cascade4j.vision.stage;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade4j.api.EncodedImage;
import io.cascade4j.api.Query;
import io.cascade4j.api.Settings;
import io.cascade4j.api.Stage;
import io.cascade4j.testkit.TestQueryContext;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * 10,000 queries must not grow native or heap memory: every NDArray of a query lives in a scope closed with it. A
 * leaked 64x64 input alone would add 48 KB per query, about 480 MB over the run; the bound is far below that and far
 * above allocator noise.
 */
class ClassifierMemoryTest {
  private static final long MB = 1 << 20;

  @ParameterizedTest
  @ValueSource(strings = {"tiny-classifier.pt", "tiny-classifier.onnx"})
  void tenThousandQueriesDoNotGrowMemory(String model) throws Exception {
    EncodedImage png = EncodedImage.png(ClassifierStageTest.smallPng());
    try (Stage stage = new ClassifierStageProvider().create(Settings.of(ClassifierStageTest.settings(model, Map.of())))) {
      for (int i = 0; i < 1_000; i++) { // warm up: allocator pools, JIT, lazily created native state
        stage.evaluate(TestQueryContext.of(Query.of(png)));
      }
      long rssBefore = residentBytes();
      long heapBefore = heapAfterGc();
      for (int i = 0; i < 10_000; i++) {
        stage.evaluate(TestQueryContext.of(Query.of(png)));
      }
      long rssGrowth = residentBytes() - rssBefore;
      long heapGrowth = heapAfterGc() - heapBefore;
      assertThat(rssGrowth).as("resident (native + heap) growth over 10,000 queries, bytes").isLessThan(64 * MB);
      assertThat(heapGrowth).as("heap growth after GC, bytes").isLessThan(16 * MB);
    }
  }

  private static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(20);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** VmRSS from /proc: the whole process, so native allocations of libtorch and onnxruntime count. */
  private static long residentBytes() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
      }
    }
    throw new IOException("no VmRSS in /proc/self/status");
  }
}
