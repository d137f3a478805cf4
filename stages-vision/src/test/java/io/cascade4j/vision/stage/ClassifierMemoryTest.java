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
 * Queries must not grow native or heap memory: every NDArray of a query lives in a scope closed with it. After 5,000
 * queries of warm-up (allocator arenas, JIT, lazily created native state, which grow more on a busy machine), 5,000
 * more are measured. A leaked 64x64 input alone would add 48 KB per query, about 240 MB over them; the bound (128 MB)
 * is half of that and above allocator noise (up to 67 MB seen with libtorch on a busy 2-core CI machine). The heap the JVM commits meanwhile is taken out of the resident growth: a JVM
 * that enlarges its heap is not a native leak.
 */
class ClassifierMemoryTest {
  private static final long MB = 1 << 20;

  @ParameterizedTest
  @ValueSource(strings = {"tiny-classifier.pt", "tiny-classifier.onnx"})
  void queriesDoNotGrowMemory(String model) throws Exception {
    EncodedImage png = EncodedImage.png(ClassifierStageTest.smallPng());
    try (Stage stage = new ClassifierStageProvider().create(Settings.of(ClassifierStageTest.settings(model, Map.of())))) {
      for (int i = 0; i < 5_000; i++) { // warm up: allocator pools, JIT, lazily created native state
        stage.evaluate(TestQueryContext.of(Query.of(png)));
      }
      long heapBefore = heapAfterGc();
      long rssBefore = residentBytes() - committedHeap();
      for (int i = 0; i < 5_000; i++) {
        stage.evaluate(TestQueryContext.of(Query.of(png)));
      }
      long heapGrowth = heapAfterGc() - heapBefore;
      long rssGrowth = residentBytes() - committedHeap() - rssBefore;
      assertThat(rssGrowth).as("resident growth outside the heap over 5,000 queries, bytes").isLessThan(128 * MB);
      assertThat(heapGrowth).as("heap growth after GC, bytes").isLessThan(16 * MB);
    }
  }

  private static long committedHeap() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
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
