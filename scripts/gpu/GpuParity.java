import ai.djl.Device;
import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.cascade4j.vision.model.InferenceEngine;
import io.cascade4j.vision.model.ModelOutput;
import io.cascade4j.vision.model.PooledModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The GPU proof run's Java side: each TorchScript file that scripts/gpu/models.py traced on cuda:0 is loaded by the
 * project's PooledModel on gpu0 (the code every DJL stage runs through: device placement, mapLocation, warm-up, the
 * reused direct input buffer), run on Python's input, compared with Python's outputs, timed at batch 1 from a host
 * float array to the answer on the host, and run 1,000 times with the GPU's memory read before and after.
 *
 *   java -cp 'lib/*:classes' GpuParity MODELS_DIR RUNS
 */
public final class GpuParity {
  private GpuParity() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int runs = Integer.parseInt(args[1]);
    StringBuilder table = new StringBuilder("| model | input | outputs | max abs diff | max abs value | Python p50 ms"
        + " | Java p50 ms, from a float[] | ratio | Java p50 ms, input in the predictor's buffer | ratio"
        + " | GPU memory MiB after 100 / 1,000 queries |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (String name : List.of("mobilenetv4", "dinov3", "rtdetr", "dinov3-fp16", "dinov3-fp16io32")) {
      JsonObject meta = new Gson().fromJson(Files.readString(dir.resolve(name + ".json")), JsonObject.class);
      long[] shape = longs(meta.getAsJsonArray("input"));
      float[] input = floats(dir.resolve(name + ".in.f32"));
      PooledModel.Placement gpu = new PooledModel.Placement(List.of(Device.gpu(0)), 1, 0,
          name.endsWith("-fp16") ? PooledModel.Precision.FP16 : PooledModel.Precision.FP32);
      try (PooledModel model = PooledModel.load(dir.resolve(name + ".pt"), InferenceEngine.PYTORCH, gpu)) {
        model.warmUp(shape, 10);
        List<ModelOutput> out = model.runAll(input, shape);
        double maxDiff = 0;
        double maxAbs = 0;
        JsonArray shapes = meta.getAsJsonArray("outputs");
        for (int i = 0; i < shapes.size(); i++) {
          float[] expected = floats(dir.resolve(name + ".out" + i + ".f32"));
          float[] actual = out.get(i).values();
          if (actual.length != expected.length) {
            throw new IllegalStateException(name + " output " + i + ": " + actual.length + " values, Python "
                + expected.length);
          }
          for (int v = 0; v < actual.length; v++) {
            maxDiff = Math.max(maxDiff, Math.abs(actual[v] - expected[v]));
            maxAbs = Math.max(maxAbs, Math.abs(expected[v]));
          }
        }
        // Both Java paths, interleaved in blocks after a long warm-up, so that neither gains from running second.
        // From a float[]: the harness's input copied into the predictor's buffer on each call. From the buffer: as a
        // stage runs, preprocessing has written the image into the predictor's buffer; with one predictor the buffer
        // still holds this input from the call before, so nothing is written (Python's side likewise starts from an
        // array already in host memory).
        for (int w = 0; w < 200; w++) {
          answer(name, model.runAll(input, shape));
        }
        List<Double> fromArray = new ArrayList<>();
        List<Double> fromBuffer = new ArrayList<>();
        for (int block = 0; block < 10; block++) {
          fromArray.addAll(times(runs / 10, () -> answer(name, model.runAll(input, shape))));
          model.run(shape, buffer -> buffer.put(input));
          fromBuffer.addAll(times(runs / 10, () -> answer(name, List.of(model.run(shape, buffer -> { })))));
        }
        double javaP50 = median(fromArray);
        double bufferP50 = median(fromBuffer);
        double pythonP50 = meta.get("python_p50_ms").getAsDouble();
        long at100 = 0;
        for (int q = 1; q <= 1000; q++) {
          answer(name, model.runAll(input, shape));
          if (q == 100) {
            at100 = gpuMemoryMiB();
          }
        }
        long at1000 = gpuMemoryMiB();
        String againstFp32 = "";
        if (name.startsWith("dinov3-")) {
          try (PooledModel fp32 = PooledModel.load(dir.resolve("dinov3.pt"), InferenceEngine.PYTORCH,
              new PooledModel.Placement(List.of(Device.gpu(0)), 1, 0))) {
            double[] d = PooledModel.compare(model, fp32, shape, 72);
            againstFp32 = String.format(Locale.ROOT, " (against the fp32 export: %.3g, %.3g of the largest value)",
                d[0], d[0] / d[1]);
          }
        }
        String row = String.format(Locale.ROOT, "| %s | %s | %s | %.3g | %.3g | %.3f | %.3f | %.3f | %.3f | %.3f | %d /"
            + " %d |", name, Arrays.toString(shape), shapes + againstFp32, maxDiff, maxAbs, pythonP50, javaP50,
            javaP50 / pythonP50,
            bufferP50, bufferP50 / pythonP50, at100, at1000);
        System.out.println(row);
        table.append(row).append('\n');
      }
    }
    Files.writeString(dir.resolve("gpu-table.md"), table);
    System.out.print(table);
  }

  private interface Call {
    void run() throws Exception;
  }

  /** {@code runs} timed calls, in milliseconds. */
  private static List<Double> times(int runs, Call call) throws Exception {
    List<Double> times = new ArrayList<>();
    for (int r = 0; r < runs; r++) {
      long start = System.nanoTime();
      call.run();
      times.add((System.nanoTime() - start) / 1e6);
    }
    return times;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted.get(sorted.size() / 2);
  }

  /** What a stage makes of the outputs, so both sides time the same work. */
  private static double answer(String name, List<ModelOutput> out) {
    float[] v = out.get(0).values();
    if (name.equals("mobilenetv4")) {
      return 1 / (1 + Math.exp(v[0] - v[1]));
    }
    if (name.equals("dinov3")) {
      return v[0];
    }
    double max = Double.NEGATIVE_INFINITY;
    for (float x : v) {
      max = Math.max(max, x);
    }
    return 1 / (1 + Math.exp(-max));
  }

  private static long gpuMemoryMiB() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("nvidia-smi", "--query-gpu=memory.used", "--format=csv,noheader,nounits", "-i",
        "0").redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes()).strip();
    p.waitFor();
    return Long.parseLong(text.lines().findFirst().orElse("-1").strip());
  }

  private static float[] floats(Path file) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    float[] values = new float[bytes.remaining() / 4];
    bytes.asFloatBuffer().get(values);
    return values;
  }

  private static long[] longs(JsonArray array) {
    List<Long> values = new ArrayList<>();
    array.forEach(e -> values.add(e.getAsLong()));
    return values.stream().mapToLong(Long::longValue).toArray();
  }
}
