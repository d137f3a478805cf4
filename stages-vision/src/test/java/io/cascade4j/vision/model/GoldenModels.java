package io.cascade4j.vision.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** The tiny models and golden outputs written by {@code scripts/fixtures/vision_models.py}. */
public final class GoldenModels {
  private static final JsonNode GOLDEN = load();

  private GoldenModels() {}

  /** A model file in test resources, e.g. {@code tiny-classifier.onnx}. */
  public static Path model(String file) {
    try {
      return Path.of(GoldenModels.class.getResource("/models/" + file).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing /models/" + file + "; run scripts/fixtures/vision_models.py", e);
    }
  }

  /** The preprocessed small.png, as torchvision made it. */
  public static float[] input() {
    return floats(GOLDEN.get("input"));
  }

  public static long[] inputShape() {
    JsonNode s = GOLDEN.get("input_shape");
    long[] shape = new long[s.size()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = s.get(i).asLong();
    }
    return shape;
  }

  /** What Python computed for the model {@code name} (without extension) on {@link #input()}. */
  public static float[] output(String name) {
    return floats(GOLDEN.get("outputs").get(name));
  }

  private static float[] floats(JsonNode array) {
    float[] out = new float[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) array.get(i).asDouble();
    }
    return out;
  }

  private static JsonNode load() {
    try (InputStream in = GoldenModels.class.getResourceAsStream("/models/golden.json")) {
      if (in == null) {
        throw new IllegalStateException("missing /models/golden.json; run scripts/fixtures/vision_models.py");
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
