package io.cascade4j.miner.axon;

import static io.cascade4j.miner.axon.MinerFixture.VALIDATOR;
import static io.cascade4j.miner.axon.MinerFixture.redJpeg;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade4j.bittensor.protocol.ImageSynapse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scrape of a running miner as an operator reads it: every family has HELP text, latencies are histograms, the JVM,
 * process and build are there, every stage's counters exist before their first event, and the breaker and validator
 * gauges move. The documented series (docs/metrics.md) and the Grafana dashboard's queries are checked against it.
 */
class MetricsScrapeTest {
  private static final Path DOCS = Path.of("..", "docs");

  /** The families a scrape must hold, in Prometheus names. */
  static final List<String> EXPECTED = List.of(
      "axon_requests_total", "axon_request_latency_seconds", "axon_requests_in_flight",
      "axon_requests_in_flight_limit", "axon_verification_failures_total", "axon_cache_requests_total",
      "cascade_stage_latency_seconds", "cascade_stage_failures_total", "cascade_stage_skips_total",
      "cascade_exits_total", "cascade_answer_latency_seconds", "cascade_stage_breaker_state",
      "miner_validator_request_age_seconds", "miner_reload_failures_total", "miner_metagraph_refresh_failures_total",
      "build_info", "jvm_memory_used_bytes", "jvm_gc_pause_seconds", "jvm_threads_live_threads",
      "jvm_classes_loaded_classes", "process_cpu_usage", "system_cpu_count", "process_uptime_seconds",
      "process_files_open_files");

  /** A scrape after at least one collection, so the GC pause family (made at the first pause) is there. */
  private static String scrapeAfterGc(MinerFixture fixture) throws Exception {
    String scrape = scrape(fixture);
    for (int i = 0; i < 50 && !scrape.contains("jvm_gc_pause_seconds_count"); i++) {
      System.gc();
      Thread.sleep(40);
      scrape = scrape(fixture);
    }
    return scrape;
  }

  private static String scrape(MinerFixture fixture) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + fixture.miner.metricsPort() + "/metrics");
    try (HttpClient client = HttpClient.newHttpClient()) {
      return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
  }

  /** Family name to HELP text, from the exposition format. */
  static Map<String, String> help(String scrape) {
    Map<String, String> help = new java.util.TreeMap<>();
    scrape.lines().filter(l -> l.startsWith("# HELP ")).forEach(l -> {
      String[] parts = l.substring(7).split(" ", 2);
      help.put(parts[0], parts.length > 1 ? parts[1] : "");
    });
    return help;
  }

  /** Every series name in the scrape (histogram parts included). */
  static Set<String> series(String scrape) {
    Set<String> names = new TreeSet<>();
    scrape.lines().filter(l -> !l.startsWith("#") && !l.isBlank())
        .forEach(l -> names.add(l.split("[{ ]", 2)[0]));
    return names;
  }

  @Test
  void theScrapeHoldsTheFullSetWithHelpAndBuckets(@TempDir Path dir) throws Exception {
    String cascade = """
        stages:
          - {name: redness, type: test-redness, exit: {type: band, low: 0.3, high: 0.7}}
          - {name: judge, type: test-redness, probability: 0.9, breaker: open, exit: always}
        """;
    try (MinerFixture fixture = new MinerFixture(dir, Map.of(), cascade)) {
      String before = scrape(fixture);
      // Registered at zero before any query: a rate() over them is 0, not missing.
      assertThat(before).contains("cascade_stage_failures_total{cascade=\"cascade\",reason=\"timed_out\","
          + "stage=\"judge\"} 0.0").contains("cascade_stage_skips_total{cascade=\"cascade\",stage=\"redness\"} 0.0");
      assertThat(before).contains("cascade_stage_breaker_state{stage=\"judge\"} 2.0")
          .contains("cascade_stage_breaker_state{stage=\"redness\"} 0.0");
      double ageBefore = gauge(before, "miner_validator_request_age_seconds");

      assertThat(fixture.call(VALIDATOR, ImageSynapse.request(redJpeg(128), 9.0)).status()).isEqualTo(200);
      String after = scrapeAfterGc(fixture);
      assertThat(gauge(after, "miner_validator_request_age_seconds")).isLessThan(ageBefore + 0.5).isLessThan(1.0);
      assertThat(gauge(after, "axon_requests_in_flight")).isZero();

      Map<String, String> help = help(after);
      for (String family : EXPECTED) {
        assertThat(help).as("family " + family).containsKey(family);
      }
      help.forEach((family, text) -> assertThat(text).as("HELP of " + family).isNotBlank());
      for (String histogram : List.of("axon_request_latency_seconds", "cascade_stage_latency_seconds",
          "cascade_answer_latency_seconds")) {
        assertThat(after).as(histogram).contains(histogram + "_bucket{").contains("le=\"0.1\"").contains("le=\"+Inf\"");
      }
      assertThat(after).containsPattern("build_info\\{.*java=\"[^\"]+\".*version=\"[^\"]+\"} 1");
    }
  }

  @Test
  void everyDocumentedSeriesAndEveryDashboardQueryNamesAnExportedSeries(@TempDir Path dir) throws Exception {
    Set<String> exported;
    try (MinerFixture fixture = new MinerFixture(dir)) {
      fixture.call(VALIDATOR, ImageSynapse.request(redJpeg(128), 9.0));
      exported = series(scrapeAfterGc(fixture));
    }
    String doc = Files.readString(DOCS.resolve("metrics.md"));
    for (String family : EXPECTED) {
      assertThat(doc).as("docs/metrics.md lists " + family).contains("`" + family + "`");
    }
    JsonNode dashboard = new ObjectMapper().readTree(DOCS.resolve("grafana/miner-dashboard.json").toFile());
    List<String> queries = new ArrayList<>();
    dashboard.findValues("expr").forEach(e -> queries.add(e.asText()));
    assertThat(queries).hasSizeGreaterThan(8);
    Pattern name = Pattern.compile("\\b([a-z_]+_(?:total|seconds|bucket|count|sum|max|state|bytes|threads|classes|usage"
        + "|info|flight|limit|files))\\b");
    for (String query : queries) {
      Matcher m = name.matcher(query);
      boolean any = false;
      while (m.find()) {
        any = true;
        assertThat(exported).as("series " + m.group(1) + " in dashboard query " + query).contains(m.group(1));
      }
      assertThat(any).as("query names a series: " + query).isTrue();
    }
  }

  private static double gauge(String scrape, String name) {
    return scrape.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{")).findFirst()
        .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).orElseThrow();
  }
}
