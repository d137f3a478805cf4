package io.cascade4j.core.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cascade4j.api.Answer;
import io.cascade4j.api.Cascade;
import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.ContextKey;
import io.cascade4j.api.Evidence;
import io.cascade4j.api.ExitPolicy;
import io.cascade4j.api.Query;
import io.cascade4j.api.QueryContext;
import io.cascade4j.api.Settings;
import io.cascade4j.api.StageOutcome;
import io.cascade4j.api.StageStatus;
import io.cascade4j.api.StepResult;
import io.cascade4j.core.CascadeListener;
import io.cascade4j.core.Cascades;
import io.cascade4j.core.ProviderRegistry;
import io.cascade4j.core.config.CascadeConfig;
import io.cascade4j.core.config.ComponentConfig;
import io.cascade4j.core.config.StageConfig;
import io.cascade4j.core.config.StepConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Evaluates a cascade on labelled images: runs every stage on every image once, with no early exit, and keeps each
 * stage's (and each group's combined) evidence and latency; then replays the cascade's exit policies over those
 * numbers, so that the cascade as configured and every single stage are measured without running a model twice.
 * The table can be cached on disk ({@link #runCached}); a changed image set or cascade invalidates the cache.
 *
 * <pre>{@code
 * Evaluation.Table table = Evaluation.runCached(config, registry, LabelledImages.read(folder), cacheFile, done -> {});
 * Evaluation.Report report = Evaluation.report(config, registry, table);
 * }</pre>
 */
public final class Evaluation {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Evaluation() {}

  /**
   * Every stage's outcome on every image.
   *
   * @param fingerprint identifies the images and the cascade that produced the table
   * @param images the image names
   * @param labels their labels
   * @param entries the trace entries in order: stages, and groups after their members
   * @param probabilities by image and entry; -1 for no opinion
   * @param statuses by image and entry
   * @param latencyNanos by image and entry
   */
  public record Table(
      String fingerprint,
      List<String> images,
      int[] labels,
      List<String> entries,
      double[][] probabilities,
      StageStatus[][] statuses,
      long[][] latencyNanos) {

    /**
     * {@code config} without the steps this table has no entry for: optional stages left out when the table was made
     * because they could not run there. Their answers cannot be replayed, so the cascade is measured without them.
     */
    public CascadeConfig present(CascadeConfig config) {
      List<StepConfig> kept = config.steps().stream().filter(s -> entries.contains(s.name())).toList();
      return kept.size() == config.steps().size() ? config
          : new CascadeConfig(config.name(), config.deadline(), config.fallback(), kept, config.operatingPoint(),
              config.plugins(), config.engine());
    }

    /** The rows at {@code indices}, in that order: a fold of a cross-validation. */
    public Table rows(int[] indices) {
      List<String> someImages = new ArrayList<>();
      int[] someLabels = new int[indices.length];
      double[][] someProbabilities = new double[indices.length][];
      StageStatus[][] someStatuses = new StageStatus[indices.length][];
      long[][] someLatencies = new long[indices.length][];
      for (int i = 0; i < indices.length; i++) {
        int row = indices[i];
        someImages.add(images.get(row));
        someLabels[i] = labels[row];
        someProbabilities[i] = probabilities[row];
        someStatuses[i] = statuses[row];
        someLatencies[i] = latencyNanos[row];
      }
      return new Table(fingerprint + "|rows " + java.util.Arrays.hashCode(indices), someImages, someLabels, entries,
          someProbabilities, someStatuses, someLatencies);
    }

    int entry(String name) {
      int index = entries.indexOf(name);
      if (index < 0) {
        throw new IllegalArgumentException("no trace entry '" + name + "'");
      }
      return index;
    }

    StageOutcome outcome(int image, String name) {
      int e = entry(name);
      double p = probabilities[image][e];
      Duration latency = Duration.ofNanos(latencyNanos[image][e]);
      return statuses[image][e] == StageStatus.OK
          ? StageOutcome.ok(name, p < 0 ? Evidence.abstain() : Evidence.of(p), latency)
          : StageOutcome.without(name, statuses[image][e], latency, "");
    }
  }

  /** Runs every stage on every image, reusing {@code cache} when it was made from the same images and cascade. */
  public static Table runCached(CascadeConfig config, ProviderRegistry registry, List<LabelledImages.Item> items,
      Path cache, IntConsumer progress, CascadeListener... listeners) throws ConfigurationException, IOException {
    String fingerprint = fingerprint(config, items);
    if (Files.exists(cache)) {
      Table cached = JSON.readValue(cache.toFile(), Table.class);
      if (cached.fingerprint().equals(fingerprint)) {
        requireProviders(config, registry); // a cached table must not hide a cascade that no longer builds here
        return cached;
      }
    }
    Table table = run(config, registry, items, progress, listeners);
    Files.createDirectories(cache.toAbsolutePath().getParent());
    JSON.writeValue(cache.toFile(), table);
    return table;
  }

  /** Fails as creating the cascade would when a stage type has no provider in {@code registry}. */
  private static void requireProviders(CascadeConfig config, ProviderRegistry registry) throws ConfigurationException {
    List<io.cascade4j.api.Problem> problems = new ArrayList<>();
    for (StepConfig step : config.steps()) {
      List<io.cascade4j.core.config.StageConfig> stages = switch (step) {
        case StepConfig.Single single -> List.of(single.stage());
        case StepConfig.Group group -> group.members();
      };
      for (io.cascade4j.core.config.StageConfig stage : stages) {
        if (registry.stageProvider(stage.provider().type()).isEmpty()) {
          problems.add(new io.cascade4j.api.Problem(stage.name(), "unknown stage type '" + stage.provider().type()
              + "'; known: " + String.join(", ", registry.stageTypes())));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
  }

  /**
   * Runs every stage on every image once, exits disabled and no deadline worth the name; {@code listeners} (a {@link
   * HardCaseStore}, say) see every answer.
   */
  public static Table run(CascadeConfig config, ProviderRegistry registry, List<LabelledImages.Item> items,
      IntConsumer progress, CascadeListener... listeners) throws ConfigurationException {
    CascadeConfig.Builder everything = CascadeConfig.builder(config.name()).deadline(Duration.ofHours(1))
        .fallback(config.fallback());
    for (StepConfig step : config.steps()) {
      switch (step) {
        case StepConfig.Single single -> everything.stage(single.stage(), ComponentConfig.of("never"));
        case StepConfig.Group group -> everything.parallel(group.name(), group.members(), group.ensemble(),
            ComponentConfig.of("never"), group.timeout());
      }
    }
    List<String> entries = new ArrayList<>();
    double[][] probabilities = new double[items.size()][];
    StageStatus[][] statuses = new StageStatus[items.size()][];
    long[][] latencies = new long[items.size()][];
    try (Cascade cascade = Cascades.create(everything.build(), registry, listeners)) {
      for (int i = 0; i < items.size(); i++) {
        Answer answer = cascade.evaluate(Query.builder(items.get(i).image()).id(items.get(i).name()).build());
        List<StageOutcome> trace = answer.trace();
        if (entries.isEmpty()) {
          trace.forEach(o -> entries.add(o.stage()));
        }
        probabilities[i] = trace.stream().mapToDouble(o -> o.evidence().probabilityIfAny().orElse(-1)).toArray();
        statuses[i] = trace.stream().map(StageOutcome::status).toArray(StageStatus[]::new);
        latencies[i] = trace.stream().mapToLong(o -> o.latency().toNanos()).toArray();
        progress.accept(i + 1);
      }
    }
    int[] labels = items.stream().mapToInt(LabelledImages.Item::label).toArray();
    return new Table(fingerprint(config, items), items.stream().map(LabelledImages.Item::name).toList(), labels,
        List.copyOf(entries), probabilities, statuses, latencies);
  }

  /**
   * The cascade as configured, replayed image by image.
   *
   * @param probability the answer
   * @param decidedBy the step that answered, or {@code fallback}
   * @param costNanos the time of the steps that ran (a group costs its wall time)
   */
  public record Replayed(double probability, String decidedBy, long costNanos) {}

  /** Replays the cascade's exit policies (and its operating point, as the engine applies it) over the table. */
  public static List<Replayed> replay(CascadeConfig full, ProviderRegistry registry, Table table)
      throws ConfigurationException {
    CascadeConfig config = table.present(full);
    List<ExitPolicy> exits = new ArrayList<>();
    for (int s = 0; s < config.steps().size(); s++) {
      ComponentConfig exit = config.steps().get(s).exit();
      String path = "stages[" + s + "].exit";
      var provider = registry.exitPolicyProvider(exit.type()).orElseThrow(() ->
          new ConfigurationException(path + ".type", "unknown exit policy type '" + exit.type() + "'"));
      exits.add(provider.create(Settings.of(path, exit.settings())));
    }
    double fallback = config.fallback().value();
    List<Replayed> replayed = new ArrayList<>();
    for (int image = 0; image < table.images().size(); image++) {
      int i = image;
      long cost = 0;
      Replayed answer = null;
      StageOutcome last = null;
      for (int s = 0; s < config.steps().size() && answer == null; s++) {
        StepConfig step = config.steps().get(s);
        StageOutcome outcome = table.outcome(i, step.name());
        cost += outcome.latency().toNanos();
        List<StageOutcome> members = step instanceof StepConfig.Group group
            ? group.members().stream().map(StageConfig::name).map(m -> table.outcome(i, m)).toList()
            : List.of(outcome);
        if (outcome.hasOpinion()) {
          last = outcome;
          StepResult result = new StepResult(step.name(), outcome.evidence(), members, new ReplayContext(table, i));
          if (exits.get(s).shouldExit(result)) {
            answer = new Replayed(outcome.evidence().probability(), step.name(), cost);
          }
        }
      }
      if (answer == null) {
        answer = last != null ? new Replayed(last.evidence().probability(), last.stage(), cost)
            : new Replayed(fallback, "fallback", cost);
      }
      if (config.operatingPoint() != null && !answer.decidedBy().equals("fallback")) {
        answer = new Replayed(config.operatingPoint().remap(answer.probability()), answer.decidedBy(), cost);
      }
      replayed.add(answer);
    }
    return replayed;
  }

  /**
   * Everything an evaluation reports.
   *
   * @param images how many images
   * @param positives how many are labelled 1
   * @param cascade the cascade as configured
   * @param sn72Score the validator's EMA score after the images in order
   * @param sn72MeanReward the mean per-challenge reward
   * @param exitShares the share of images each step (or the fallback) answered
   * @param meanCostMillis the cascade's mean time per image
   * @param allStagesCostMillis the mean time per image of running every step
   * @param stages each stage and group on its own, over the images where it had an opinion
   */
  public record Report(
      int images,
      int positives,
      BinaryMetrics cascade,
      double sn72Score,
      double sn72MeanReward,
      Map<String, Double> exitShares,
      double meanCostMillis,
      double allStagesCostMillis,
      Map<String, StageReport> stages) {}

  /**
   * One stage's numbers.
   *
   * @param coverage the share of images it had an opinion on
   * @param meanLatencyMillis its mean latency
   * @param metrics its metrics over the images it had an opinion on; null if it never had one
   */
  public record StageReport(double coverage, double meanLatencyMillis, BinaryMetrics metrics) {}

  /** Measures the cascade and each stage. */
  public static Report report(CascadeConfig full, ProviderRegistry registry, Table table)
      throws ConfigurationException {
    CascadeConfig config = table.present(full);
    List<Replayed> replayed = replay(config, registry, table);
    int n = table.images().size();
    double[] answers = replayed.stream().mapToDouble(Replayed::probability).toArray();
    Sn72Scorer scorer = new Sn72Scorer();
    double rewards = 0;
    for (int i = 0; i < n; i++) {
      rewards += scorer.record(answers[i], table.labels()[i]);
    }
    Map<String, Double> shares = new LinkedHashMap<>();
    replayed.forEach(r -> shares.merge(r.decidedBy(), 1.0 / n, Double::sum));
    double allCost = 0;
    for (int i = 0; i < n; i++) {
      for (StepConfig step : config.steps()) {
        allCost += table.latencyNanos()[i][table.entry(step.name())];
      }
    }
    Map<String, StageReport> stages = new LinkedHashMap<>();
    for (int e = 0; e < table.entries().size(); e++) {
      List<Double> p = new ArrayList<>();
      List<Integer> y = new ArrayList<>();
      double latency = 0;
      for (int i = 0; i < n; i++) {
        latency += table.latencyNanos()[i][e] / 1e6;
        if (table.probabilities()[i][e] >= 0) {
          p.add(table.probabilities()[i][e]);
          y.add(table.labels()[i]);
        }
      }
      BinaryMetrics metrics = p.isEmpty() ? null : BinaryMetrics.of(
          p.stream().mapToDouble(Double::doubleValue).toArray(), y.stream().mapToInt(Integer::intValue).toArray());
      stages.put(table.entries().get(e), new StageReport((double) p.size() / n, latency / n, metrics));
    }
    return new Report(n, java.util.Arrays.stream(table.labels()).sum(), BinaryMetrics.of(answers, table.labels()),
        scorer.score(), rewards / n, shares, replayed.stream().mapToLong(Replayed::costNanos).sum() / 1e6 / n,
        allCost / 1e6 / n, stages);
  }

  /**
   * The cascade and every stage measured per data source, and the stages whose accuracy differs a lot between
   * sources (a stage that learned "which source" instead of "roadwork" shows here first).
   *
   * @param sources by source name (empty name: no source given), in first-seen order
   * @param stageAccuracySpread per stage, the largest minus the smallest accuracy over sources with at least
   *     {@link #SOURCE_MIN_IMAGES} images on which the stage had an opinion; NaN with fewer than two such sources
   * @param flagged stages whose spread is above {@link #SOURCE_SPREAD_FLAG}
   */
  public record SourceBreakdown(Map<String, SourceReport> sources, Map<String, Double> stageAccuracySpread,
      List<String> flagged) {}

  /**
   * One source's numbers.
   *
   * @param images images from it
   * @param positives positive images among them
   * @param cascade the cascade's metrics on them
   * @param stageAccuracy each stage's accuracy on the images where it had an opinion (absent when it had none)
   */
  public record SourceReport(int images, int positives, BinaryMetrics cascade, Map<String, Double> stageAccuracy) {}

  /** Sources smaller than this are reported but do not count toward a stage's spread. */
  public static final int SOURCE_MIN_IMAGES = 5;
  /** A stage whose accuracy varies more than this between sources is flagged. */
  public static final double SOURCE_SPREAD_FLAG = 0.25;

  /** Measures the cascade and each stage per source; {@code sourceOf} maps image names to sources. */
  public static SourceBreakdown bySource(CascadeConfig full, ProviderRegistry registry, Table table,
      Map<String, String> sourceOf) throws ConfigurationException {
    CascadeConfig config = table.present(full);
    double[] answers = replay(config, registry, table).stream().mapToDouble(Replayed::probability).toArray();
    Map<String, List<Integer>> members = new LinkedHashMap<>();
    for (int i = 0; i < table.images().size(); i++) {
      members.computeIfAbsent(sourceOf.getOrDefault(table.images().get(i), ""), k -> new ArrayList<>()).add(i);
    }
    Map<String, SourceReport> sources = new LinkedHashMap<>();
    Map<String, List<Double>> accuracies = new LinkedHashMap<>();
    for (Map.Entry<String, List<Integer>> source : members.entrySet()) {
      List<Integer> rows = source.getValue();
      double[] p = rows.stream().mapToDouble(i -> answers[i]).toArray();
      int[] y = rows.stream().mapToInt(i -> table.labels()[i]).toArray();
      Map<String, Double> stageAccuracy = new LinkedHashMap<>();
      for (int e = 0; e < table.entries().size(); e++) {
        int right = 0;
        int opinions = 0;
        for (int i : rows) {
          double q = table.probabilities()[i][e];
          if (q >= 0) {
            opinions++;
            right += (q >= 0.5 ? 1 : 0) == table.labels()[i] ? 1 : 0;
          }
        }
        if (opinions > 0) {
          String stage = table.entries().get(e);
          stageAccuracy.put(stage, (double) right / opinions);
          if (opinions >= SOURCE_MIN_IMAGES) {
            accuracies.computeIfAbsent(stage, k -> new ArrayList<>()).add((double) right / opinions);
          }
        }
      }
      sources.put(source.getKey(), new SourceReport(rows.size(), java.util.Arrays.stream(y).sum(),
          BinaryMetrics.of(p, y), stageAccuracy));
    }
    Map<String, Double> spread = new LinkedHashMap<>();
    List<String> flagged = new ArrayList<>();
    for (String stage : table.entries()) {
      List<Double> a = accuracies.getOrDefault(stage, List.of());
      double s = a.size() < 2 ? Double.NaN
          : a.stream().mapToDouble(Double::doubleValue).max().orElseThrow()
              - a.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
      spread.put(stage, s);
      if (s > SOURCE_SPREAD_FLAG) {
        flagged.add(stage);
      }
    }
    return new SourceBreakdown(sources, spread, flagged);
  }

  /**
   * Offers every image's replayed answer, with the trace the table holds for it, to {@code store}: the hard cases of
   * an evaluation whether its table was just run or read from a cache.
   *
   * @throws IllegalArgumentException if {@code items} are not the table's images, in order
   */
  public static void offerHardCases(CascadeConfig full, ProviderRegistry registry, Table table,
      List<LabelledImages.Item> items, HardCaseStore store) throws ConfigurationException {
    if (!items.stream().map(LabelledImages.Item::name).toList().equals(table.images())) {
      throw new IllegalArgumentException("the items are not the images the table was made from");
    }
    CascadeConfig config = table.present(full);
    List<Replayed> replayed = replay(config, registry, table);
    for (int i = 0; i < items.size(); i++) {
      List<StageOutcome> trace = new ArrayList<>();
      for (String entry : table.entries()) {
        trace.add(table.outcome(i, entry));
      }
      Replayed r = replayed.get(i);
      boolean fallback = r.decidedBy().equals("fallback");
      Answer answer = new Answer(items.get(i).name(), r.probability(),
          fallback ? Answer.Resolution.FALLBACK : Answer.Resolution.EXIT, fallback ? null : r.decidedBy(), trace,
          Duration.ofNanos(r.costNanos()));
      store.offer(Query.builder(items.get(i).image()).id(items.get(i).name()).build(), answer);
    }
  }

  /** The report as JSON. */
  public static String toJson(Report report) throws IOException {
    return JSON.writeValueAsString(report);
  }

  private static String fingerprint(CascadeConfig config, List<LabelledImages.Item> items) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(config.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      for (LabelledImages.Item item : items) {
        digest.update(item.name().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        digest.update((byte) item.label());
        item.image().digestInto(digest);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The context an exit policy sees during replay: the image's query and the earlier outcomes. */
  private record ReplayContext(Table table, int image) implements QueryContext {
    @Override
    public Query query() {
      return Query.builder(io.cascade4j.api.EncodedImage.of("application/octet-stream", new byte[] {0}))
          .id(table.images().get(image)).build();
    }

    @Override
    public Duration remaining() {
      return Duration.ofHours(1);
    }

    @Override
    public <T> T computeIfAbsent(ContextKey<T> key, Function<? super QueryContext, ? extends T> loader) {
      throw new UnsupportedOperationException("exit policies replayed from a table cannot compute shared values");
    }

    @Override
    public <T> Optional<T> get(ContextKey<T> key) {
      return Optional.empty();
    }

    @Override
    public void closeWhenDone(AutoCloseable resource) {
      throw new UnsupportedOperationException("exit policies replayed from a table hold no resources");
    }

    @Override
    public List<StageOutcome> outcomesSoFar() {
      return List.of();
    }
  }
}
