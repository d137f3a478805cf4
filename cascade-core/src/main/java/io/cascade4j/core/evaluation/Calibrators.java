package io.cascade4j.core.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Probability calibration fitted on labelled data: Platt scaling and temperature scaling ({@link LogisticFit} on the
 * logit of the probability, with and without an intercept) and isotonic regression (pool-adjacent-violators with
 * linear interpolation and clipping, as scikit-learn's {@code IsotonicRegression(out_of_bounds="clip")}).
 */
public final class Calibrators {
  private Calibrators() {}

  /** A fitted calibration: a monotone map of probabilities to probabilities. */
  public sealed interface Calibrator permits Logistic, Isotonic {
    /** The calibrated probability. */
    double apply(double probability);
  }

  /**
   * {@code sigmoid(slope * logit(p) + intercept)}; temperature scaling is the case {@code intercept = 0}, with
   * temperature {@code 1 / slope}.
   *
   * @param slope the weight of the logit
   * @param intercept the bias
   */
  public record Logistic(double slope, double intercept) implements Calibrator {
    @Override
    public double apply(double probability) {
      return sigmoid(slope * logit(probability) + intercept);
    }
  }

  /**
   * A non-decreasing step-and-ramp function through fitted points, clipped beyond them.
   *
   * @param x the fitted inputs, increasing
   * @param y the fitted outputs, non-decreasing
   */
  public record Isotonic(double[] x, double[] y) implements Calibrator {
    @Override
    public double apply(double probability) {
      if (probability <= x[0]) {
        return y[0];
      }
      if (probability >= x[x.length - 1]) {
        return y[y.length - 1];
      }
      int hi = Arrays.binarySearch(x, probability);
      if (hi >= 0) {
        return y[hi];
      }
      hi = -hi - 1;
      int lo = hi - 1;
      return y[lo] + (y[hi] - y[lo]) * (probability - x[lo]) / (x[hi] - x[lo]);
    }
  }

  /**
   * The calibrator a stage's {@code calibration:} setting describes: {@code {type: platt, slope, intercept}}, {@code
   * {type: temperature, slope}} or {@code {type: isotonic, x: [...], y: [...]}}.
   *
   * @throws io.cascade4j.api.ConfigurationException naming every problem with its key path
   */
  public static Calibrator fromConfig(io.cascade4j.core.config.ComponentConfig config, String path)
      throws io.cascade4j.api.ConfigurationException {
    io.cascade4j.api.Settings settings = io.cascade4j.api.Settings.of(path, config.settings());
    Calibrator calibrator;
    switch (config.type()) {
      case "platt", "temperature" -> {
        double slope = settings.doubleValue("slope");
        double intercept = config.type().equals("platt") ? settings.doubleValue("intercept", 0.0) : 0.0;
        calibrator = new Logistic(slope, intercept);
      }
      case "isotonic" -> {
        double[] x = numbers(settings, "x");
        double[] y = numbers(settings, "y");
        if (settings.problems().isEmpty()) {
          if (x.length == 0 || x.length != y.length) {
            settings.problem("x", "x and y must be non-empty and of one length, got " + x.length + " and " + y.length);
          } else {
            for (int i = 0; i < x.length; i++) {
              if ((i > 0 && (x[i] <= x[i - 1] || y[i] < y[i - 1])) || y[i] < 0 || y[i] > 1) {
                settings.problem("y", "x must increase and y stay non-decreasing within [0, 1] (at index " + i + ")");
                break;
              }
            }
          }
        }
        calibrator = new Isotonic(x, y);
      }
      default -> {
        settings.problem("type", "unknown calibration '" + config.type() + "'; use platt, temperature or isotonic");
        calibrator = null;
      }
    }
    settings.validate();
    return calibrator;
  }

  private static double[] numbers(io.cascade4j.api.Settings settings, String key) {
    List<String> values = settings.stringList(key);
    double[] out = new double[values.size()];
    for (int i = 0; i < out.length; i++) {
      try {
        out[i] = Double.parseDouble(values.get(i));
      } catch (NumberFormatException e) {
        settings.problem(key + "[" + i + "]", "must be a number, got '" + values.get(i) + "'");
      }
    }
    return out;
  }

  /** The setting that {@link #fromConfig} reads back. */
  public static io.cascade4j.core.config.ComponentConfig toConfig(Calibrator calibrator) {
    return switch (calibrator) {
      case Logistic l -> io.cascade4j.core.config.ComponentConfig.of("platt",
          java.util.Map.of("slope", l.slope(), "intercept", l.intercept()));
      case Isotonic i -> io.cascade4j.core.config.ComponentConfig.of("isotonic",
          java.util.Map.of("x", Arrays.stream(i.x()).boxed().toList(), "y", Arrays.stream(i.y()).boxed().toList()));
    };
  }

  /** Platt scaling: slope and intercept on the logit. */
  public static Logistic platt(double[] probabilities, int[] labels) {
    return fit(probabilities, labels, true);
  }

  /** Temperature scaling: a slope on the logit, no intercept. */
  public static Logistic temperature(double[] probabilities, int[] labels) {
    return fit(probabilities, labels, false);
  }

  private static Logistic fit(double[] probabilities, int[] labels, boolean intercept) {
    check(probabilities, labels);
    double[][] features = new double[labels.length][];
    for (int i = 0; i < labels.length; i++) {
      features[i] = new double[] {logit(probabilities[i])};
    }
    LogisticFit fit = LogisticFit.fit(features, labels, intercept);
    return new Logistic(fit.weights()[0], fit.intercept());
  }

  /** Isotonic regression of the labels on the probabilities. */
  public static Isotonic isotonic(double[] probabilities, int[] labels) {
    check(probabilities, labels);
    Integer[] order = IntStream.range(0, labels.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> probabilities[i]));
    // Equal inputs become one point with their mean label and their count as weight.
    List<double[]> points = new ArrayList<>(); // {x, y sum, weight}
    for (int i : order) {
      double[] last = points.isEmpty() ? null : points.getLast();
      if (last != null && last[0] == probabilities[i]) {
        last[1] += labels[i];
        last[2] += 1;
      } else {
        points.add(new double[] {probabilities[i], labels[i], 1});
      }
    }
    // Pool adjacent violators over blocks of points.
    int n = points.size();
    double[] value = new double[n];
    double[] weight = new double[n];
    int[] end = new int[n]; // last point index of each block
    int blocks = 0;
    for (int i = 0; i < n; i++) {
      value[blocks] = points.get(i)[1] / points.get(i)[2];
      weight[blocks] = points.get(i)[2];
      end[blocks] = i;
      blocks++;
      while (blocks > 1 && value[blocks - 2] >= value[blocks - 1]) {
        double w = weight[blocks - 2] + weight[blocks - 1];
        value[blocks - 2] = (value[blocks - 2] * weight[blocks - 2] + value[blocks - 1] * weight[blocks - 1]) / w;
        weight[blocks - 2] = w;
        end[blocks - 2] = end[blocks - 1];
        blocks--;
      }
    }
    double[] x = new double[n];
    double[] y = new double[n];
    for (int b = 0, i = 0; b < blocks; b++) {
      for (; i <= end[b]; i++) {
        x[i] = points.get(i)[0];
        y[i] = value[b];
      }
    }
    return new Isotonic(x, y);
  }

  private static void check(double[] probabilities, int[] labels) {
    BinaryMetrics.of(probabilities, labels); // validates lengths, ranges and labels with clear messages
  }

  static double logit(double p) {
    double q = Math.min(1 - 1e-15, Math.max(1e-15, p));
    return Math.log(q / (1 - q));
  }

  static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }
}
