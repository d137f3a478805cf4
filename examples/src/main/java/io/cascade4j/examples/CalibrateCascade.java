package io.cascade4j.examples;

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

/**
 * {@code ./cascade4j calibrate folder cascade.yaml out.yaml [alpha [delta [seed]]]}: splits a labelled folder into a
 * calibration part (70%) and a held-out part (30%) by a seeded shuffle (seed 72 by default), fits the cascade on the
 * first (stage calibration, stacking, early exits by Learn-then-Test with alpha 0.02 and delta 0.1 by default, the
 * operating point), reports the calibrated cascade on the held-out part, and writes a new cascade file with
 * provenance.
 */
public final class CalibrateCascade {
  private CalibrateCascade() {}

  /** Runs the calibration; exit status 2 for bad input. */
  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: calibrate FOLDER CASCADE.yaml OUT.yaml [ALPHA [DELTA]]");
      System.exit(2);
    }
    try {
      run(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]),
          args.length > 3 ? Double.parseDouble(args[3]) : 0.02, args.length > 4 ? Double.parseDouble(args[4]) : 0.1,
          args.length > 5 ? Long.parseLong(args[5]) : 72, Path.of("target", "eval"), System.out);
    } catch (ConfigurationException | IOException | IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
    }
  }

  static CascadeCalibration.Result run(Path folder, Path cascade, Path out, double alpha, double delta, long seed,
      Path work, PrintStream print) throws IOException, ConfigurationException {
    if (out.toAbsolutePath().normalize().equals(cascade.toAbsolutePath().normalize())) {
      throw new IOException("the output must be a new file, not the cascade file itself");
    }
    List<LabelledImages.Item> all = new ArrayList<>(LabelledImages.read(folder));
    Collections.shuffle(all, new Random(seed));
    int split = (int) Math.round(all.size() * 0.7);
    List<LabelledImages.Item> calibration = all.subList(0, split);
    List<LabelledImages.Item> heldOut = all.subList(split, all.size());
    CascadeConfig config = new CascadeConfigLoader().load(cascade);
    ProviderRegistry registry = ProviderRegistry.discover();
    Evaluation.Table table = Evaluation.runCached(config, registry, calibration, work.resolve("table.json"),
        done -> print.printf(Locale.ROOT, "\rrunning every stage: %d/%d", done, calibration.size()));
    print.println();
    CascadeCalibration.Result result = CascadeCalibration.calibrate(config, registry, table, alpha, delta,
        String.format(Locale.ROOT, "%s: %d of %d images (seeded shuffle, seed %d), %d held out", folder,
            calibration.size(), all.size(), seed, heldOut.size()));
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
    CascadeCalibration.write(result, out);
    print.println("written: " + out);
    return result;
  }
}
