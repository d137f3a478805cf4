package io.cascade4j.core.evaluation;

import io.cascade4j.api.ConfigurationException;
import io.cascade4j.core.ProviderRegistry;
import io.cascade4j.core.config.CascadeConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A self-contained HTML page (inline SVG, no scripts, nothing fetched) with an evaluation's numbers and charts: the
 * ROC curve and reliability diagram of the cascade's answers, the share of answers each step gave, and cost against
 * accuracy for the cascade, running every stage, and each stage alone.
 */
public final class HtmlReport {
  private static final int W = 360;
  private static final int H = 260;
  private static final int PAD = 40;

  private HtmlReport() {}

  /** The page for {@code config} evaluated on {@code table}. */
  public static String render(CascadeConfig full, ProviderRegistry registry, Evaluation.Table table)
      throws ConfigurationException {
    CascadeConfig config = table.present(full);
    Evaluation.Report report = Evaluation.report(config, registry, table);
    double[] answers = Evaluation.replay(config, registry, table).stream()
        .mapToDouble(Evaluation.Replayed::probability).toArray();
    int[] labels = table.labels();
    BinaryMetrics c = report.cascade();
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
        .append(escape("Evaluation of " + config.name())).append("</title><style>")
        .append("body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse}")
        .append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}th:first-child,td:first-child")
        .append("{text-align:left}svg{border:1px solid #ddd;margin:0 1em 1em 0}</style></head><body>");
    html.append("<h1>").append(escape(config.name())).append("</h1>");
    html.append(String.format(Locale.ROOT, "<p>%d images, %d positive. SN72 score after them %.4f (mean reward %.4f)."
        + " Cost %.1f ms per image against %.1f ms running every stage.</p>", report.images(), report.positives(),
        report.sn72Score(), report.sn72MeanReward(), report.meanCostMillis(), report.allStagesCostMillis()));
    html.append("<table><tr><th></th><th>coverage</th><th>ms</th><th>accuracy</th><th>MCC</th><th>ROC-AUC</th>")
        .append("<th>Brier</th><th>ECE</th></tr>");
    row(html, "cascade", 1, report.meanCostMillis(), c);
    for (Map.Entry<String, Evaluation.StageReport> stage : report.stages().entrySet()) {
      row(html, stage.getKey(), stage.getValue().coverage(), stage.getValue().meanLatencyMillis(),
          stage.getValue().metrics());
    }
    html.append("</table><h2>Charts</h2>");
    html.append(roc(answers, labels)).append(reliability(answers, labels)).append(shares(report.exitShares()))
        .append(costAccuracy(report));
    return html.append("</body></html>\n").toString();
  }

  private static void row(StringBuilder html, String name, double coverage, double millis, BinaryMetrics m) {
    html.append("<tr><td>").append(escape(name)).append("</td>");
    html.append(String.format(Locale.ROOT, "<td>%.2f</td><td>%.1f</td>", coverage, millis));
    if (m == null) {
      html.append("<td colspan=\"5\">no opinion</td></tr>");
      return;
    }
    html.append(String.format(Locale.ROOT, "<td>%.3f</td><td>%.3f</td><td>%.3f</td><td>%.4f</td><td>%.4f</td></tr>",
        m.accuracy(), m.mcc(), m.rocAuc(), m.brier(), m.expectedCalibrationError()));
  }

  /** ROC points: thresholds from high to low, ties taken together. */
  static List<double[]> rocPoints(double[] p, int[] y) {
    Integer[] order = IntStream.range(0, p.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> -p[i]));
    long positives = Arrays.stream(y).filter(v -> v == 1).count();
    long negatives = y.length - positives;
    List<double[]> points = new ArrayList<>();
    points.add(new double[] {0, 0});
    long tp = 0;
    long fp = 0;
    for (int i = 0; i < order.length; i++) {
      if (y[order[i]] == 1) {
        tp++;
      } else {
        fp++;
      }
      if (i + 1 == order.length || p[order[i + 1]] != p[order[i]]) {
        points.add(new double[] {negatives == 0 ? 0 : (double) fp / negatives, positives == 0 ? 0 : (double) tp
            / positives});
      }
    }
    return points;
  }

  private static String roc(double[] p, int[] y) {
    StringBuilder line = new StringBuilder();
    for (double[] point : rocPoints(p, y)) {
      line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(point[0]), yy(point[1])));
    }
    return frame("ROC curve", "false positive rate", "true positive rate")
        + "<line x1=\"" + x(0) + "\" y1=\"" + yy(0) + "\" x2=\"" + x(1) + "\" y2=\"" + yy(1)
        + "\" stroke=\"#bbb\" stroke-dasharray=\"4\"/><polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\""
        + " points=\"" + line.toString().strip() + "\"/></svg>";
  }

  private static String reliability(double[] p, int[] y) {
    StringBuilder svg = new StringBuilder(frame("Reliability", "mean predicted probability", "share positive"));
    svg.append("<line x1=\"").append(x(0)).append("\" y1=\"").append(yy(0)).append("\" x2=\"").append(x(1))
        .append("\" y2=\"").append(yy(1)).append("\" stroke=\"#bbb\" stroke-dasharray=\"4\"/>");
    int bins = BinaryMetrics.CALIBRATION_BINS;
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
        svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"#d62728\"/>",
            x(sumP / count), yy(sumY / count), 2 + Math.sqrt(count)));
      }
    }
    return svg.append("</svg>").toString();
  }

  private static String shares(Map<String, Double> shares) {
    StringBuilder svg = new StringBuilder(frame("Who answered", "", "share of images"));
    int i = 0;
    double width = (W - 2.0 * PAD) / Math.max(1, shares.size());
    for (Map.Entry<String, Double> share : shares.entrySet()) {
      double left = PAD + i * width;
      svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
          + " fill=\"#2ca02c\"/><text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>",
          left + 4, yy(share.getValue()), width - 8, yy(0) - yy(share.getValue()), left + width / 2, H - PAD + 14,
          escape(share.getKey())));
      i++;
    }
    return svg.append("</svg>").toString();
  }

  private static String costAccuracy(Evaluation.Report report) {
    double maxCost = Math.max(report.allStagesCostMillis(), 1e-9);
    for (Evaluation.StageReport s : report.stages().values()) {
      maxCost = Math.max(maxCost, s.meanLatencyMillis());
    }
    StringBuilder svg = new StringBuilder(frame("Cost and accuracy", "ms per image", "accuracy"));
    point(svg, report.meanCostMillis() / maxCost, report.cascade().accuracy(), "cascade", "#1f77b4");
    for (Map.Entry<String, Evaluation.StageReport> s : report.stages().entrySet()) {
      if (s.getValue().metrics() != null) {
        point(svg, s.getValue().meanLatencyMillis() / maxCost, s.getValue().metrics().accuracy(), s.getKey(), "#888");
      }
    }
    return svg.append("</svg>").toString();
  }

  private static void point(StringBuilder svg, double cost, double accuracy, String label, String colour) {
    svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"/><text x=\"%.1f\""
        + " y=\"%.1f\" font-size=\"10\">%s</text>", x(cost), yy(accuracy), colour, x(cost) + 6, yy(accuracy) - 4,
        escape(label)));
  }

  private static String frame(String title, String xLabel, String yLabel) {
    return String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\">"
        + "<text x=\"%d\" y=\"16\" font-size=\"13\" font-weight=\"bold\">%s</text>"
        + "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>"
        + "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>"
        + "<text x=\"12\" y=\"%d\" font-size=\"10\" transform=\"rotate(-90 12 %d)\" text-anchor=\"middle\">%s</text>",
        W, H, PAD, escape(title), PAD, PAD, W - 2 * PAD, H - 2 * PAD, W / 2, H - 6, escape(xLabel), H / 2, H / 2,
        escape(yLabel));
  }

  private static double x(double v) {
    return PAD + v * (W - 2 * PAD);
  }

  private static double yy(double v) {
    return H - PAD - v * (H - 2 * PAD);
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
