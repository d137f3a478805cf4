package io.cascade4j.benchmarks;

import io.cascade4j.vision.image.ImageDecoder;
import io.cascade4j.vision.image.RgbImage;
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
 * What decoding one SN72 challenge costs since validators send native sizes (May 2026): JPEG quality 75 at 224x224
 * (the January challenges), 1024x1024 (synthetic images), 1920x1080 (camera frames), and 6300x6300 (40 Mpx, the
 * pixel limit: decoded at 1/2 scale by the decode budget, 3150x3150). The picture is a gradient with noise, so the
 * entropy decoder has real work. Run: {@code ./cascade4j bench --jmh DecodeBenchmark -f 1 -wi 3 -i 5}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DecodeBenchmark {
  @Param({"224x224", "1024x1024", "1920x1080", "6300x6300"})
  public String size;

  private final ImageDecoder decoder = ImageDecoder.standard();
  private byte[] jpeg;

  @Setup(Level.Trial)
  public void encode() {
    jpeg = NoisyGradientJpeg.of(size, 7);
  }

  @Benchmark
  public RgbImage decode() {
    return decoder.decode(jpeg);
  }
}
