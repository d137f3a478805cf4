package io.cascade4j.core.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.cascade4j.api.Answer;
import io.cascade4j.api.Cascade;
import io.cascade4j.api.Evidence;
import io.cascade4j.api.Query;
import io.cascade4j.api.Settings;
import io.cascade4j.api.Stage;
import io.cascade4j.api.StageProvider;
import io.cascade4j.core.Cascades;
import io.cascade4j.core.ConstantStageProvider;
import io.cascade4j.core.ProviderRegistry;
import io.cascade4j.core.config.CascadeConfig;
import io.cascade4j.core.config.CascadeConfigLoader;
import io.cascade4j.core.config.StepConfig;
import io.cascade4j.testkit.TestImages;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationTest {
  static final AtomicInteger CALLS = new AtomicInteger();

  /** {@code channel}: the mean of one colour channel of the image, a stage whose answer depends on the pixels. */
  static final class ChannelStageProvider implements StageProvider {
    @Override
    public String type() {
      return "channel";
    }

    @Override
    public Stage create(Settings settings) throws io.cascade4j.api.ConfigurationException {
      int shift = switch (settings.string("channel", "red")) {
        case "green" -> 8;
        case "blue" -> 0;
        default -> 16;
      };
      settings.validate();
      return context -> {
        CALLS.incrementAndGet();
        BufferedImage image = ImageIO.read(context.query().image().openStream());
        return Evidence.of(((image.getRGB(0, 0) >> shift) & 0xff) / 255.0);
      };
    }
  }

  private static final String CASCADE = """
      cascade: eval
      fallback: 0.3
      stages:
        - {name: gate, type: channel, exit: {type: band, low: 0.15, high: 0.85}}
        - name: group
          parallel:
            - {name: red, type: channel}
            - {name: green, type: channel, channel: green}
          ensemble: {type: weighted-mean}
          exit: {type: agreement, margin: 0.1}
        - {name: judge, type: constant, probability: 0.6, exit: always}
      """;

  private final ProviderRegistry registry = ProviderRegistry.builder().discover(getClass().getClassLoader())
      .register(new ChannelStageProvider()).register(new ConstantStageProvider()).build();

  private static List<LabelledImages.Item> images(int n, long seed) {
    Random random = new Random(seed);
    List<LabelledImages.Item> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int label = random.nextInt(2);
      Color color = new Color(random.nextInt(256), random.nextInt(256), 40);
      items.add(new LabelledImages.Item("img-" + i, TestImages.png(TestImages.solid(4, 4, color)), label));
    }
    return items;
  }

  @Test
  void replayingTheTableAnswersExactlyAsTheCascadeDoes() throws Exception {
    CascadeConfig config = new CascadeConfigLoader().parse(CASCADE, CascadeConfigLoader.Format.YAML, "x");
    List<LabelledImages.Item> items = images(60, 1);
    Evaluation.Table table = Evaluation.run(config, registry, items, done -> {});
    assertThat(table.entries()).containsExactly("gate", "red", "green", "group", "judge");

    List<Evaluation.Replayed> replayed = Evaluation.replay(config, registry, table);
    try (Cascade cascade = Cascades.create(config, registry)) {
      for (int i = 0; i < items.size(); i++) {
        Answer real = cascade.evaluate(Query.of(items.get(i).image()));
        assertThat(replayed.get(i).probability()).as("image %d", i).isEqualTo(real.probability());
        assertThat(replayed.get(i).decidedBy()).as("image %d", i).isEqualTo(real.decider().orElse("fallback"));
      }
    }
    assertThat(replayed).extracting(Evaluation.Replayed::decidedBy).contains("gate", "group", "judge");
  }

  @Test
  void optionalStagesLeftOutAreMeasuredAsAbsent() throws Exception {
    String withOcr = CASCADE.replace("  - {name: judge",
        "  - {name: ocr, type: no-such-plugin, optional: true}\n  - {name: judge");
    assertThat(withOcr).contains("name: ocr");
    CascadeConfig config = new CascadeConfigLoader().parse(withOcr, CascadeConfigLoader.Format.YAML, "x");
    List<LabelledImages.Item> items = images(30, 4);
    Evaluation.Table table = Evaluation.run(config, registry, items, done -> {});
    assertThat(table.entries()).doesNotContain("ocr");
    assertThat(table.present(config).steps()).extracting(StepConfig::name).containsExactly("gate", "group", "judge");
    Evaluation.Report report = Evaluation.report(config, registry, table);
    assertThat(report.stages()).doesNotContainKey("ocr").containsKey("judge");
    assertThatThrownBy(() -> CascadeCalibration.calibrate(config, registry, table, 0.1, 0.1, "test"))
        .hasMessageContaining("cannot calibrate [ocr]");
  }

  @Test
  void reportsTheCascadeAndEveryStage() throws Exception {
    CascadeConfig config = new CascadeConfigLoader().parse(CASCADE, CascadeConfigLoader.Format.YAML, "x");
    List<LabelledImages.Item> items = images(80, 2);
    Evaluation.Table table = Evaluation.run(config, registry, items, done -> {});
    Evaluation.Report report = Evaluation.report(config, registry, table);

    double[] answers = Evaluation.replay(config, registry, table).stream()
        .mapToDouble(Evaluation.Replayed::probability).toArray();
    int[] labels = items.stream().mapToInt(LabelledImages.Item::label).toArray();
    assertThat(report.cascade()).isEqualTo(BinaryMetrics.of(answers, labels));
    assertThat(report.images()).isEqualTo(80);
    assertThat(report.exitShares().values().stream().mapToDouble(Double::doubleValue).sum())
        .isCloseTo(1.0, offset(1e-9));
    assertThat(report.stages()).containsOnlyKeys("gate", "red", "green", "group", "judge");
    assertThat(report.stages().get("judge").coverage()).isEqualTo(1.0);
    assertThat(report.stages().get("judge").metrics().rocAuc()).as("a constant ranks nothing").isEqualTo(0.5);
    assertThat(report.meanCostMillis()).isLessThanOrEqualTo(report.allStagesCostMillis());
    Sn72Scorer scorer = new Sn72Scorer();
    for (int i = 0; i < answers.length; i++) {
      scorer.record(answers[i], labels[i]);
    }
    assertThat(report.sn72Score()).isEqualTo(scorer.score());
    assertThat(Evaluation.toJson(report)).contains("\"exitShares\"").contains("\"sn72Score\"");
  }

  @Test
  void theTableIsCachedUntilTheImagesOrTheCascadeChange(@TempDir Path dir) throws Exception {
    CascadeConfig config = new CascadeConfigLoader().parse(CASCADE, CascadeConfigLoader.Format.YAML, "x");
    Path cache = dir.resolve("cache/table.json");
    List<LabelledImages.Item> items = images(10, 3);
    Evaluation.Table first = Evaluation.runCached(config, registry, items, cache, done -> {});
    int calls = CALLS.get();
    Evaluation.Table again = Evaluation.runCached(config, registry, items, cache, done -> {});
    assertThat(CALLS.get()).as("no stage ran again").isEqualTo(calls);
    assertThat(again.probabilities()).isDeepEqualTo(first.probabilities());
    Evaluation.runCached(config, registry, images(10, 4), cache, done -> {});
    assertThat(CALLS.get()).as("other images: run again").isGreaterThan(calls);
  }

  @Test
  void labelledFoldersInEveryLayoutAndTheirMistakes(@TempDir Path dir) throws Exception {
    byte[] png = TestImages.png(TestImages.solid(2, 2, Color.RED)).toByteArray();
    Path csv = Files.createDirectories(dir.resolve("csv"));
    Files.write(csv.resolve("a.png"), png);
    Files.write(csv.resolve("b.png"), png);
    Files.writeString(csv.resolve("labels.csv"), "file,label\na.png,1\nb.png,0\n");
    assertThat(LabelledImages.read(csv)).extracting(LabelledImages.Item::label).containsExactly(1, 0);

    Path jsonl = Files.createDirectories(dir.resolve("jsonl"));
    Files.write(jsonl.resolve("a.png"), png);
    Files.writeString(jsonl.resolve("labels.jsonl"), "{\"file\": \"a.png\", \"label\": 1}\n");
    assertThat(LabelledImages.read(jsonl)).hasSize(1);

    Path folders = Files.createDirectories(dir.resolve("folders/1"));
    Files.createDirectories(dir.resolve("folders/0"));
    Files.write(folders.resolve("x.png"), png);
    Files.write(dir.resolve("folders/0/y.png"), png);
    assertThat(LabelledImages.read(dir.resolve("folders"))).extracting(LabelledImages.Item::name)
        .containsExactly("0/y.png", "1/x.png");

    Files.writeString(csv.resolve("labels.csv"), "a.png,2\nmissing.png,1\n../../etc/passwd,1\n");
    assertThatThrownBy(() -> LabelledImages.read(csv))
        .hasMessageContaining("3 problem(s)")
        .hasMessageContaining("labels.csv line 1: label '2' is not 0 or 1")
        .hasMessageContaining("labels.csv line 2: cannot read missing.png")
        .hasMessageContaining("labels.csv line 3: '../../etc/passwd' is not a .jpg, .jpeg or .png file in the folder");
    assertThatThrownBy(() -> LabelledImages.read(dir.resolve("nowhere"))).hasMessageContaining("is not a folder");
  }

  @Test
  void calibrationFitsTheGateAndWritesANewFileThatLoads(@TempDir Path dir) throws Exception {
    CascadeConfig config = new CascadeConfigLoader().parse(CASCADE, CascadeConfigLoader.Format.YAML, "x");
    List<LabelledImages.Item> items = images(600, 5);
    Evaluation.Table table = Evaluation.run(config, registry, items, done -> {});
    CascadeCalibration.Result result = CascadeCalibration.calibrate(config, registry, table, 0.05, 0.1, "test images");

    LearnThenTest.Choice gate = result.choices().get("gate");
    assertThat(result.choices()).containsOnlyKeys("gate", "group");
    assertThat(gate.margin()).isLessThan(0.5);
    assertThat(gate.empiricalRisk()).isLessThanOrEqualTo(0.05);
    assertThat(result.config().steps().getFirst().exit().type()).isIn("band", "always");

    Path out = dir.resolve("calibrated.yaml");
    CascadeCalibration.write(result, out);
    CascadeConfig reloaded = new CascadeConfigLoader().load(out);
    assertThat(reloaded.steps()).isEqualTo(result.config().steps());
    assertThat(java.nio.file.Files.readString(out)).contains("provenance:").contains("Learn-then-Test")
        .contains("data: \"test images\"");
    assertThatThrownBy(() -> CascadeCalibration.write(result, out)).hasMessageContaining("never overwrites");

    assertThat(reloaded.operatingPoint()).isEqualTo(result.config().operatingPoint()).isNotNull();
    assertThat(java.nio.file.Files.readString(out)).contains("operating-point: ");
    // The fitted exits change at most alpha of the full cascade's decisions on these data (before the remap, which
    // moves the cut on purpose).
    CascadeConfig exitsOnly = new CascadeConfig(reloaded.name(), reloaded.deadline(), reloaded.fallback(),
        reloaded.steps());
    assertThat(((io.cascade4j.core.config.StepConfig.Group) reloaded.steps().get(1)).ensemble().type())
        .isEqualTo("logistic");
    assertThat(java.nio.file.Files.readString(out)).contains("stacking:").contains("member-logit-correlation");
    assertThat(reloaded.steps().getFirst()).isInstanceOfSatisfying(io.cascade4j.core.config.StepConfig.Single.class,
        gateStep -> assertThat(gateStep.stage().calibration().type()).isEqualTo("platt"));
    // "Running every stage" of the calibrated cascade: the same stages and calibrations, no early exit.
    Evaluation.Table everyStage = Evaluation.run(exitsOnly, registry, items, done -> {});
    int changed = 0;
    try (Cascade calibrated = Cascades.create(exitsOnly, registry)) {
      for (int i = 0; i < items.size(); i++) {
        double p = calibrated.evaluate(Query.of(items.get(i).image())).probability();
        if ((p > 0.5 ? 1 : 0) != CascadeCalibration.fullDecision(exitsOnly, everyStage, i)) {
          changed++;
        }
      }
    }
    assertThat((double) changed / items.size()).isLessThanOrEqualTo(0.05);
  }

  @Test
  void crossValidationSaysWhatTheCalibrationIsWorthOutOfSample() throws Exception {
    // Two stages reading the red channel: the full cascade is informative, so exits can be shown safe.
    CascadeConfig config = new CascadeConfigLoader().parse("""
        cascade: cv
        fallback: 0.3
        stages:
          - {name: gate, type: channel, exit: {type: band, low: 0.15, high: 0.85}}
          - {name: last, type: channel, exit: always}
        """, CascadeConfigLoader.Format.YAML, "x");
    // Labels that follow the red channel, one in ten flipped: about 0.9 is what any calibration can reach.
    Random random = new Random(7);
    List<LabelledImages.Item> informative = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      int red = random.nextInt(256);
      int label = (red > 128 ? 1 : 0) ^ (random.nextDouble() < 0.1 ? 1 : 0);
      informative.add(new LabelledImages.Item("img-" + i,
          TestImages.png(TestImages.solid(4, 4, new Color(red, random.nextInt(256), 40))), label));
    }
    Evaluation.Table table = Evaluation.run(config, registry, informative, done -> {});
    CascadeCalibration.Result onAll = CascadeCalibration.calibrate(config, registry, table, 0.05, 0.1, "all");
    CascadeCalibration.CrossValidation cv = CascadeCalibration.crossValidate(config, registry, table, onAll, 0.05, 0.1,
        5, 72);
    assertThat(cv.foldAccuracy()).hasSize(5);
    var m = cv.pooled();
    assertThat(m.tn() + m.fp() + m.fn() + m.tp()).as("every image left out exactly once").isEqualTo(600);
    assertThat(cv.accuracy()).isBetween(0.8, 0.95);
    assertThat(cv.describe()).startsWith("5-fold cross-validation").contains("out of sample");

    // Labels independent of the pixels (images() draws them at random): in sample the MCC-optimal cut still finds
    // something; out of sample there is nothing to find, and cross-validation must say so.
    Evaluation.Table noise = Evaluation.run(config, registry, images(600, 5), done -> {});
    CascadeCalibration.CrossValidation none = CascadeCalibration.crossValidate(config, registry, noise,
        CascadeCalibration.calibrate(config, registry, noise, 0.05, 0.1, "all"), 0.05, 0.1, 5, 72);
    assertThat(Math.abs(none.mcc())).as("no signal out of sample").isLessThan(0.15);
    assertThat(none.inSampleMcc()).as("in sample is optimistic").isGreaterThan(none.mcc());
    assertThatThrownBy(() -> CascadeCalibration.crossValidate(config, registry, table, onAll, 0.05, 0.1, 1, 72))
        .hasMessageContaining("folds must be between 2");
  }

  @Test
  void aCalibratedFileNamesItsFilesSoThatItCanMove(@TempDir Path dir) throws Exception {
    Path home = dir.resolve("home");
    java.nio.file.Files.createDirectories(home.resolve("models"));
    Path model = java.nio.file.Files.writeString(home.resolve("models").resolve("m.onnx"), "weights");
    Path folder = dir.resolve("calibrated");
    Path head = java.nio.file.Files.createDirectories(folder.resolve("head"));
    assertThat(CascadeCalibration.portable(model.toString(), folder, home)).isEqualTo("~/models/m.onnx");
    assertThat(CascadeCalibration.portable(head.toString(), folder, home)).isEqualTo("${CASCADE_DIR}/head");
    assertThat(CascadeCalibration.portable(dir.resolve("absent.onnx").toString(), folder, home))
        .as("only files that exist").isEqualTo(dir.resolve("absent.onnx").toString());
    assertThat(CascadeCalibration.portable("a ${literal}", folder, home)).isEqualTo("a $${literal}");
    assertThat(CascadeCalibration.portable(Map.of("paths", List.of(model.toString(), 3)), folder, home))
        .isEqualTo(Map.of("paths", List.of("~/models/m.onnx", 3)));

    // Written next to its head, loaded back from there: the head resolves to the same folder, the text stays text.
    CascadeConfig config = new CascadeConfigLoader().parse("""
        cascade: portable
        fallback: 0.3
        stages:
          - {name: gate, type: channel, head: 'HEAD', note: 'costs $${a} dollar', exit: always}
        """.replace("HEAD", head.toString()), CascadeConfigLoader.Format.YAML, "x");
    Path out = folder.resolve("calibrated.yaml");
    CascadeCalibration.write(new CascadeCalibration.Result(config, Map.of(), new java.util.LinkedHashMap<>()), out);
    assertThat(java.nio.file.Files.readString(out)).contains("${CASCADE_DIR}/head").doesNotContain(dir.toString());
    CascadeConfig reloaded = new CascadeConfigLoader().load(out);
    var gate = ((io.cascade4j.core.config.StepConfig.Single) reloaded.steps().getFirst()).stage().provider().settings();
    assertThat(gate.get("head")).isEqualTo(head.toString());
    assertThat(gate.get("note")).isEqualTo("costs ${a} dollar");
  }

  @Test
  void keptExitsSurviveCalibrationWhereFittingThemTowardAWeakLastStageWouldHurt() throws Exception {
    // The first stage reads the red channel, which the labels follow; the last reads green, which they do not. Exits
    // fitted to agree with running every stage make the gate never exit (the last stage decides: a coin); kept, the
    // gate's band answers what it is sure of, as a pretrained photo gate before weight-free counts does.
    CascadeConfig config = new CascadeConfigLoader().parse("""
        cascade: strongest-first
        fallback: 0.3
        stages:
          - {name: gate, type: channel, exit: {type: band, low: 0.3, high: 0.7}}
          - {name: last, type: channel, channel: green, exit: always}
        """, CascadeConfigLoader.Format.YAML, "x");
    Random random = new Random(11);
    List<LabelledImages.Item> items = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      int red = random.nextInt(256);
      items.add(new LabelledImages.Item("img-" + i,
          TestImages.png(TestImages.solid(4, 4, new Color(red, random.nextInt(256), 40))), red > 128 ? 1 : 0));
    }
    Evaluation.Table table = Evaluation.run(config, registry, items, done -> {});
    CascadeCalibration.Result fitted = CascadeCalibration.calibrate(config, registry, table, 0.05, 0.1, "all");
    CascadeCalibration.Result kept = CascadeCalibration.calibrate(config, registry, table, 0.05, 0.1, "all",
        CascadeCalibration.Exits.KEEP);
    assertThat(fitted.config().steps().getFirst().exit().type()).isEqualTo("never");
    assertThat(kept.config().steps().getFirst().exit()).isEqualTo(config.steps().getFirst().exit());
    assertThat(kept.choices()).isEmpty();
    assertThat(kept.config().operatingPoint()).isNotNull();
    assertThat(kept.config().steps().getFirst()).isInstanceOfSatisfying(
        io.cascade4j.core.config.StepConfig.Single.class,
        gate -> assertThat(gate.stage().calibration().type()).isEqualTo("platt"));
    assertThat((String) kept.provenance().get("exits")).startsWith("kept as configured");
    CascadeCalibration.CrossValidation fittedCv = CascadeCalibration.crossValidate(config, registry, table, fitted,
        0.05, 0.1, 5, 72);
    CascadeCalibration.CrossValidation keptCv = CascadeCalibration.crossValidate(config, registry, table, kept, 0.05,
        0.1, 5, 72, CascadeCalibration.Exits.KEEP);
    assertThat(fittedCv.accuracy()).as("exits fitted toward the coin").isLessThan(0.75);
    assertThat(keptCv.accuracy()).as("exits kept").isGreaterThan(0.9);
  }

  @Test
  void theOperatingPointRemapsAnswersFromEvidenceButNotTheFallback() throws Exception {
    String yaml = """
        fallback: 0.3
        operating-point: 0.7
        stages:
          - {name: only, type: channel, exit: always}
        """;
    CascadeConfig config = new CascadeConfigLoader().parse(yaml, CascadeConfigLoader.Format.YAML, "op");
    assertThat(config.operatingPoint().threshold()).isEqualTo(0.7);
    try (Cascade cascade = Cascades.create(config, registry)) {
      double at = cascade.evaluate(Query.of(TestImages.png(TestImages.solid(2, 2, new Color(179, 0, 0))))).probability();
      double below = cascade.evaluate(Query.of(TestImages.png(TestImages.solid(2, 2, new Color(170, 0, 0)))))
          .probability();
      assertThat(at).as("179/255 = 0.702 is past the cut").isGreaterThan(0.5);
      assertThat(below).as("170/255 = 0.667 is before it").isLessThan(0.5);
    }
    assertThatThrownBy(() -> new CascadeConfigLoader().parse(yaml.replace("0.7", "1.5"),
        CascadeConfigLoader.Format.YAML, "op")).hasMessageContaining("operating-point: must be strictly between 0 and 1");
  }

  @Test
  void everyMetricPerSourceAndAStageThatOnlyLearnedTheSourceIsFlagged() throws Exception {
    // Source "dashcam": red images, all positive; source "potholes": green images, all negative; source "mixed":
    // red and green of both labels. The red channel "learns the source": right on the first two, a coin on the third.
    String yaml = """
        stages:
          - {name: red, type: channel, exit: never}
          - {name: judge, type: constant, probability: 0.6, exit: always}
        """;
    CascadeConfig config = new CascadeConfigLoader().parse(yaml, CascadeConfigLoader.Format.YAML, "x");
    List<LabelledImages.Item> items = new ArrayList<>();
    Map<String, String> sourceOf = new java.util.HashMap<>();
    for (int i = 0; i < 30; i++) {
      String source = i < 10 ? "dashcam" : i < 20 ? "potholes" : "mixed";
      boolean red = i < 10 || (i >= 20 && i % 2 == 0);
      int label = i < 10 ? 1 : i < 20 ? 0 : (i / 2) % 2;
      Color color = red ? new Color(230, 20, 40) : new Color(20, 230, 40);
      items.add(new LabelledImages.Item("img-" + i, TestImages.png(TestImages.solid(4, 4, color)), label, source));
      sourceOf.put("img-" + i, source);
    }
    Evaluation.Table table = Evaluation.run(config, registry, items, done -> {});
    Evaluation.SourceBreakdown breakdown = Evaluation.bySource(config, registry, table, sourceOf);
    assertThat(breakdown.sources()).containsOnlyKeys("dashcam", "potholes", "mixed");
    assertThat(breakdown.sources().get("dashcam").images()).isEqualTo(10);
    assertThat(breakdown.sources().get("dashcam").positives()).isEqualTo(10);
    assertThat(breakdown.sources().get("dashcam").stageAccuracy().get("red")).isEqualTo(1.0);
    assertThat(breakdown.sources().get("potholes").stageAccuracy().get("red")).isEqualTo(1.0);
    assertThat(breakdown.sources().get("mixed").stageAccuracy().get("red")).isEqualTo(0.5);
    assertThat(breakdown.stageAccuracySpread().get("red")).isEqualTo(0.5);
    // The constant judge is as source-bound: right on every positive source, wrong on every negative one.
    assertThat(breakdown.flagged()).containsExactly("red", "judge");
  }

  @Test
  void labelsCsvCarriesTheSourceColumnThroughQuotedCells(@TempDir Path dir) throws Exception {
    java.nio.file.Files.write(dir.resolve("a.png"), TestImages.png(TestImages.solid(4, 4, Color.RED)).toByteArray());
    java.nio.file.Files.write(dir.resolve("b.png"), TestImages.png(TestImages.solid(4, 4, Color.RED)).toByteArray());
    java.nio.file.Files.writeString(dir.resolve("labels.csv"), """
        file,label,source_repo,notes
        a.png,1,cmu/roadwork,"cones, a worker"
        b.png,0,"udacity/lanes",plain
        """);
    assertThat(LabelledImages.read(dir)).extracting(LabelledImages.Item::source)
        .containsExactly("cmu/roadwork", "udacity/lanes");
  }

  @Test
  void stageCalibrationFromTheFileIsAppliedToTheStagesEvidence() throws Exception {
    String yaml = """
        stages:
          - {name: a, type: constant, probability: 0.8, calibration: {type: platt, slope: 2, intercept: -1}, exit: always}
        """;
    CascadeConfig config = new CascadeConfigLoader().parse(yaml, CascadeConfigLoader.Format.YAML, "c");
    try (Cascade cascade = Cascades.create(config, registry)) {
      double expected = 1 / (1 + Math.exp(-(2 * Math.log(0.8 / 0.2) - 1)));
      assertThat(cascade.evaluate(Query.of(TestImages.notAnImage())).probability()).isCloseTo(expected, offset(1e-12));
    }
    String broken = yaml.replace("{type: platt, slope: 2, intercept: -1}", "{type: isotonic, x: [0.5, 0.2], y: [0, 1]}");
    assertThatThrownBy(() -> Cascades.create(new CascadeConfigLoader().parse(broken, CascadeConfigLoader.Format.YAML,
        "c"), registry)).hasMessageContaining("stages[0].calibration.y: x must increase");
  }
}
