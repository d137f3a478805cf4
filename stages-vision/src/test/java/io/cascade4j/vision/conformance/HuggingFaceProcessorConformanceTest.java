package io.cascade4j.vision.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascade4j.vision.image.ImageDecoder;
import io.cascade4j.vision.preprocess.ModelPreprocessingConfigs;
import io.cascade4j.vision.preprocess.Preprocessing;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code from-huggingface} against transformers 5's image processors themselves on real photos, with both backends
 * (torchvision, what {@code AutoImageProcessor} builds by default, and pil): each processor's own
 * preprocessor_config.json imported, the tensor computed from the PNG bytes, every float compared with the
 * processor's {@code pixel_values} (scripts/conformance/hf_processors.py). Every 8-bit pipeline must be identical;
 * DINOv3's float resize is held to float rounding. Prints the maximum difference per processor for docs/vision.md.
 */
class HuggingFaceProcessorConformanceTest {
  /** DINOv3ViTImageProcessor resizes floats: ATen's vectorised kernel rounds differently in the last bits. */
  private static final double FLOAT_RESIZE_TOLERANCE = 2e-5;
  private static final ImageDecoder DECODER = ImageDecoder.standard();

  static List<Arguments> processors() throws IOException {
    JsonNode g = ConformanceSuite.golden("processors/golden.json");
    List<Arguments> out = new ArrayList<>();
    g.get("processors").properties().forEach(p -> p.getValue().get("backends").fieldNames()
        .forEachRemaining(backend -> out.add(Arguments.of(p.getKey(), backend))));
    return out;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("processors")
  void theImportComputesWhatTheProcessorComputes(String name, String backend) throws Exception {
    JsonNode g = ConformanceSuite.golden("processors/golden.json");
    Path folder = ConformanceSuite.DIR.resolve("processors").resolve(name);
    Preprocessing p = ModelPreprocessingConfigs.huggingFace(folder.resolve("preprocessor_config.json"),
        backend.equals("pil") ? Preprocessing.Backend.PIL : Preprocessing.Backend.TORCHVISION).build();
    double max = 0;
    long differing = 0;
    long total = 0;
    for (JsonNode image : g.get("images")) {
      JsonNode shape = g.get("processors").get(name).get("backends").get(backend).get(image.asText());
      Preprocessing.Prepared prepared = p.prepare(DECODER.decode(
          Files.readAllBytes(ConformanceSuite.DIR.resolve("images").resolve(image.asText()))));
      assertThat(prepared.shape()).as("%s %s %s shape", name, backend, image.asText())
          .containsExactly(shape.get(0).asLong(), shape.get(1).asLong(), shape.get(2).asLong());
      FloatBuffer want = ByteBuffer.wrap(Files.readAllBytes(folder.resolve(backend).resolve(image.asText() + ".f32")))
          .order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
      FloatBuffer ours = FloatBuffer.allocate(want.remaining());
      prepared.writeInto(ours);
      for (int i = 0; i < want.limit(); i++) {
        double d = Math.abs(ours.get(i) - want.get(i));
        max = Math.max(max, d);
        differing += d > 0 ? 1 : 0;
      }
      total += want.limit();
    }
    System.out.printf(Locale.ROOT, "conformance: processor %-18s %-11s %-24s max |diff| %.3g, %d of %d values differ%n",
        name, backend, p.backend(), max, differing, total);
    if (p.backend() == Preprocessing.Backend.TORCHVISION_FLOAT) {
      assertThat(max).as("%s %s max |diff|", name, backend).isLessThan(FLOAT_RESIZE_TOLERANCE);
    } else {
      assertThat(max).as("%s %s max |diff| (%d of %d values differ)", name, backend, differing, total).isZero();
    }
  }
}
