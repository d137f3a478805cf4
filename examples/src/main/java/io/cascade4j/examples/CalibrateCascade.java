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
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./cascade4j calibrate folder cascade.yaml out.yaml [alpha [delta]]}: fits the cascade's early exits on a
 * labelled folder (Learn-then-Test; by default alpha 0.02, delta 0.1) and writes a new cascade file with provenance.
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
          Path.of("target", "eval"), System.out);
    } catch (ConfigurationException | IOException | IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
    }
  }

  static CascadeCalibration.Result run(Path folder, Path cascade, Path out, double alpha, double delta, Path work,
      PrintStream print) throws IOException, ConfigurationException {
    if (out.toAbsolutePath().normalize().equals(cascade.toAbsolutePath().normalize())) {
      throw new IOException("the output must be a new file, not the cascade file itself");
    }
    List<LabelledImages.Item> items = LabelledImages.read(folder);
    CascadeConfig config = new CascadeConfigLoader().load(cascade);
    Evaluation.Table table = Evaluation.runCached(config, ProviderRegistry.discover(), items,
        work.resolve("table.json"), done -> print.printf(Locale.ROOT, "\rrunning every stage: %d/%d", done,
            items.size()));
    print.println();
    CascadeCalibration.Result result = CascadeCalibration.calibrate(config, ProviderRegistry.discover(), table, alpha, delta, folder.toString());
    for (Map.Entry<String, LearnThenTest.Choice> choice : result.choices().entrySet()) {
      print.println(choice.getKey() + ": " + choice.getValue().guarantee());
    }
    CascadeCalibration.write(result, out);
    print.println("written: " + out);
    return result;
  }
}
