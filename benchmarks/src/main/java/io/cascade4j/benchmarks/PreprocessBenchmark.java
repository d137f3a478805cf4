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
 * written into a reused direct buffer (a model's input). Sizes: 224x224 (January challenges), 1024x1024 (2026
 * synthetic images) and 1920x1080 (2026 frames); {@code decode=reduced} lets large JPEGs decode at reduced scale
 * ({@code preprocessing: {decode: reduced}}). With {@code -p imageDir=DIR} the JPEGs are read from {@code
 * DIR/WxH.jpg} (the files scripts/bench/image-path.sh gives the Python peer too). Run: {@code ./cascade4j bench --jmh
 * PreprocessBenchmark -f 1}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PreprocessBenchmark {
  @Param({"224x224", "1024x1024", "1920x1080"})
  public String size;

  @Param({"exact", "reduced"})
  public String decode;

  @Param({""})
  public String imageDir;

  private final ImageDecoder decoder = ImageDecoder.standard();
  private Preprocessing preprocessing;
  private final FloatBuffer input = ByteBuffer.allocateDirect(3 * 224 * 224 * 4).order(ByteOrder.nativeOrder())
      .asFloatBuffer();
  private byte[] jpeg;

  @Setup(Level.Trial)
  public void encode() throws java.io.IOException {
    jpeg = imageDir.isEmpty() ? NoisyGradientJpeg.of(size, 11)
        : java.nio.file.Files.readAllBytes(java.nio.file.Path.of(imageDir, size + ".jpg"));
    preprocessing = Preprocessing.builder().resizeShorterSide(256).interpolation(Interpolation.BICUBIC)
        .centerCrop(224, 224).normalization(Normalization.IMAGENET).reducedDecode(decode.equals("reduced")).build();
  }

  @Benchmark
  public FloatBuffer decodeAndPreprocess() {
    input.clear();
    preprocessing.prepare(decoder.decode(jpeg, preprocessing.decodeScale())).writeInto(input);
    return input;
  }
}
