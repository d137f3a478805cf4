package io.cascade4j.detection.evidence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cascade4j.api.Answer;
import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.Query;
import io.cascade4j.core.CascadeListener;
import io.cascade4j.core.ProviderRegistry;
import io.cascade4j.core.config.CascadeConfig;
import io.cascade4j.core.config.CascadeConfigLoader;
import io.cascade4j.core.config.StageConfig;
import io.cascade4j.core.config.StepConfig;
import io.cascade4j.core.evaluation.BinaryMetrics;
import io.cascade4j.core.evaluation.Evaluation;
import io.cascade4j.core.evaluation.LabelledImages;
import io.cascade4j.core.evaluation.LogisticFit;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code fit-rule} command: fits a {@link LogisticRule} to labelled images from the objects one stage (a detector,
 * the hazard stage, or a box-fusion group) reports on them, and writes it as JSON for {@code rule: {fitted: FILE}}.
 *
 * <pre>{@code
 * ./cascade4j fit-rule --config cascade.yaml --stage yolo --images data/labelled --out rules/yolo-rule.json \
 *     [--roles cone,worker,barrier] [--l2 1.0]
 * }</pre>
 *
 * The L2 penalty (default 1, scikit-learn's {@code C = 1}) keeps the weights finite when the labelled set is small or
 * separable, as photo sets of a few dozen images are. The metrics written with the rule are on the training images:
 * measure the cascade that uses it with {@code ./cascade4j eval} on images it was not fitted on.
 */
public final class FitObjectRule {
  private FitObjectRule() {}

  /**
   * Fits the rule: one row of features per image ({@link LogisticRule#features} for each role, in order).
   *
   * @throws IllegalArgumentException if the rows and labels do not pair up, or there are no roles
   */
  public static LogisticRule fit(List<List<DetectedObjects.Found>> objects, int[] labels, List<String> roles,
      double l2) {
    if (roles.isEmpty()) {
      throw new IllegalArgumentException("no roles to fit: the stage found no objects, and none were named");
    }
    double[][] features = new double[objects.size()][];
    for (int i = 0; i < features.length; i++) {
      features[i] = featureRow(objects.get(i), roles);
    }
    LogisticFit fit = LogisticFit.fit(features, labels, true, l2);
    Map<String, LogisticRule.RoleWeights> weights = new LinkedHashMap<>();
    for (int r = 0; r < roles.size(); r++) {
      weights.put(roles.get(r), new LogisticRule.RoleWeights(fit.weights()[2 * r], fit.weights()[2 * r + 1]));
    }
    return new LogisticRule(fit.intercept(), weights);
  }

  private static double[] featureRow(List<DetectedObjects.Found> found, List<String> roles) {
    double[] row = new double[2 * roles.size()];
    for (int r = 0; r < roles.size(); r++) {
      double[] f = LogisticRule.features(roles.get(r), found);
      row[2 * r] = f[0];
      row[2 * r + 1] = f[1];
    }
    return row;
  }

  /**
   * Runs {@code stage} of {@code config} on {@code items}, fits the rule and writes it to {@code out}, with how it was
   * fitted and its training metrics under {@code fit}.
   *
   * @throws ConfigurationException if the cascade has no such step or member, or it cannot be built
   */
  public static LogisticRule run(CascadeConfig config, String stage, List<LabelledImages.Item> items,
      List<String> roles, double l2, Path out, PrintStream log) throws ConfigurationException, IOException {
    return run(config, stage, items, roles, l2, out, log, done -> {});
  }

  /**
   * Like {@link #run(CascadeConfig, String, List, List, double, Path, PrintStream)}, telling {@code progress} how many
   * images the stage has run on so far.
   */
  public static LogisticRule run(CascadeConfig config, String stage, List<LabelledImages.Item> items,
      List<String> roles, double l2, Path out, PrintStream log, java.util.function.IntConsumer progress)
      throws ConfigurationException, IOException {
    List<String> names = names(config);
    if (!names.contains(stage)) {
      throw new IllegalArgumentException("the cascade has no stage or group named '" + stage + "'; it has " + names);
    }
    Map<String, Object> extras = new ConcurrentHashMap<>();
    CascadeListener capture = new CascadeListener() {
      @Override
      public void answered(String cascade, Query query, Answer answer) {
        answer.outcome(stage).map(o -> o.evidence().extras().get(DetectedObjects.EXTRA))
            .ifPresent(objects -> extras.put(query.id(), objects));
      }
    };
    Evaluation.run(config, ProviderRegistry.discover(), items, progress, capture);
    List<List<DetectedObjects.Found>> objects = new ArrayList<>();
    int[] labels = new int[items.size()];
    for (int i = 0; i < items.size(); i++) {
      Object extra = extras.get(items.get(i).name());
      if (extra == null) {
        throw new IllegalArgumentException("stage '" + stage + "' reported no objects on " + items.get(i).name()
            + " (it failed, timed out, or is not a detector); fix that image or the stage first");
      }
      objects.add(DetectedObjects.read(extra));
      labels[i] = items.get(i).label();
    }
    List<String> fitted = roles.isEmpty() ? new ArrayList<>(new TreeSet<>(objects.stream().flatMap(List::stream)
        .map(DetectedObjects.Found::role).toList())) : roles;
    LogisticRule rule = fit(objects, labels, fitted, l2);
    double[] p = objects.stream().mapToDouble(rule::probability).toArray();
    BinaryMetrics metrics = BinaryMetrics.of(p, labels);
    Map<String, Object> fit = new LinkedHashMap<>();
    fit.put("command", "fit-rule");
    fit.put("stage", stage);
    fit.put("images", items.size());
    fit.put("positives", Arrays.stream(labels).sum());
    fit.put("features", "per role: log(1 + count), max score");
    fit.put("l2", l2);
    fit.put("training-log-loss", logLoss(p, labels));
    fit.put("training-accuracy", metrics.accuracy());
    fit.put("training-mcc", metrics.mcc());
    fit.put("training-roc-auc", metrics.rocAuc());
    Files.createDirectories(out.toAbsolutePath().getParent());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), rule.toJson(fit));
    log.printf(Locale.ROOT, "fitted on %d images (%d positive): training accuracy %.3f, MCC %.3f, log loss %.4f%n",
        items.size(), Arrays.stream(labels).sum(), metrics.accuracy(), metrics.mcc(), logLoss(p, labels));
    log.println("wrote " + out + "; use it with  rule: {fitted: " + out + "}");
    return rule;
  }

  private static List<String> names(CascadeConfig config) {
    List<String> names = new ArrayList<>();
    for (StepConfig step : config.steps()) {
      names.add(step.name());
      if (step instanceof StepConfig.Group group) {
        group.members().stream().map(StageConfig::name).forEach(names::add);
      }
    }
    return names;
  }

  private static double logLoss(double[] p, int[] y) {
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      double q = Math.min(1 - 1e-15, Math.max(1e-15, p[i]));
      sum -= y[i] == 1 ? Math.log(q) : Math.log(1 - q);
    }
    return sum / p.length;
  }
}
