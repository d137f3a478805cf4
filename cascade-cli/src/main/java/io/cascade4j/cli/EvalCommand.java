package io.cascade4j.cli;

import io.cascade4j.api.ConfigurationException;
import io.cascade4j.core.ProviderRegistry;
import io.cascade4j.core.config.CascadeConfig;
import io.cascade4j.core.config.CascadeConfigLoader;
import io.cascade4j.core.evaluation.Evaluation;
import io.cascade4j.core.evaluation.HardCaseStore;
import io.cascade4j.core.evaluation.HtmlReport;
import io.cascade4j.core.evaluation.LabelledImages;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cascade4j eval FOLDER [CASCADE]}: evaluates a cascade on a labelled folder and writes {@code report.json}, a
 * self-contained {@code report.html}, and the hard cases (low confidence, disagreeing stages) with their traces in
 * {@code hard-cases/}, ready to label. Without a cascade file, the default cascade.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class, sortOptions = false,
    description = "Evaluates a cascade on a folder of labelled images (labels.csv, labels.jsonl, or 0/ and 1/).")
final class EvalCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FOLDER", description = "The labelled images.")
  Path folder;

  @Parameters(index = "1", arity = "0..1", paramLabel = "CASCADE", description = "The cascade (default: the default one).")
  @Nullable Path cascade;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "target/eval",
      description = "Where the report and hard cases go (default ${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Integer call() throws Exception {
    run(CascadeCli.folder(folder, "labelled images"),
        CascadeCli.file(cascade != null ? cascade : Installation.defaultFile("cascade.yaml"), "the cascade"), out,
        System.out);
    return 0;
  }

  static Evaluation.Report run(Path folder, Path cascadeFile, Path out, PrintStream print)
      throws IOException, ConfigurationException {
    List<LabelledImages.Item> items = LabelledImages.read(folder);
    CascadeConfig config = new CascadeConfigLoader().load(cascadeFile);
    Files.createDirectories(out);
    ProviderRegistry registry = ProviderRegistry.discover();
    HardCaseStore hardCases = new HardCaseStore(0.1, 500, 64L << 20);
    Evaluation.Table table;
    try (JobProgress progress = JobProgress.start("running every stage", items.size(), "images")) {
      table = Evaluation.runCached(config, registry, items, out.resolve("table.json"), progress::stepTo, hardCases);
    }
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
}
