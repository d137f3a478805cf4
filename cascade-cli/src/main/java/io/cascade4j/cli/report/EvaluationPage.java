package io.cascade4j.cli.report;

import io.cascade4j.api.ConfigurationException;
import io.cascade4j.core.ProviderRegistry;
import io.cascade4j.core.config.CascadeConfig;
import io.cascade4j.core.evaluation.BinaryMetrics;
import io.cascade4j.core.evaluation.Evaluation;
import io.cascade4j.core.evaluation.HardCaseStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * The evaluation report: provenance; the cascade's numbers and confusion matrix; every stage's coverage, cost and
 * metrics with flags on stages that cost much and decide little; ROC and precision-recall curves per stage and for
 * the cascade with its operating point; the reliability diagram with counts; who answered and what each stage costs;
 * the breakdown per data source; links to the hard cases. Numbers are rounded for reading (the JSON beside it keeps
 * them exact). One self-contained file: no script, nothing fetched.
 */
public final class EvaluationPage {
  /** A stage is flagged when it takes more than this share of the cost of running every stage ... */
  static final double COSTLY_SHARE = 0.25;
  /** ... and answers fewer than this share of the images. */
  static final double DECIDES_LITTLE = 0.05;

  private EvaluationPage() {}

  /**
   * Where the numbers come from.
   *
   * @param data the labelled folder
   * @param cascadeFile the cascade file
   * @param cascadeSha256 its SHA-256
   * @param version the cascade4j version and commit
   * @param date when the evaluation ran (UTC, ISO-8601)
   * @param java the Java runtime
   */
  public record Provenance(String data, String cascadeFile, String cascadeSha256, String version, String date,
      String java) {}

  /** The page. {@code sources} may be null when the labels name no source; hard-case links are relative. */
  public static String render(CascadeConfig full, ProviderRegistry registry, Evaluation.Table table,
      Provenance provenance, Evaluation.@Nullable SourceBreakdown sources, List<HardCaseStore.Written> hardCases,
      String hardCaseFolder) throws ConfigurationException {
    CascadeConfig config = table.present(full);
    Evaluation.Report report = Evaluation.report(config, registry, table);
    double[] answers = Evaluation.replay(config, registry, table).stream()
        .mapToDouble(Evaluation.Replayed::probability).toArray();
    int[] labels = table.labels();
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(escape("Evaluation of " + config.name())).append("</title><style>")
        .append("body{font-family:sans-serif;margin:2em;color:#222;max-width:1150px}")
        .append("table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:4px 8px;")
        .append("text-align:right}th:first-child,td:first-child{text-align:left}.flag{color:#b00;font-weight:bold}")
        .append("svg{margin:0 1em 1em 0;border:1px solid #eee}dl{display:grid;grid-template-columns:max-content auto;")
        .append("gap:2px 1em}dt{font-weight:bold}</style></head><body>");
    html.append("<h1>Evaluation of ").append(escape(config.name())).append("</h1>");
    provenance(html, provenance, report);
    summary(html, report);
    stages(html, report);
    html.append("<h2>Curves</h2><div>");
    html.append(rocChart(table, answers, labels)).append(prChart(table, answers, labels))
        .append(reliabilityChart(answers, labels)).append("</div>");
    html.append("<h2>Who answered and what it cost</h2><div>").append(exitsChart(report))
        .append(costChart(report)).append("</div>");
    if (sources != null) {
      sources(html, sources, report);
    }
    hardCases(html, hardCases, hardCaseFolder);
    return html.append("</body></html>\n").toString();
  }

  private static void provenance(StringBuilder html, Provenance p, Evaluation.Report report) {
    html.append("<h2>Provenance</h2><dl>");
    definition(html, "data", p.data() + " (" + report.images() + " images, " + report.positives() + " positive)");
    definition(html, "cascade file", p.cascadeFile());
    definition(html, "cascade SHA-256", p.cascadeSha256());
    definition(html, "cascade4j", p.version());
    definition(html, "Java", p.java());
    definition(html, "evaluated", p.date());
    html.append("</dl>");
  }

  private static void definition(StringBuilder html, String term, String value) {
    html.append("<dt>").append(escape(term)).append("</dt><dd>").append(escape(value)).append("</dd>");
  }

