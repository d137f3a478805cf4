package io.cascade4j.benchmarks;

import io.cascade4j.vision.image.ImageDecoder;
import io.cascade4j.vision.preprocess.Interpolation;
import io.cascade4j.vision.preprocess.Normalization;
import io.cascade4j.vision.preprocess.Preprocessing;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
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

/**
 * A classifier stage's image path per query, as issue 19 measured it against PIL + torchvision: decode a JPEG q75,
 * {@code Resize(256)} bicubic antialiased (PIL-exact), {@code CenterCrop(224)}, ImageNet normalisation, CHW float32
 * written into a reused direct buffer (a model's input). Sizes: 224x224 (January challenges) and 1920x1080 (2026
 * frames). Run: {@code ./cascade4j bench --jmh PreprocessBenchmark -f 1}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PreprocessBenchmark {
  @Param({"224x224", "1920x1080"})
  public String size;

  private final ImageDecoder decoder = ImageDecoder.standard();
  private final Preprocessing preprocessing = Preprocessing.builder().resizeShorterSide(256)
      .interpolation(Interpolation.BICUBIC).centerCrop(224, 224).normalization(Normalization.IMAGENET).build();
  private final FloatBuffer input = ByteBuffer.allocateDirect(3 * 224 * 224 * 4).order(ByteOrder.nativeOrder())
      .asFloatBuffer();
  private byte[] jpeg;

  @Setup(Level.Trial)
  public void encode() {
    jpeg = NoisyGradientJpeg.of(size, 11);
  }

  @Benchmark
  public FloatBuffer decodeAndPreprocess() {
    input.clear();
    preprocessing.prepare(decoder.decode(jpeg)).writeInto(input);
    return input;
  }
}
