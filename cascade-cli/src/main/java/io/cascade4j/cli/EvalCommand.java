package io.cascade4j.cli;

import io.cascade4j.api.ConfigurationException;
import io.cascade4j.core.ProviderRegistry;
import io.cascade4j.core.config.CascadeConfig;
import io.cascade4j.core.config.CascadeConfigLoader;
import io.cascade4j.core.evaluation.Evaluation;
import io.cascade4j.core.evaluation.HardCaseStore;
import io.cascade4j.core.evaluation.LabelledImages;
import io.cascade4j.cli.report.EvaluationPage;
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
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper().enable(
          com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);

  @Parameters(index = "0", paramLabel = "FOLDER", description = "The labelled images.")
  Path folder;

  @Parameters(index = "1", arity = "0..1", paramLabel = "CASCADE", description = "The cascade (default: the default one).")
  @Nullable Path cascade;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Where the report and hard cases go (default: a new target/eval/run-TIME for each run).")
  @Nullable Path out;

  @Option(names = "--cache", paramLabel = "FILE", defaultValue = "target/eval/table.json",
      description = "Every stage's outputs, reused while the images and cascade stay the same (default"
          + " ${DEFAULT-VALUE}).")
  Path cache;

  @Override
  public Integer call() throws Exception {
    Path dir = out != null ? out : Path.of("target", "eval", "run-" + java.time.LocalDateTime.now(
        java.time.ZoneOffset.UTC).format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    run(CascadeCli.folder(folder, "labelled images"),
        CascadeCli.file(cascade != null ? cascade : Installation.defaultFile("cascade.yaml"), "the cascade"), dir,
        cache, System.out);
    return 0;
  }

  static Evaluation.Report run(Path folder, Path cascadeFile, Path out, PrintStream print)
      throws IOException, ConfigurationException {
    return run(folder, cascadeFile, out, out.resolve("table.json"), print);
  }

  static Evaluation.Report run(Path folder, Path cascadeFile, Path out, Path cache, PrintStream print)
      throws IOException, ConfigurationException {
    List<LabelledImages.Item> items = LabelledImages.read(folder);
    CascadeConfig config = new CascadeConfigLoader().load(cascadeFile);
    Files.createDirectories(out);
    ProviderRegistry registry = ProviderRegistry.discover();
    HardCaseStore hardCases = new HardCaseStore(0.1, 500, 64L << 20);
    Evaluation.Table table;
    try (JobProgress progress = JobProgress.start("running every stage", items.size(), "images")) {
      table = Evaluation.runCached(config, registry, items, cache, progress::stepTo);
    }
    Evaluation.offerHardCases(config, registry, table, items, hardCases); // also when the table came from the cache
    List<HardCaseStore.Written> written = hardCases.cases().isEmpty() ? List.of()
        : hardCases.writeTo(out.resolve("hard-cases"));
    if (!written.isEmpty()) {
      print.println(written.size() + " hard case(s) to label in " + out.resolve("hard-cases"));
    }
    Evaluation.Report report = Evaluation.report(config, registry, table);
    Map<String, String> sourceOf = new java.util.HashMap<>();
    items.forEach(item -> sourceOf.put(item.name(), item.source()));
    Evaluation.SourceBreakdown sources = items.stream().anyMatch(item -> !item.source().isEmpty())
        ? Evaluation.bySource(config, registry, table, sourceOf) : null;
    EvaluationPage.Provenance provenance = new EvaluationPage.Provenance(folder.toAbsolutePath().normalize().toString(),
        cascadeFile.toAbsolutePath().normalize().toString(), sha256(cascadeFile),
        BuildVersion.version() + " (commit " + BuildVersion.commit() + ")",
        java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
        Runtime.version().toString());
    Map<String, Object> json = new java.util.LinkedHashMap<>();
    json.put("provenance", provenance);
    json.put("report", report);
    json.put("sources", sources);
    json.put("hardCases", written);
    Files.writeString(out.resolve("report.json"), JSON.writeValueAsString(json));
    Files.writeString(out.resolve("report.html"), EvaluationPage.render(config, registry, table, provenance, sources,
        written, "hard-cases"));
    print.printf(Locale.ROOT, "%d images (%d positive); cascade: accuracy %.3f, MCC %.3f, ROC-AUC %s, SN72 score %.4f%n",
        report.images(), report.positives(), report.cascade().accuracy(), report.cascade().mcc(),
        Double.isNaN(report.cascade().rocAuc()) ? "n/a" : String.format(Locale.ROOT, "%.3f", report.cascade().rocAuc()),
        report.sn72Score());
    print.printf(Locale.ROOT, "cost: %.1f ms per image, %.1f ms running every stage; answered by %s%n",
        report.meanCostMillis(), report.allStagesCostMillis(), shares(report.exitShares()));
    for (Map.Entry<String, Evaluation.StageReport> stage : report.stages().entrySet()) {
      Evaluation.StageReport s = stage.getValue();
      print.printf(Locale.ROOT, "  %-12s coverage %.2f  %.1f ms  MCC %s%n", stage.getKey(), s.coverage(),
          s.meanLatencyMillis(), s.metrics() == null ? "-" : String.format(Locale.ROOT, "%.3f", s.metrics().mcc()));
    }
    if (sources != null) {
      sources.sources().forEach((source, r) -> print.printf(Locale.ROOT, "  source %-40s %3d images, accuracy %.3f%n",
          source.isEmpty() ? "(none)" : source, r.images(), r.cascade().accuracy()));
      if (!sources.flagged().isEmpty()) {
        print.println("  accuracy differs a lot between sources for: " + String.join(", ", sources.flagged()));
      }
    }
    print.println("report: " + out.resolve("report.json") + " and " + out.resolve("report.html"));
    return report;
  }

  /** "gate 90%, hazards 10%": shares rounded for reading (report.json keeps them exact). */
  static String shares(Map<String, Double> shares) {
    List<String> parts = new java.util.ArrayList<>();
    shares.forEach((stage, share) -> parts.add(String.format(Locale.ROOT, "%s %.0f%%", stage, 100 * share)));
    return String.join(", ", parts);
  }

  private static String sha256(Path file) throws IOException {
    try {
      return java.util.HexFormat.of().formatHex(
          java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