  private static void summary(StringBuilder html, Evaluation.Report report) {
    BinaryMetrics c = report.cascade();
    html.append("<h2>The cascade</h2>");
    html.append(String.format(Locale.ROOT, "<p>Accuracy %.3f, MCC %.3f, ROC-AUC %s, Brier %.3f, ECE %.3f. SN72 score"
        + " after these images %.3f (mean reward %.3f). Cost %.1f ms per image against %.1f ms running every stage"
        + " (%.0f%% saved by early exits).</p>", c.accuracy(), c.mcc(), format(c.rocAuc(), 3), c.brier(),
        c.expectedCalibrationError(), report.sn72Score(), report.sn72MeanReward(), report.meanCostMillis(),
        report.allStagesCostMillis(), 100 * (1 - report.meanCostMillis() / Math.max(1e-9,
            report.allStagesCostMillis()))));
    BinaryMetrics.ConfusionMatrix m = c.confusion();
    html.append("<table><caption>Confusion matrix at the operating point (answer &ge; 0.5)</caption>")
        .append("<tr><th>truth \\ answer</th><th>no roadwork</th><th>roadwork</th><th>total</th></tr>")
        .append(String.format(Locale.ROOT, "<tr><td>no roadwork</td><td>%d</td><td>%d</td><td>%d</td></tr>",
            m.tn(), m.fp(), m.tn() + m.fp()))
        .append(String.format(Locale.ROOT, "<tr><td>roadwork</td><td>%d</td><td>%d</td><td>%d</td></tr>",
            m.fn(), m.tp(), m.fn() + m.tp()))
        .append("</table>");
  }

  private static void stages(StringBuilder html, Evaluation.Report report) {
    html.append("<h2>Stages</h2><table><tr><th>stage</th><th>coverage</th><th>ms per image</th><th>share of all-stage")
        .append(" cost</th><th>answers</th><th>accuracy</th><th>MCC</th><th>ROC-AUC</th><th>Brier</th><th>ECE</th>")
        .append("<th>flag</th></tr>");
    for (Map.Entry<String, Evaluation.StageReport> entry : report.stages().entrySet()) {
      Evaluation.StageReport s = entry.getValue();
      double costShare = s.meanLatencyMillis() / Math.max(1e-9, report.allStagesCostMillis());
      double answered = report.exitShares().getOrDefault(entry.getKey(), 0.0);
      html.append("<tr><td>").append(escape(entry.getKey())).append("</td>").append(String.format(Locale.ROOT,
          "<td>%.2f</td><td>%.1f</td><td>%.0f%%</td><td>%.0f%%</td>", s.coverage(), s.meanLatencyMillis(),
          100 * costShare, 100 * answered));
      BinaryMetrics m = s.metrics();
      if (m == null) {
        html.append("<td colspan=\"5\">no opinion on any image</td>");
      } else {
        html.append(String.format(Locale.ROOT, "<td>%.3f</td><td>%.3f</td><td>%s</td><td>%.3f</td><td>%.3f</td>",
            m.accuracy(), m.mcc(), format(m.rocAuc(), 3), m.brier(), m.expectedCalibrationError()));
      }
      html.append("<td>").append(costlyAndIdle(costShare, answered, s.coverage())).append("</td></tr>");
    }
    html.append("</table>");
  }

  /** The flag for a stage that costs much and decides little, or nothing. */
  static String costlyAndIdle(double costShare, double answered, double coverage) {
    if (costShare > COSTLY_SHARE && (answered < DECIDES_LITTLE || coverage == 0)) {
      return String.format(Locale.ROOT, "<span class=\"flag\">costs %.0f%% of the time, answers %.0f%% of the"
          + " images (coverage %.2f)</span>", 100 * costShare, 100 * answered, coverage);
    }
    return "";
  }

  /** Points of a curve over thresholds, from probabilities and labels. */
  private interface Curve {
    List<double[]> points(double[] p, int[] y);
  }

  /** The point a confusion matrix puts on a curve. */
  private interface OperatingPoint {
    double[] of(BinaryMetrics.ConfusionMatrix m);
  }

  private static String rocChart(Evaluation.Table table, double[] answers, int[] labels) {
    return curveChart(table, answers, labels, EvaluationPage::rocPoints,
        m -> new double[] {rate(m.fp(), m.fp() + m.tn()), rate(m.tp(), m.tp() + m.fn())},
        "ROC", "false positive rate", "true positive rate", " cut 0.5: FPR %.2f, TPR %.2f");
  }

  private static String prChart(Evaluation.Table table, double[] answers, int[] labels) {
    return curveChart(table, answers, labels, EvaluationPage::prPoints,
        m -> new double[] {rate(m.tp(), m.tp() + m.fn()), rate(m.tp(), m.tp() + m.fp())},
        "Precision and recall", "recall", "precision", " cut 0.5: recall %.2f, precision %.2f");
  }

