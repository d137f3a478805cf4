package io.cascade4j.benchmarks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * How a model's input reaches DJL's PyTorch engine on the CPU, per call: {@code NDManager.create(float[])} (a direct
 * buffer allocated and zeroed, then the array copied in) against a direct buffer kept by the predictor and reused
 * ({@code PooledModel}'s path: the values written into it, then handed over in place). Batches of 1 and 16 images of
 * 3 x 224 x 224.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class InputPathBenchmark {
  @Param({"1", "16"})
  public int batch;

  private NDManager manager;
  private float[] values;
  private Shape shape;
  private ByteBuffer reused;

  @Setup(Level.Trial)
  public void setUp() {
    manager = NDManager.newBaseManager("PyTorch");
    shape = new Shape(batch, 3, 224, 224);
    values = new float[Math.toIntExact(shape.size())];
    Random random = new Random(7);
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextFloat();
    }
    reused = ByteBuffer.allocateDirect(values.length * Float.BYTES).order(ByteOrder.nativeOrder());
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    manager.close();
  }

  /** Today's DJL path: {@code create(float[])}. */
  @Benchmark
  public float createFromFloatArray() {
    try (NDManager scope = manager.newSubManager()) {
      NDArray x = scope.create(values, shape);
      return x.getFloat(0, 0, 0, 0);
    }
  }

  /** The reused direct buffer: the values written in (as preprocessing does), the buffer handed over in place. */
  @Benchmark
  public float reusedDirectBuffer() {
    try (NDManager scope = manager.newSubManager()) {
      reused.clear();
      reused.asFloatBuffer().put(values);
      NDArray x = scope.create(reused, shape, DataType.FLOAT32);
      return x.getFloat(0, 0, 0, 0);
    }
  }
}
