package io.cascade4j.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade4j.core.ProviderRegistry;
import io.cascade4j.core.config.CascadeConfig;
import io.cascade4j.core.config.CascadeConfigLoader;
import io.cascade4j.core.evaluation.Evaluation;
import io.cascade4j.core.evaluation.HardCaseStore;
import io.cascade4j.core.evaluation.LabelledImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report as a browser shows it: Debian's headless Chromium loads the file, draws every chart, and the DOM it
 * built holds each chart's title and axis labels and the report's sections. Under CI the browser must be there
 * ({@code .ci/run} installs it); elsewhere the test is skipped without it.
 */
class EvaluationPageBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  static String page(Path dir) throws Exception {
    Path samples = Path.of("..", "examples", "src", "main", "resources", "sample-images");
    List<LabelledImages.Item> items = new ArrayList<>();
    Map<String, String> sourceOf = new HashMap<>();
    int i = 0;
    for (LabelledImages.Item item : LabelledImages.read(samples)) {
      String source = i++ % 2 == 0 ? "dashcam" : "web";
      items.add(new LabelledImages.Item(item.name(), item.image(), item.label(), source));
      sourceOf.put(item.name(), source);
    }
    CascadeConfig config = new CascadeConfigLoader().load(Path.of("..", "examples", "src", "main", "resources",
        "roadwork-demo.yaml"));
    ProviderRegistry registry = ProviderRegistry.discover();
    HardCaseStore hard = new HardCaseStore(0.4, 10, 1 << 20);
    Evaluation.Table table = Evaluation.run(config, registry, items, done -> {}, hard);
    List<HardCaseStore.Written> written = hard.writeTo(dir.resolve("hard-cases"));
    return EvaluationPage.render(config, registry, table, new EvaluationPage.Provenance("samples", "demo.yaml",
        "ab12", "test", "2026-11-30T00:00:00Z", "25"), Evaluation.bySource(config, registry, table, sourceOf),
        written, "hard-cases");
  }

  @Test
  void theReportIsOneOfflineFileWithEverySection(@TempDir Path dir) throws Exception {
    String html = page(dir);
    // Nothing fetched: no script, stylesheet, image source or link off the page (the SVG namespace is only a name).
    assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("<script", "<link", "src=", "href=\"http",
        "url(http")
        .contains("Provenance", "Confusion matrix", "Per source", "Hard cases", "ab12", "dashcam")
        .contains("ROC", "Precision and recall", "Reliability", "Who answered", "Cost of each stage",
            "operating point", "n=");
    assertThat(html.split("<svg").length - 1).isEqualTo(6);
    assertThat(html).doesNotContainPattern("\\d\\.\\d{5,}</td>"); // numbers rounded for reading
  }

  @Test
  void chromiumDrawsItWithAxisLabelsAndNoErrors(@TempDir Path dir) throws Exception {
    boolean ci = System.getenv("CI") != null;
    if (!ci) {
      Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed");
    }
    assertThat(CHROMIUM).as("CI installs chromium (.ci/run)").isExecutable();
    Path file = Files.writeString(dir.resolve("report.html"), page(dir));
    List<String> common = List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--enable-logging=stderr", "--v=0", "--user-data-dir=" + dir.resolve("profile"));
    List<String> dump = new ArrayList<>(common);
    dump.addAll(List.of("--dump-dom", file.toUri().toString()));
    Process process = new ProcessBuilder(dump).redirectError(dir.resolve("stderr.txt").toFile()).start();
    String dom = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
    String log = Files.readString(dir.resolve("stderr.txt"));
    assertThat(log).doesNotContain("Uncaught").doesNotContain("CONSOLE");
    assertThat(dom.split("<svg").length - 1).isEqualTo(6);
    for (String axis : List.of("false positive rate", "true positive rate", "recall", "precision",
        "mean predicted probability", "share positive", "deciding stage", "share of images", "ms per image",
        "source", "accuracy")) {
      assertThat(dom).as("axis label " + axis).contains(">" + axis + "<");
    }
    List<String> shot = new ArrayList<>(common);
    shot.addAll(List.of("--window-size=1200,900", "--screenshot=" + dir.resolve("shot.png"), file.toUri().toString()));
    Process screenshot = new ProcessBuilder(shot).redirectErrorStream(true).start();
    screenshot.getInputStream().readAllBytes();
    assertThat(screenshot.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.size(dir.resolve("shot.png"))).isGreaterThan(20_000);
  }
}