  /** The cascade's curve, each stage's, and the cascade's operating point (the 0.5 cut) marked and labelled. */
  private static String curveChart(Evaluation.Table table, double[] answers, int[] labels, Curve curve,
      OperatingPoint operatingPoint, String title, String xLabel, String yLabel, String pointLabel) {
    List<Charts.Line> lines = new ArrayList<>();
    lines.add(new Charts.Line("cascade", curve.points(answers, labels), false));
    perStage(table, (name, p, y) -> lines.add(new Charts.Line(name, curve.points(p, y), false)));
    double[] op = operatingPoint.of(BinaryMetrics.of(answers, labels).confusion());
    lines.add(new Charts.Line("cascade operating point", List.of(op), true));
    return Charts.xy(title, xLabel, yLabel, lines, Map.of(op, String.format(Locale.ROOT, pointLabel, op[0], op[1])));
  }

  private interface StageCurve {
    void accept(String name, double[] p, int[] y);
  }

  /** Each stage's probabilities and labels over the images where it had an opinion. */
  private static void perStage(Evaluation.Table table, StageCurve curve) {
    for (int e = 0; e < table.entries().size(); e++) {
      List<Double> p = new ArrayList<>();
      List<Integer> y = new ArrayList<>();
      for (int i = 0; i < table.images().size(); i++) {
        if (table.probabilities()[i][e] >= 0) {
          p.add(table.probabilities()[i][e]);
          y.add(table.labels()[i]);
        }
      }
      if (!p.isEmpty()) {
        curve.accept(table.entries().get(e), p.stream().mapToDouble(Double::doubleValue).toArray(),
            y.stream().mapToInt(Integer::intValue).toArray());
      }
    }
  }

  private static String reliabilityChart(double[] p, int[] y) {
    int bins = BinaryMetrics.CALIBRATION_BINS;
    List<double[]> points = new ArrayList<>();
    Map<double[], String> counts = new LinkedHashMap<>();
    for (int b = 0; b < bins; b++) {
      double sumP = 0;
      double sumY = 0;
      int count = 0;
      for (int i = 0; i < p.length; i++) {
        if (Math.min(bins - 1, (int) (p[i] * bins)) == b) {
          sumP += p[i];
          sumY += y[i];
          count++;
        }
      }
      if (count > 0) {
        double[] point = {sumP / count, sumY / count};
        points.add(point);
        counts.put(point, " n=" + count);
      }
    }
    return Charts.xy("Reliability (10 bins, n = images per bin)", "mean predicted probability", "share positive",
        List.of(new Charts.Line("cascade", points, true),
            new Charts.Line("perfectly calibrated", List.of(new double[] {0, 0}, new double[] {1, 1}), false)),
        counts);
  }

  private static String exitsChart(Evaluation.Report report) {
    Map<String, Double> shares = new LinkedHashMap<>();
    report.exitShares().forEach((stage, share) -> shares.put(stage, round(share, 3)));
    return Charts.bars("Who answered", "deciding stage", "share of images", Map.of("answers", shares));
  }

  private static String costChart(Evaluation.Report report) {
    Map<String, Double> cost = new LinkedHashMap<>();
    report.stages().forEach((stage, s) -> cost.put(stage, round(s.meanLatencyMillis(), 1)));
    return Charts.bars("Cost of each stage when it runs", "stage", "ms per image", Map.of("ms per image", cost));
  }

