package io.cascade4j.vision.zeroshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Text-prompt embeddings computed offline with the text tower of the image encoder's model (CLIP, SigLIP), L2
 * normalised on load. The file:
 *
 * <pre>{@code
 * {"model": "google/siglip-base-patch16-224", "dimension": 768,
 *  "positive": [{"prompt": "a photo of road work", "embedding": [0.01, ...]}, ...],
 *  "negative": [{"prompt": "a photo of an empty street", "embedding": [...]}, ...]}
 * }</pre>
 *
 * @param model which model made them, to catch a mismatch with the image encoder by eye
 * @param positive normalised embeddings of the prompts that mean roadwork
 * @param negative normalised embeddings of the others
 * @param prompts the prompt texts, positives first
 */
public record PromptEmbeddings(String model, List<float[]> positive, List<float[]> negative, List<String> prompts) {
  private static final long MAX_BYTES = 64L << 20;

  /** The embedding size. */
  public int dimension() {
    return positive.getFirst().length;
  }

  /**
   * Reads {@code file}.
   *
   * @throws IOException naming the file and what is wrong with it
   */
  public static PromptEmbeddings read(Path file) throws IOException {
    if (!Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
      throw new IOException(file.toAbsolutePath() + " is not a prompt-embedding file of at most 64 MiB");
    }
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    List<String> prompts = new ArrayList<>();
    List<float[]> positive = embeddings(root, "positive", file, prompts);
    List<float[]> negative = embeddings(root, "negative", file, prompts);
    if (positive.isEmpty() || negative.isEmpty()) {
      throw new IOException(file + " needs at least one positive and one negative prompt");
    }
    int d = positive.getFirst().length;
    if (root.has("dimension") && root.path("dimension").asInt() != d) {
      throw new IOException(file + " says dimension " + root.path("dimension").asInt() + " but its embeddings have "
          + d + " values");
    }
    for (float[] e : concat(positive, negative)) {
      if (e.length != d) {
        throw new IOException(file + ": embeddings of " + d + " and " + e.length + " values; all need the same size");
      }
    }
    return new PromptEmbeddings(root.path("model").asText("unknown"), positive, negative, List.copyOf(prompts));
  }

  private static List<float[]> concat(List<float[]> a, List<float[]> b) {
    List<float[]> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static List<float[]> embeddings(JsonNode root, String key, Path file, List<String> prompts)
      throws IOException {
    List<float[]> out = new ArrayList<>();
    JsonNode list = root.path(key);
    for (int i = 0; i < list.size(); i++) {
      JsonNode values = list.get(i).path("embedding");
      if (!values.isArray() || values.isEmpty()) {
        throw new IOException(file + ": " + key + "[" + i + "] has no embedding array");
      }
      float[] e = new float[values.size()];
      for (int j = 0; j < e.length; j++) {
        if (!values.get(j).isNumber()) {
          throw new IOException(file + ": " + key + "[" + i + "].embedding[" + j + "] is not a number");
        }
        e[j] = (float) values.get(j).asDouble();
      }
      out.add(normalised(e, file + ": " + key + "[" + i + "]"));
      prompts.add(list.get(i).path("prompt").asText(key + " " + i));
    }
    return out;
  }

  /** {@code v} divided by its L2 norm. */
  static float[] normalised(float[] v, String what) throws IOException {
    double norm = 0;
    for (float x : v) {
      norm += (double) x * x;
    }
    norm = Math.sqrt(norm);
    if (!(norm > 0) || !Double.isFinite(norm)) {
      throw new IOException(what + " has a zero or non-finite norm");
    }
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] / norm);
    }
    return out;
  }
}
