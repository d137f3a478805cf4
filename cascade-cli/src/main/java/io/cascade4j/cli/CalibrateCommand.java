package io.cascade4j.cli;

import io.cascade4j.api.ConfigurationException;
import io.cascade4j.core.ProviderRegistry;
import io.cascade4j.core.config.CascadeConfig;
import io.cascade4j.core.config.CascadeConfigLoader;
import io.cascade4j.core.evaluation.CascadeCalibration;
import io.cascade4j.core.evaluation.Evaluation;
import io.cascade4j.core.evaluation.LabelledImages;
import io.cascade4j.core.evaluation.LearnThenTest;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cascade4j calibrate FOLDER CASCADE OUT}: splits a labelled folder into a calibration part (70%) and a
 * held-out part (30%) by a seeded shuffle, fits the cascade on the first (stage calibration, stacking, early exits by
 * Learn-then-Test, the operating point), reports the calibrated cascade on the held-out part, and writes a new
 * cascade file with provenance.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
    sortOptions = false, description = "Calibrates a cascade on labelled images and writes a calibrated copy.")
final class CalibrateCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FOLDER", description = "The labelled images.")
  Path folder;

  @Parameters(index = "1", paramLabel = "CASCADE", description = "The cascade file to calibrate.")
  Path cascade;

  @Parameters(index = "2", paramLabel = "OUT", description = "The calibrated cascade file to write (a new file).")
  Path out;

  @Option(names = "--alpha", defaultValue = "0.02",
      description = "Largest error rate an early exit may add (default ${DEFAULT-VALUE}).")
  double alpha;

  @Option(names = "--delta", defaultValue = "0.1",
      description = "Chance that the guarantee fails (default ${DEFAULT-VALUE}).")
  double delta;

  @Option(names = "--seed", defaultValue = "72", description = "Seed of the split (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--folds", paramLabel = "K", defaultValue = "0",
      description = "K >= 2: calibrate on every image and estimate what the calibration is worth by K-fold "
          + "cross-validation of the whole procedure, for the few images real photos come in (default: "
          + "calibrate on 70%% and report the held-out 30%%).")
  int folds;

  @Option(names = "--exits", paramLabel = "fit|keep", defaultValue = "fit",
      description = "fit: every early exit's band by Learn-then-Test against running every stage (alpha, delta); "
          + "keep: the exits as configured, only the probabilities and the operating point fitted, for a cascade "
          + "whose first stages are its strongest (default ${DEFAULT-VALUE}).")
  String exits;

  @Option(names = "--work", paramLabel = "DIR", defaultValue = "target/eval",
      description = "Where the table of stage outputs is cached (default ${DEFAULT-VALUE}).")
  Path work;

  @Override
  public Integer call() throws Exception {
    if (!(alpha > 0 && alpha < 1) || !(delta > 0 && delta < 1)) {
      throw new CascadeCli.UsageException("--alpha and --delta must be strictly between 0 and 1");
    }
    if (folds == 1 || folds < 0) {
      throw new CascadeCli.UsageException("--folds must be 0 (a 70/30 split) or at least 2");
    }
    CascadeCalibration.Exits exitFitting = switch (exits) {
      case "fit" -> CascadeCalibration.Exits.FIT;
      case "keep" -> CascadeCalibration.Exits.KEEP;
      default -> throw new CascadeCli.UsageException("--exits must be fit or keep, got '" + exits + "'");
    };
    try {
      run(CascadeCli.folder(folder, "labelled images"), CascadeCli.file(cascade, "the cascade"), out, alpha, delta,
          seed, folds, exitFitting, work, System.out);
    } catch (IllegalArgumentException e) {
      throw new CascadeCli.UsageException(e.getMessage());
    }
    return 0;
  }

  static CascadeCalibration.Result run(Path folder, Path cascade, Path out, double alpha, double delta, long seed,
      Path work, PrintStream print) throws IOException, ConfigurationException {
    return run(folder, cascade, out, alpha, delta, seed, 0, CascadeCalibration.Exits.FIT, work, print);
  }

  /**
   * With {@code folds >= 2}: every image calibrates, and cross-validation says what that is worth; {@code exits}
   * says whether the exits are fitted or kept.
   */
  static CascadeCalibration.Result run(Path folder, Path cascade, Path out, double alpha, double delta, long seed,
      int folds, CascadeCalibration.Exits exits, Path work, PrintStream print)
      throws IOException, ConfigurationException {
    if (out.toAbsolutePath().normalize().equals(cascade.toAbsolutePath().normalize())) {
      throw new IllegalArgumentException("the output must be a new file, not the cascade file itself");
    }
    List<LabelledImages.Item> all = new ArrayList<>(LabelledImages.read(folder));
    Collections.shuffle(all, new Random(seed));
    int split = folds >= 2 ? all.size() : (int) Math.round(all.size() * 0.7);
    List<LabelledImages.Item> calibration = all.subList(0, split);
    List<LabelledImages.Item> heldOut = all.subList(split, all.size());
    CascadeConfig config = new CascadeConfigLoader().load(cascade);
    ProviderRegistry registry = ProviderRegistry.discover();
    java.nio.file.Files.createDirectories(work);
    Evaluation.Table table;
    try (JobProgress progress = JobProgress.start("running every stage", calibration.size(), "images")) {
      table = Evaluation.runCached(config, registry, calibration, work.resolve("table.json"), progress::stepTo);
    }
    CascadeCalibration.Result result = CascadeCalibration.calibrate(config, registry, table, alpha, delta,
        String.format(Locale.ROOT, "%s: %d of %d images (seeded shuffle, seed %d), %d held out", folder,
            calibration.size(), all.size(), seed, heldOut.size()), exits);
    if (folds >= 2) {
      CascadeCalibration.CrossValidation cv = CascadeCalibration.crossValidate(config, registry, table, result, alpha,
          delta, folds, seed, exits);
      result.provenance().put("cross-validation", cv.describe());
      print.println(cv.describe());
    }
    if (!heldOut.isEmpty()) {
      Evaluation.Table held = Evaluation.run(result.config(), registry, heldOut, done -> {});
      Evaluation.Report report = Evaluation.report(result.config(), registry, held);
      print.printf(Locale.ROOT, "held out (%d images): accuracy %.3f, MCC %.3f, SN72 score %.4f, %.1f ms per image"
          + " against %.1f running every stage%n", report.images(), report.cascade().accuracy(),
          report.cascade().mcc(), report.sn72Score(), report.meanCostMillis(), report.allStagesCostMillis());
    }
    for (Map.Entry<String, LearnThenTest.Choice> choice : result.choices().entrySet()) {
      print.println(choice.getKey() + ": " + choice.getValue().guarantee());
    }
    if (exits == CascadeCalibration.Exits.KEEP) {
      print.println("exits: " + result.provenance().get("exits"));
    }
    CascadeCalibration.write(result, out);
    print.println("written: " + out);
    return result;
  }
}