  private static void sources(StringBuilder html, Evaluation.SourceBreakdown breakdown, Evaluation.Report report) {
    html.append("<h2>Per source</h2><p>Every metric per data source. A stage whose accuracy differs by more than")
        .append(String.format(Locale.ROOT, " %.2f between sources of at least %d images is flagged: it may have"
            + " learned which source an image comes from rather than whether it shows roadwork.</p>",
            Evaluation.SOURCE_SPREAD_FLAG, Evaluation.SOURCE_MIN_IMAGES));
    List<String> stages = new ArrayList<>(report.stages().keySet());
    html.append("<table><tr><th>source</th><th>images</th><th>positive</th><th>accuracy</th><th>MCC</th>");
    stages.forEach(s -> html.append("<th>").append(escape(s)).append(" accuracy</th>"));
    html.append("</tr>");
    Map<String, Map<String, Double>> bars = new LinkedHashMap<>();
    for (Map.Entry<String, Evaluation.SourceReport> entry : breakdown.sources().entrySet()) {
      Evaluation.SourceReport s = entry.getValue();
      String name = entry.getKey().isEmpty() ? "(no source)" : entry.getKey();
      html.append("<tr><td>").append(escape(name)).append(String.format(Locale.ROOT,
          "</td><td>%d</td><td>%d</td><td>%.3f</td><td>%.3f</td>", s.images(), s.positives(), s.cascade().accuracy(),
          s.cascade().mcc()));
      for (String stage : stages) {
        Double a = s.stageAccuracy().get(stage);
        html.append("<td>").append(a == null ? "-" : String.format(Locale.ROOT, "%.3f", a)).append("</td>");
      }
      html.append("</tr>");
      bars.computeIfAbsent("cascade accuracy", k -> new LinkedHashMap<>()).put(name, round(s.cascade().accuracy(), 3));
    }
    html.append("<tr><td>spread (max - min)</td><td></td><td></td><td></td><td></td>");
    for (String stage : stages) {
      double spread = breakdown.stageAccuracySpread().getOrDefault(stage, Double.NaN);
      boolean flagged = breakdown.flagged().contains(stage);
      html.append("<td").append(flagged ? " class=\"flag\"" : "").append(">")
          .append(Double.isNaN(spread) ? "-" : String.format(Locale.ROOT, "%.3f", spread))
          .append(flagged ? " (flagged)" : "").append("</td>");
    }
    html.append("</tr></table>");
    html.append(Charts.bars("Cascade accuracy per source", "source", "accuracy", bars));
  }

  private static void hardCases(StringBuilder html, List<HardCaseStore.Written> cases, String folder) {
    html.append("<h2>Hard cases</h2>");
    if (cases.isEmpty()) {
      html.append("<p>None: every answer was confident and the stages agreed.</p>");
      return;
    }
    html.append("<p>").append(cases.size()).append(" image(s) to look at and label, with their traces, in <a href=\"")
        .append(escape(folder)).append("/\">").append(escape(folder)).append("/</a>.</p><table><tr><th>image</th>")
        .append("<th>answer</th><th>why</th><th>trace</th></tr>");
    for (HardCaseStore.Written c : cases) {
      String trace = c.file().replaceFirst("\\.[a-z]+$", ".json");
      html.append("<tr><td><a href=\"").append(escape(folder + "/" + c.file())).append("\">").append(escape(c.query()))
          .append("</a></td><td>").append(String.format(Locale.ROOT, "%.3f", c.probability())).append("</td><td>")
          .append(escape(c.reason())).append("</td><td><a href=\"").append(escape(folder + "/" + trace))
          .append("\">trace</a></td></tr>");
    }
    html.append("</table>");
  }

  /** ROC points (false-positive rate, true-positive rate) from (0, 0): thresholds from high to low, ties together. */
  static List<double[]> rocPoints(double[] p, int[] y) {
    long positives = Arrays.stream(y).filter(v -> v == 1).count();
    long negatives = y.length - positives;
    List<double[]> points = new ArrayList<>();
    points.add(new double[] {0, 0});
    points.addAll(thresholdSweep(p, y, (tp, fp) -> new double[] {rate(fp, negatives), rate(tp, positives)}));
    return points;
  }

  /** Precision-recall points (recall, precision): thresholds from high to low, ties taken together. */
  static List<double[]> prPoints(double[] p, int[] y) {
    long positives = Arrays.stream(y).filter(v -> v == 1).count();
    return thresholdSweep(p, y, (tp, fp) -> new double[] {rate(tp, positives), rate(tp, tp + fp)});
  }

  /** One point per distinct threshold, from the highest probability down, of the counts above it. */
  private static List<double[]> thresholdSweep(double[] p, int[] y, CountsToPoint point) {
    Integer[] order = IntStream.range(0, p.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> -p[i]));
    List<double[]> points = new ArrayList<>();
    long tp = 0;
    long fp = 0;
    for (int i = 0; i < order.length; i++) {
      if (y[order[i]] == 1) {
        tp++;
      } else {
        fp++;
      }
      if (i + 1 == order.length || p[order[i + 1]] != p[order[i]]) {
        points.add(point.at(tp, fp));
      }
    }
    return points;
  }

  /** A curve's point from the true and false positives above a threshold. */
  private interface CountsToPoint {
    double[] at(long truePositives, long falsePositives);
  }

  private static double rate(long part, long whole) {
    return whole == 0 ? 0 : (double) part / whole;
  }

  /** Rounded to {@code places} decimals, for a chart's labels. */
  static double round(double v, int places) {
    double scale = Math.pow(10, places);
    return Math.round(v * scale) / scale;
  }

  /** For reading: {@code places} decimals; NaN as "n/a". */
  static String format(double v, int places) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%." + places + "f", v);
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
