package io.cascade4j.core.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The scikit-learn golden values made by {@code scripts/fixtures/evaluation_metrics.py}. */
final class GoldenValues {
  private GoldenValues() {}

  static JsonNode load(String section) {
    try (InputStream in = GoldenValues.class.getResourceAsStream("/evaluation/sklearn-metrics.json")) {
      return new ObjectMapper().readTree(in).get(section);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static double[] doubles(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asDouble();
    }
    return out;
  }

  static int[] ints(JsonNode array) {
    int[] out = new int[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asInt();
    }
    return out;
  }
}
