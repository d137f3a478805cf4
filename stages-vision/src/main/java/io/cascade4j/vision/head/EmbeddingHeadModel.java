package io.cascade4j.vision.head;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade4j.vision.model.PooledModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A trained head loaded back from the directory {@link HeadTraining} wrote: P(roadwork) from an embedding. */
public final class EmbeddingHeadModel implements AutoCloseable {
  private final HeadSpec spec;
  private final PooledModel model;

  private EmbeddingHeadModel(HeadSpec spec, PooledModel model) {
    this.spec = spec;
    this.model = model;
  }

  /**
   * Loads {@code head.json} and the parameters from {@code dir}.
   *
   * @throws IOException if either is missing or they disagree
   */
  public static EmbeddingHeadModel load(Path dir, int poolSize) throws IOException {
    Path specFile = dir.resolve(HeadTraining.SPEC_FILE);
    if (!Files.isRegularFile(specFile)) {
      throw new IOException("no " + HeadTraining.SPEC_FILE + " in " + dir.toAbsolutePath()
          + "; train a head first (./cascade4j train-head)");
    }
    JsonNode j = new ObjectMapper().readTree(specFile.toFile());
    HeadSpec spec;
    try {
      spec = new HeadSpec(j.path("kind").asText(""), j.path("input_dim").asInt(0), j.path("hidden_dim").asInt(0),
          j.path("dropout").asDouble(0));
    } catch (IllegalArgumentException e) {
      throw new IOException(specFile + ": " + e.getMessage(), e);
    }
    String params = parameterFile(dir);
    PooledModel model;
    try {
      model = PooledModel.loadBlock(dir, HeadTraining.PARAMS_NAME, spec.block(), poolSize);
    } catch (IOException | RuntimeException e) {
      throw damaged(dir, params, e);
    }
    EmbeddingHeadModel head = new EmbeddingHeadModel(spec, model);
    // DJL loads a damaged file without complaint (random bytes leave parameters uninitialised, which fails every
    // query later), so one forward pass on a zero embedding proves the head whole before anyone relies on it.
    try {
      double p = head.probabilities(new float[spec.inputDim()], 1)[0];
      if (!Double.isFinite(p)) {
        throw new IllegalStateException("its output on a zero embedding is " + p);
      }
      return head;
    } catch (RuntimeException e) {
      head.close();
      throw damaged(dir, params, e);
    } catch (InterruptedException e) {
      head.close();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while checking the head in " + dir.toAbsolutePath(), e);
    }
  }

  private static String parameterFile(Path dir) throws IOException {
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString())
          .filter(f -> f.startsWith(HeadTraining.PARAMS_NAME) && f.endsWith(".params"))
          .sorted().reduce((a, b) -> b)
          .orElseThrow(() -> new IOException("no " + HeadTraining.PARAMS_NAME + "-*.params in " + dir.toAbsolutePath()
              + "; train a head first (./cascade4j train-head)"));
    }
  }

  private static IOException damaged(Path dir, String params, Exception cause) {
    String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new IOException("the head parameters " + dir.toAbsolutePath().resolve(params) + " are damaged or incomplete ("
        + why + "); train the head again (./cascade4j train-head) or restore the file", cause);
  }

  public HeadSpec spec() {
    return spec;
  }

  /** P(positive) for each of {@code rows} embeddings laid out one after another. */
  public double[] probabilities(float[] embeddings, int rows) throws InterruptedException {
    if (embeddings.length != rows * spec.inputDim()) {
      throw new IllegalArgumentException("the head takes " + spec.inputDim() + "-value embeddings, got "
          + embeddings.length + " values for " + rows + " rows");
    }
    float[] z = model.run(embeddings, new long[] {rows, spec.inputDim()}).values();
    double[] p = new double[rows];
    for (int i = 0; i < rows; i++) {
      p[i] = 1.0 / (1.0 + Math.exp(-z[i]));
    }
    return p;
  }

  @Override
  public void close() {
    model.close();
  }
}
