package io.cascade4j.core.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.cascade4j.api.ConfigurationException;
import io.cascade4j.core.OperatingPoint;
import io.cascade4j.core.ProviderRegistry;
import io.cascade4j.core.config.CascadeConfig;
import io.cascade4j.core.config.ComponentConfig;
import io.cascade4j.core.config.FallbackConfig;
import io.cascade4j.core.config.StageConfig;
import io.cascade4j.core.config.StepConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Fits a cascade's exit thresholds from an evaluation table and writes a new cascade file with a provenance block.
 *
 * <p>First every stage gets Platt scaling fitted to its opinions (unless it is calibrated already). Then every step
 * before the last (a stage, or a group on its ensemble's evidence) gets a symmetric band exit chosen by
 * {@link LearnThenTest} against the decision of running every stage, with {@code alpha / k} and {@code delta / k}
 * for the {@code k} such steps (a union bound), so that with probability at least {@code 1 - delta} the early exits
 * together change at most an {@code alpha} share of decisions. A step for which no band can be shown safe never
 * exits. The last step keeps its exit, which decides nothing early. Before that, each parallel group's ensemble
 * becomes logistic stacking of its members' logits fitted on the labels (the members' correlation is recorded).
 * Finally the MCC-optimal cut of the calibrated cascade's answers becomes its operating point, remapped to 0.5 for the
 * validator's rounding.
 *
 * <p>With {@link Exits#KEEP} the exits stay as configured and only the probabilities (Platt scaling, stacking) and the
 * operating point are fitted. Learn-then-Test certifies exits against running every stage, which assumes the later
 * stages are the better ones; in a cascade ordered by cost where the first stage is also the strongest (a pretrained
 * photo gate before weight-free object counts), "agree with the last stage" is the wrong goal, and fitting exits
 * toward it makes the cascade worse.
 */
public final class CascadeCalibration {
  private CascadeCalibration() {}

  /** What calibration does with the cascade's early exits. */
  public enum Exits {
    /** Fit each step's band by Learn-then-Test against running every stage (the default). */
    FIT,
    /** Keep every exit as configured; fit only the probabilities and the operating point. */
    KEEP
  }

  /**
   * The calibrated configuration and the reasons for it.
   *
   * @param config the cascade with fitted exits
   * @param choices the choice made for each calibrated step
   * @param provenance what the numbers rest on, written into the file
   */
  public record Result(CascadeConfig config, Map<String, LearnThenTest.Choice> choices, Map<String, Object> provenance) {}

  /** Fits the exits of {@code config} on {@code table}. */
  public static Result calibrate(CascadeConfig config, ProviderRegistry registry, Evaluation.Table original,
      double alpha, double delta, String data) throws ConfigurationException {
    return calibrate(config, registry, original, alpha, delta, data, Exits.FIT);
  }

  /** Calibrates {@code config} on {@code table}, fitting its exits or keeping them as {@code exits} says. */
  public static Result calibrate(CascadeConfig config, ProviderRegistry registry, Evaluation.Table original,
      double alpha, double delta, String data, Exits exits) throws ConfigurationException {
    List<String> absent = config.steps().stream().map(StepConfig::name).filter(n -> !original.entries().contains(n))
        .toList();
    if (!absent.isEmpty()) {
      throw new ConfigurationException(List.of(new io.cascade4j.api.Problem("stages", "cannot calibrate " + absent
          + ": left out here (optional, and they could not be created); calibrate where every stage runs")));
    }
    checkEnoughData(original, alpha, delta, exits == Exits.KEEP ? 0 : Math.max(1, config.steps().size() - 1));
    // Each stage's probabilities are Platt-scaled first (a stage calibrated already keeps its calibration), and the
    // table's columns with them, so that everything after is fitted on calibrated evidence.
    Map<String, StageConfig> stagesCalibrated = new LinkedHashMap<>();
    Evaluation.Table table = original;
    for (StepConfig step : config.steps()) {
      List<StageConfig> stages = step instanceof StepConfig.Group group ? group.members()
          : List.of(((StepConfig.Single) step).stage());
      for (StageConfig stage : stages) {
        PlattColumn fitted = stage.calibration() == null ? platt(table, stage.name()) : null;
        if (fitted == null) {
          stagesCalibrated.put(stage.name(), stage);
        } else {
          stagesCalibrated.put(stage.name(), stage.withCalibration(Calibrators.toConfig(fitted.calibrator())));
          table = fitted.table();
        }
      }
    }
    // Groups next: their ensembles become logistic stacking fitted on the labels, and the table's group columns are
    // recomputed with them, so that the exits below are fitted on the evidence the new cascade will see.
    Map<String, Object> stacking = new LinkedHashMap<>();
    Map<String, ComponentConfig> ensembles = new LinkedHashMap<>();
    for (StepConfig step : config.steps()) {
      if (step instanceof StepConfig.Group group) {
        Stacked stacked = stack(table, group);
        ensembles.put(group.name(), stacked.ensemble());
        stacking.put(group.name(), stacked.description());
        table = stacked.table();
      }
    }
    int n = table.images().size();
    int[] full = new int[n];
    for (int i = 0; i < n; i++) {
      full[i] = fullDecision(config, table, i);
    }
    List<StepConfig> steps = config.steps();
    int k = Math.max(1, steps.size() - 1);
    CascadeConfig.Builder builder = CascadeConfig.builder(config.name()).deadline(config.deadline())
        .fallback(config.fallback());
    Map<String, LearnThenTest.Choice> choices = new LinkedHashMap<>();
    for (int s = 0; s < steps.size(); s++) {
      StepConfig step = steps.get(s);
      ComponentConfig exit = step.exit();
      if (s < steps.size() - 1 && exits == Exits.FIT) {
        int entry = table.entries().indexOf(step.name());
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
          double value = table.probabilities()[i][entry];
          p[i] = value < 0 ? 0.5 : value; // no opinion never exits
        }
        LearnThenTest.Choice choice = LearnThenTest.choose(p, full, alpha / k, delta / k, 100);
        choices.put(step.name(), choice);
        exit = choice.margin() >= 0.5 ? ComponentConfig.of("never")
            : choice.margin() == 0 ? ComponentConfig.of("always") // safe to answer whatever the step says
            : ComponentConfig.of("band", Map.of("low", round(choice.low()), "high", round(choice.high())));
      }
      switch (step) {
        case StepConfig.Single single -> builder.stage(stagesCalibrated.get(single.name()), exit);
        case StepConfig.Group group -> builder.parallel(group.name(),
            group.members().stream().map(m -> stagesCalibrated.get(m.name())).toList(),
            ensembles.get(group.name()), exit, group.timeout());
      }
    }
    // The operating point: the MCC-optimal cut of the calibrated cascade's answers, remapped to 0.5.
    CascadeConfig exitsFitted = builder.operatingPoint(null).build();
    double[] answers = Evaluation.replay(exitsFitted, registry, table).stream()
        .mapToDouble(Evaluation.Replayed::probability).toArray();
    OperatingPoint cut = MccOptimalCut.find(answers, table.labels());
    builder.operatingPoint(cut);
    Map<String, Object> provenance = new LinkedHashMap<>();
    provenance.put("calibrated-at", Instant.now().toString());
    provenance.put("data", data);
    provenance.put("images", n);
    provenance.put("alpha", alpha);
    provenance.put("delta", delta);
    provenance.put("table", table.fingerprint());
    provenance.put("exits", exits == Exits.FIT ? "fitted by Learn-then-Test against running every stage"
        : "kept as configured (calibrate --exits keep): no guarantee about them; probabilities and the operating"
            + " point fitted");
    if (!stacking.isEmpty()) {
      provenance.put("stacking", stacking);
    }
    Map<String, String> guarantees = new LinkedHashMap<>();
    choices.forEach((name, choice) -> guarantees.put(name, choice.guarantee()));
    provenance.put("guarantees", guarantees);
    provenance.put("operating-point", String.format(java.util.Locale.ROOT,
        "%.6f maximises MCC (%.4f) of the calibrated cascade on the calibration data; answers are remapped so that it"
            + " lands on 0.5, a positive never exactly 0.5", cut.threshold(),
        MccOptimalCut.mccAt(answers, table.labels(), cut.threshold())));
    return new Result(builder.build(), choices, provenance);
  }

  /**
   * What a calibration is worth on images it did not see, for the few labelled images real photos come in: the
   * whole procedure (Platt scaling, stacking, exits, operating point) fitted on {@code folds - 1} folds and the result
   * replayed on the fold left out, every image left out once; the decisions at 0.5 pooled over the folds.
   *
   * @param folds how many folds (stratified: each holds its share of both classes)
   * @param pooled the held-out decisions of every fold together
   * @param foldAccuracy each fold's accuracy on its held-out images
   * @param inSampleMcc MCC of the calibration fitted on all images, on those same images (optimistic)
   */
  public record CrossValidation(int folds, BinaryMetrics.ConfusionMatrix pooled, double[] foldAccuracy,
      double inSampleMcc) {
    public double accuracy() {
      long n = pooled.tn() + pooled.fp() + pooled.fn() + pooled.tp();
      return n == 0 ? Double.NaN : (double) (pooled.tn() + pooled.tp()) / n;
    }

    public double mcc() {
      return pooled.mcc();
    }

    /** One line for the file's provenance and the console. */
    public String describe() {
      double min = java.util.Arrays.stream(foldAccuracy).min().orElse(Double.NaN);
      double max = java.util.Arrays.stream(foldAccuracy).max().orElse(Double.NaN);
      return String.format(java.util.Locale.ROOT, "%d-fold cross-validation of the whole calibration: accuracy %.3f"
          + " (folds %.3f-%.3f), MCC %.3f out of sample, against MCC %.3f in sample; with this few images expect the"
          + " out-of-sample figures, not the in-sample ones", folds, accuracy(), min, max, mcc(), inSampleMcc);
    }
  }

  /**
   * {@link CrossValidation} of {@link #calibrate} on {@code table}, folds assigned by a seeded shuffle within each
   * class; {@code onAll} is the calibration already fitted on the whole table, whose in-sample MCC is reported
   * beside the out-of-sample one.
   *
   * @throws IllegalArgumentException when a fold's training part cannot support the calibration (both classes, and
   *     enough images for alpha and delta); the message says which fold and why
   */
  public static CrossValidation crossValidate(CascadeConfig config, ProviderRegistry registry,
      Evaluation.Table table, Result onAll, double alpha, double delta, int folds, long seed)
      throws ConfigurationException {
    return crossValidate(config, registry, table, onAll, alpha, delta, folds, seed, Exits.FIT);
  }

  /** {@link #crossValidate} of a calibration that treats exits as {@code exits} says. */
  public static CrossValidation crossValidate(CascadeConfig config, ProviderRegistry registry,
      Evaluation.Table table, Result onAll, double alpha, double delta, int folds, long seed, Exits exits)
      throws ConfigurationException {
    int n = table.labels().length;
    if (folds < 2 || folds > n) {
      throw new IllegalArgumentException("folds must be between 2 and the number of images (" + n + "), got " + folds);
    }
    int[] fold = new int[n];
    java.util.Random random = new java.util.Random(seed);
    for (int label = 0; label <= 1; label++) {
      List<Integer> members = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (table.labels()[i] == label) {
          members.add(i);
        }
      }
      java.util.Collections.shuffle(members, random);
      for (int j = 0; j < members.size(); j++) {
        fold[members.get(j)] = (j + label) % folds; // the classes start on different folds: sizes stay even
      }
    }
    long tn = 0;
    long fp = 0;
    long fn = 0;
    long tp = 0;
    double[] foldAccuracy = new double[folds];
    for (int f = 0; f < folds; f++) {
      int finalF = f;
      int[] train = java.util.stream.IntStream.range(0, n).filter(i -> fold[i] != finalF).toArray();
      int[] test = java.util.stream.IntStream.range(0, n).filter(i -> fold[i] == finalF).toArray();
      Result fitted;
      try {
        fitted = calibrate(config, registry, table.rows(train), alpha, delta, "fold " + (f + 1) + " of " + folds,
            exits);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("cross-validation fold " + (f + 1) + " of " + folds + " trains on "
            + train.length + " images: " + e.getMessage(), e);
      }
      Evaluation.Table held = asCalibrated(fitted, config, table.rows(test));
      List<Evaluation.Replayed> answers = Evaluation.replay(fitted.config(), registry, held);
      int correct = 0;
      for (int i = 0; i < test.length; i++) {
        int predicted = answers.get(i).probability() > 0.5 ? 1 : 0;
        int label = held.labels()[i];
        correct += predicted == label ? 1 : 0;
        if (label == 1) {
          tp += predicted;
          fn += 1 - predicted;
        } else {
          fp += predicted;
          tn += 1 - predicted;
        }
      }
      foldAccuracy[f] = test.length == 0 ? Double.NaN : (double) correct / test.length;
    }
    int[] inSample = Evaluation.replay(onAll.config(), registry, asCalibrated(onAll, config, table)).stream()
        .mapToInt(r -> r.probability() > 0.5 ? 1 : 0).toArray();
    return new CrossValidation(folds, new BinaryMetrics.ConfusionMatrix(tn, fp, fn, tp), foldAccuracy,
        BinaryMetrics.ConfusionMatrix.of(inSample, table.labels()).mcc());
  }

  /**
   * Refuses data that cannot support the request: both classes must occur (stacking and the operating point need
   * them), and with {@code k} exits to certify, even a flawless exit needs {@code n >= ln(delta/k) / ln(1 - alpha/k)}
   * queries before Learn-then-Test can show it safe ({@code k = 0}: no exit to certify).
   */
  static void checkEnoughData(Evaluation.Table table, double alpha, double delta, int k) {
    if (!(alpha > 0 && alpha < 1 && delta > 0 && delta < 1)) {
      throw new IllegalArgumentException("alpha and delta must be within (0, 1), got " + alpha + " and " + delta);
    }
    int n = table.labels().length;
    int positives = java.util.Arrays.stream(table.labels()).sum();
    if (positives == 0 || positives == n) {
      throw new IllegalArgumentException("the calibration set has " + positives + " positive and " + (n - positives)
          + " negative images; calibration needs both classes");
    }
    long needed = k == 0 ? 0 : (long) Math.ceil(Math.log(delta / k) / Math.log(1 - alpha / k));
    if (n < needed) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
          "the calibration set has %d images; with alpha %.3f and delta %.3f over %d exit(s), Learn-then-Test needs"
              + " at least %d to show any exit safe", n, alpha, delta, k, needed));
    }
  }

  /** A stage's Platt scaling and the table with its column calibrated. */
  private record PlattColumn(Calibrators.Logistic calibrator, Evaluation.Table table) {}

  /** Fits Platt scaling to one stage's opinions; null when they do not hold both classes five times each. */
  private static PlattColumn platt(Evaluation.Table table, String stage) {
    int column = table.entries().indexOf(stage);
    List<Double> p = new ArrayList<>();
    List<Integer> y = new ArrayList<>();
    for (int i = 0; i < table.labels().length; i++) {
      if (table.probabilities()[i][column] >= 0) {
        p.add(table.probabilities()[i][column]);
        y.add(table.labels()[i]);
      }
    }
    long positives = y.stream().filter(v -> v == 1).count();
    if (positives < 5 || y.size() - positives < 5) {
      return null;
    }
    Calibrators.Logistic fitted = Calibrators.platt(p.stream().mapToDouble(Double::doubleValue).toArray(),
        y.stream().mapToInt(Integer::intValue).toArray());
    Calibrators.Logistic rounded = new Calibrators.Logistic(round(fitted.slope()), round(fitted.intercept()));
    double[][] probabilities = new double[table.labels().length][];
    for (int i = 0; i < probabilities.length; i++) {
      probabilities[i] = table.probabilities()[i].clone();
      if (probabilities[i][column] >= 0) {
        probabilities[i][column] = rounded.apply(probabilities[i][column]);
      }
    }
    return new PlattColumn(rounded, new Evaluation.Table(table.fingerprint(), table.images(), table.labels(),
        table.entries(), probabilities, table.statuses(), table.latencyNanos()));
  }

  /** A group's fitted ensemble, what to say about it, and the table with the group's column recomputed. */
  private record Stacked(ComponentConfig ensemble, Map<String, Object> description, Evaluation.Table table) {}

  private static Stacked stack(Evaluation.Table table, StepConfig.Group group) {
    List<String> members = group.members().stream().map(StageConfig::name).toList();
    int n = table.images().size();
    double[][] logits = new double[n][members.size()];
    boolean[] anyOpinion = new boolean[n];
    for (int i = 0; i < n; i++) {
      for (int m = 0; m < members.size(); m++) {
        double p = table.probabilities()[i][table.entries().indexOf(members.get(m))];
        anyOpinion[i] |= p >= 0;
        logits[i][m] = p < 0 ? 0 : clampedLogit(p);
      }
    }
    LogisticFit fit = LogisticFit.fit(logits, table.labels(), true);
    Map<String, Object> weights = new LinkedHashMap<>();
    for (int m = 0; m < members.size(); m++) {
      weights.put(members.get(m), round(fit.weights()[m]));
    }
    ComponentConfig ensemble = ComponentConfig.of("logistic", Map.of("weights", weights,
        "intercept", round(fit.intercept())));
    // Recompute the group's column with the rounded weights the file will hold.
    double[][] probabilities = new double[n][];
    int column = table.entries().indexOf(group.name());
    for (int i = 0; i < n; i++) {
      probabilities[i] = table.probabilities()[i].clone();
      if (anyOpinion[i]) {
        double[] rounded = java.util.Arrays.stream(fit.weights()).map(CascadeCalibration::round).toArray();
        probabilities[i][column] = stacked(rounded, round(fit.intercept()), logits[i]);
      }
    }
    Map<String, Object> correlations = new LinkedHashMap<>();
    for (int a = 0; a < members.size(); a++) {
      for (int b = a + 1; b < members.size(); b++) {
        correlations.put(members.get(a) + "~" + members.get(b), round(correlation(logits, a, b)));
      }
    }
    Map<String, Object> description = new LinkedHashMap<>();
    description.put("weights", weights);
    description.put("intercept", round(fit.intercept()));
    description.put("member-logit-correlation", correlations);
    Evaluation.Table restacked = new Evaluation.Table(table.fingerprint(), table.images(), table.labels(),
        table.entries(), probabilities, table.statuses(), table.latencyNanos());
    return new Stacked(ensemble, description, restacked);
  }

  /** Logistic stacking of member logits (no opinion counts as logit 0), as the engine's logistic ensemble. */
  private static double stacked(double[] weights, double intercept, double[] logits) {
    double z = intercept;
    for (int m = 0; m < weights.length; m++) {
      z += weights[m] * logits[m];
    }
    return 1 / (1 + Math.exp(-z));
  }

  /**
   * {@code raw} (the stage outputs of {@code original}) as the calibrated cascade sees them: each Platt scaling the
   * calibration added applied to its stage's column, and each group's column recomputed with its fitted stacking;
   * the exits and the operating point were fitted on values like these.
   */
  static Evaluation.Table asCalibrated(Result fitted, CascadeConfig original, Evaluation.Table raw)
      throws ConfigurationException {
    Map<String, StageConfig> before = new LinkedHashMap<>();
    for (StepConfig step : original.steps()) {
      stagesOf(step).forEach(stage -> before.put(stage.name(), stage));
    }
    int n = raw.images().size();
    double[][] probabilities = new double[n][];
    for (int i = 0; i < n; i++) {
      probabilities[i] = raw.probabilities()[i].clone();
    }
    for (StepConfig step : fitted.config().steps()) {
      for (StageConfig stage : stagesOf(step)) {
        StageConfig was = before.get(stage.name());
        if (stage.calibration() != null && (was == null || was.calibration() == null)) {
          Calibrators.Calibrator calibrator = Calibrators.fromConfig(stage.calibration(), stage.name());
          int column = raw.entries().indexOf(stage.name());
          for (int i = 0; i < n; i++) {
            if (probabilities[i][column] >= 0) {
              probabilities[i][column] = calibrator.apply(probabilities[i][column]);
            }
          }
        }
      }
      if (step instanceof StepConfig.Group group && group.ensemble().type().equals("logistic")
          && group.ensemble().settings().get("weights") instanceof Map<?, ?> weightsByName) {
        List<String> members = group.members().stream().map(StageConfig::name).toList();
        double[] weights = members.stream()
            .mapToDouble(m -> ((Number) weightsByName.get(m)).doubleValue()).toArray();
        double intercept = ((Number) group.ensemble().settings().get("intercept")).doubleValue();
        int column = raw.entries().indexOf(group.name());
        for (int i = 0; i < n; i++) {
          double[] logits = new double[members.size()];
          boolean anyOpinion = false;
          for (int m = 0; m < members.size(); m++) {
            double p = probabilities[i][raw.entries().indexOf(members.get(m))];
            anyOpinion |= p >= 0;
            logits[m] = p < 0 ? 0 : clampedLogit(p);
          }
          if (anyOpinion) {
            probabilities[i][column] = stacked(weights, intercept, logits);
          }
        }
      }
    }
    return new Evaluation.Table(raw.fingerprint() + "|calibrated", raw.images(), raw.labels(), raw.entries(),
        probabilities, raw.statuses(), raw.latencyNanos());
  }

  private static List<StageConfig> stagesOf(StepConfig step) {
    return step instanceof StepConfig.Group group ? group.members() : List.of(((StepConfig.Single) step).stage());
  }

  private static double clampedLogit(double p) {
    double q = Math.min(1 - 1e-6, Math.max(1e-6, p)); // as the logistic ensemble clamps
    return Math.log(q / (1 - q));
  }

  private static double correlation(double[][] x, int a, int b) {
    int n = x.length;
    double meanA = 0;
    double meanB = 0;
    for (double[] row : x) {
      meanA += row[a] / n;
      meanB += row[b] / n;
    }
    double cov = 0;
    double varA = 0;
    double varB = 0;
    for (double[] row : x) {
      cov += (row[a] - meanA) * (row[b] - meanB);
      varA += (row[a] - meanA) * (row[a] - meanA);
      varB += (row[b] - meanB) * (row[b] - meanB);
    }
    return varA == 0 || varB == 0 ? 0 : cov / Math.sqrt(varA * varB);
  }

  /** The decision of running every stage: the last step with an opinion, else the fallback. */
  static int fullDecision(CascadeConfig config, Evaluation.Table table, int image) {
    for (int s = config.steps().size() - 1; s >= 0; s--) {
      double p = table.probabilities()[image][table.entries().indexOf(config.steps().get(s).name())];
      if (p >= 0) {
        return p > 0.5 ? 1 : 0;
      }
    }
    return config.fallback().value() > 0.5 ? 1 : 0;
  }

  private static double round(double value) {
    return Math.round(value * 1e6) / 1e6;
  }

  /**
   * Writes the calibrated cascade to {@code out}, which must not exist yet: the original file is never overwritten.
   *
   * @throws IOException if {@code out} exists or cannot be written
   */
  public static void write(Result result, Path out) throws IOException {
    if (Files.exists(out)) {
      throw new IOException(out + " exists; calibration writes a new file and never overwrites one");
    }
    Map<String, Object> document = new LinkedHashMap<>();
    CascadeConfig config = result.config();
    Path folder = out.toAbsolutePath().normalize().getParent();
    String homeVariable = System.getenv("HOME");
    Path home = Path.of(homeVariable == null || homeVariable.isEmpty() ? System.getProperty("user.home")
        : homeVariable).toAbsolutePath().normalize();
    document.put("cascade", config.name());
    document.put("deadline", config.deadline().toMillis() + "ms");
    FallbackConfig fallback = config.fallback();
    document.put("fallback", Map.of("type", fallback.prior() ? "prior" : "fixed",
        fallback.prior() ? "initial" : "value", fallback.value()));
    List<Object> stages = new ArrayList<>();
    for (StepConfig step : config.steps()) {
      switch (step) {
        case StepConfig.Single single -> {
          Map<String, Object> stage = stage(single.stage(), folder, home);
          stage.put("exit", component(single.exit(), folder, home));
          stages.add(stage);
        }
        case StepConfig.Group group -> {
          Map<String, Object> entry = new LinkedHashMap<>();
          entry.put("name", group.name());
          entry.put("parallel", group.members().stream().map(m -> stage(m, folder, home)).toList());
          entry.put("ensemble", component(group.ensemble(), folder, home));
          entry.put("exit", component(group.exit(), folder, home));
          if (group.timeout() != null) {
            entry.put("timeout", group.timeout().toMillis() + "ms");
          }
          stages.add(entry);
        }
      }
    }
    if (config.operatingPoint() != null) {
      document.put("operating-point", config.operatingPoint().threshold());
    }
    document.put("stages", stages);
    document.put("provenance", result.provenance());
    if (out.toAbsolutePath().getParent() != null) {
      Files.createDirectories(out.toAbsolutePath().getParent());
    }
    new ObjectMapper(YAMLFactory.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
        .disable(YAMLGenerator.Feature.SPLIT_LINES).build())
        .writeValue(out.toFile(), document);
  }

  private static Map<String, Object> stage(StageConfig stage, @Nullable Path folder, Path home) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", stage.name());
    out.put("type", stage.provider().type());
    stage.provider().settings().forEach((key, value) -> out.put(key, portable(value, folder, home)));
    if (stage.timeout() != null) {
      out.put("timeout", stage.timeout().toMillis() + "ms");
    }
    out.put("isolation", stage.isolation().name().toLowerCase(java.util.Locale.ROOT));
    if (stage.calibration() != null) {
      out.put("calibration", component(stage.calibration(), folder, home));
    }
    return out;
  }

  private static Map<String, @Nullable Object> component(ComponentConfig component, @Nullable Path folder,
      Path home) {
    Map<String, @Nullable Object> out = new LinkedHashMap<>();
    out.put("type", component.type());
    component.settings().forEach((key, value) -> out.put(key, portable(value, folder, home)));
    return out;
  }

  /**
   * A setting as the calibrated file should say it. The loaded cascade holds values after substitution, so a model or
   * head is an absolute path of the calibrating machine: one that exists under the file's own folder is written as
   * {@code ${CASCADE_DIR}/...} and one under the home folder as {@code ~/...}, so the file still works when its folder
   * moves or another user loads it. Any other text has its {@code ${} escaped as {@code $${}, since the loader would
   * otherwise read it as a reference.
   */
  static @Nullable Object portable(@Nullable Object value, @Nullable Path folder, Path home) {
    return switch (value) {
      case String text -> portablePath(text, folder, home);
      case Map<?, ?> map -> {
        Map<Object, @Nullable Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, portable(v, folder, home)));
        yield copy;
      }
      case List<?> list -> list.stream().map(v -> portable(v, folder, home)).toList();
      case null, default -> value;
    };
  }

  private static String portablePath(String text, @Nullable Path folder, Path home) {
    Path path = null;
    try {
      Path candidate = Path.of(text);
      if (candidate.isAbsolute() && Files.exists(candidate)) {
        path = candidate.normalize();
      }
    } catch (java.nio.file.InvalidPathException notAPath) {
      // text, not a path
    }
    if (path != null && folder != null && path.startsWith(folder) && !path.equals(folder)) {
      return "${CASCADE_DIR}/" + slashes(folder.relativize(path));
    }
    if (path != null && path.startsWith(home) && !path.equals(home)) {
      return "~/" + slashes(home.relativize(path));
    }
    return text.replace("${", "$${");
  }

  private static String slashes(Path relative) {
    return relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
  }
}
