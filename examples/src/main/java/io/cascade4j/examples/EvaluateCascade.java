package io.cascade4j.examples;

import io.cascade4j.api.ConfigurationException;
import io.cascade4j.core.ProviderRegistry;
import io.cascade4j.core.config.CascadeConfig;
import io.cascade4j.core.config.CascadeConfigLoader;
import io.cascade4j.core.evaluation.Evaluation;
import io.cascade4j.core.evaluation.HardCaseStore;
import io.cascade4j.core.evaluation.HtmlReport;
import io.cascade4j.core.evaluation.LabelledImages;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./cascade4j eval [folder [cascade.yaml]]}: evaluates a cascade on a labelled folder and writes
 * {@code target/eval/report.json}, a self-contained {@code report.html}, and the hard cases (low confidence,
 * disagreeing stages) with their traces in {@code hard-cases/}, ready to label. By default, the demo cascade on {@code ../shared/data/real-roads}.
 */
public final class EvaluateCascade {
  private EvaluateCascade() {}

  /** Runs the evaluation; exit status 2 for bad input. */
  public static void main(String[] args) throws Exception {
    Path folder = Path.of(args.length > 0 ? args[0] : "../shared/data/real-roads");
    try {
      run(folder, args.length > 1 ? Path.of(args[1]) : null, Path.of("target", "eval"), System.out);
    } catch (ConfigurationException | IOException e) {
      System.err.println(e.getMessage());
      System.exit(2);
    }
  }

  static Evaluation.Report run(Path folder, Path cascadeFile, Path out, PrintStream print)
      throws IOException, ConfigurationException {
    List<LabelledImages.Item> items = LabelledImages.read(folder);
    CascadeConfig config = cascadeFile == null ? bundled() : new CascadeConfigLoader().load(cascadeFile);
    ProviderRegistry registry = ProviderRegistry.discover();
    HardCaseStore hardCases = new HardCaseStore(0.1, 500, 64L << 20);
    Evaluation.Table table = Evaluation.runCached(config, registry, items, out.resolve("table.json"),
        done -> print.printf(Locale.ROOT, "\rrunning every stage: %d/%d", done, items.size()), hardCases);
    print.println();
    if (!hardCases.cases().isEmpty()) {
      hardCases.writeTo(out.resolve("hard-cases"));
      print.println(hardCases.cases().size() + " hard case(s) to label in " + out.resolve("hard-cases"));
    }
    Evaluation.Report report = Evaluation.report(config, registry, table);
    Files.writeString(out.resolve("report.json"), Evaluation.toJson(report));
    Files.writeString(out.resolve("report.html"), HtmlReport.render(config, registry, table));
    print.printf(Locale.ROOT, "%d images (%d positive); cascade: accuracy %.3f, MCC %.3f, ROC-AUC %.3f, SN72 score %.4f%n",
        report.images(), report.positives(), report.cascade().accuracy(), report.cascade().mcc(),
        report.cascade().rocAuc(), report.sn72Score());
    print.printf(Locale.ROOT, "cost: %.1f ms per image, %.1f ms running every stage; answered by %s%n",
        report.meanCostMillis(), report.allStagesCostMillis(), report.exitShares());
    for (Map.Entry<String, Evaluation.StageReport> stage : report.stages().entrySet()) {
      Evaluation.StageReport s = stage.getValue();
      print.printf(Locale.ROOT, "  %-12s coverage %.2f  %.1f ms  MCC %s%n", stage.getKey(), s.coverage(),
          s.meanLatencyMillis(), s.metrics() == null ? "-" : String.format(Locale.ROOT, "%.3f", s.metrics().mcc()));
    }
    print.println("report: " + out.resolve("report.json") + " and " + out.resolve("report.html"));
    return report;
  }

  private static CascadeConfig bundled() throws IOException, ConfigurationException {
    try (InputStream in = EvaluateCascade.class.getResourceAsStream("/roadwork-demo.yaml")) {
      return new CascadeConfigLoader().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8),
          CascadeConfigLoader.Format.YAML, "roadwork-demo");
    }
  }
}
