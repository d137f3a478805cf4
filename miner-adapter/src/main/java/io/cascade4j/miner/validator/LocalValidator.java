package io.cascade4j.miner.validator;

import io.cascade4j.core.evaluation.Sn72Scorer;
import io.cascade4j.miner.crypto.Sr25519;
import io.cascade4j.miner.dendrite.Dendrite;
import io.cascade4j.miner.protocol.ImageSynapse;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A local SN72 validator: makes challenges as validators do (label 0/1 at random, augmentation level L0..L3, 224x224
 * JPEG at quality 75, base64), sends them to an axon over HTTP as a real dendrite does (sr25519-signed, 9 s timeout),
 * from one or several validator hotkeys in turn, and scores the answers exactly as the validator does ({@link
 * Sn72Scorer}: banker's rounding, MCC over 100, accuracy over 10, reward cubed, misses 0, EMA 0.05), one scorer per
 * validator hotkey.
 */
public final class LocalValidator {
  private static final Pattern EXITS = Pattern.compile("^cascade_exits_total\\{([^}]*)\\}\\s+([0-9.eE+-]+)");
  private static final Pattern STAGE = Pattern.compile("stage=\"([^\"]*)\"");

  /**
   * How to run.
   *
   * @param axon the axon's URL, e.g. {@code http://127.0.0.1:8091}
   * @param axonHotkey the SS58 hotkey the axon serves
   * @param challenges how many to send
   * @param validators how many validator hotkeys send them, in turn
   * @param seed makes the challenges and the validator keys
   * @param timeoutSeconds the synapse timeout (validators: 9)
   * @param metrics the miner's Prometheus endpoint, or null
   */
  public record Options(URI axon, String axonHotkey, int challenges, int validators, long seed,
      double timeoutSeconds, @Nullable URI metrics) {
    public Options {
      if (challenges < 1 || validators < 1) {
        throw new IllegalArgumentException("need at least one challenge and one validator");
      }
    }
  }

  private LocalValidator() {}

  /** The key of local validator {@code i}: derived from a fixed phrase, so runs and allow lists are repeatable. */
  public static Sr25519.Keypair validatorKey(int i) {
    return Sr25519.fromMiniSecret(validatorSeed(i));
  }

  /** The mini-secret of {@link #validatorKey}: SHA-256 of "cascade4j local validator {@code i}". Test keys only. */
  public static byte[] validatorSeed(int i) {
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest(("cascade4j local validator " + i).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs the challenges and returns the report; progress lines go to {@code progress}. */
  public static ValidatorReport run(ChallengeSource source, Options o, PrintStream progress)
      throws InterruptedException {
    Random random = new Random(o.seed());
    List<Dendrite> dendrites = new ArrayList<>();
    Map<String, Sn72Scorer> scorers = new LinkedHashMap<>();
    Map<String, List<Double>> scores = new LinkedHashMap<>();
    Map<String, List<Double>> rewards = new LinkedHashMap<>();
    for (int v = 0; v < o.validators(); v++) {
      Dendrite d = new Dendrite(validatorKey(v));
      dendrites.add(d);
      scorers.put(d.hotkey(), new Sn72Scorer());
      scores.put(d.hotkey(), new ArrayList<>());
      rewards.put(d.hotkey(), new ArrayList<>());
    }
    Map<String, Double> exitsBefore = exits(o.metrics());
    long[] confusion = new long[4]; // tn, fp, fn, tp
    Map<String, Integer> misses = new TreeMap<>();
    List<Double> latencies = new ArrayList<>();
    int[][] byLevel = new int[4][2]; // answered, correct
    for (int i = 0; i < o.challenges(); i++) {
      int label = random.nextInt(2);
      int level = random.nextInt(4);
      ChallengeSource.Picture picture = source.next(label, random);
      BufferedImage challenge = Augmentation.apply(picture.image(), level, random, new ArrayList<>());
      String base64 = Base64.getEncoder().encodeToString(Augmentation.jpeg(challenge));
      Dendrite dendrite = dendrites.get(i % dendrites.size());
      double prediction = -1;
      String miss = null;
      try {
        Dendrite.Response r = dendrite.send(o.axon(), o.axonHotkey(), ImageSynapse.request(base64, o.timeoutSeconds()));
        if (r.status() == 200 && r.synapse() != null) {
          prediction = r.synapse().prediction();
          if (!Sn72Scorer.isAnswer(prediction)) {
            miss = "out of range";
          } else {
            latencies.add(r.latency().toNanos() / 1e6);
          }
        } else {
          miss = "HTTP " + r.status();
        }
      } catch (HttpTimeoutException e) {
        miss = "timeout";
      } catch (IOException e) {
        miss = "connection: " + e.getClass().getSimpleName();
      }
      Sn72Scorer scorer = scorers.get(dendrite.hotkey());
      rewards.get(dendrite.hotkey()).add(scorer.record(miss == null ? prediction : -1, label));
      scores.get(dendrite.hotkey()).add(scorer.score());
      if (miss != null) {
        misses.merge(miss, 1, Integer::sum);
      } else {
        int predicted = Sn72Scorer.predictedLabel(prediction);
        confusion[label * 2 + predicted]++;
        byLevel[level][0]++;
        byLevel[level][1] += predicted == label ? 1 : 0;
      }
      if ((i + 1) % 50 == 0 || i + 1 == o.challenges()) {
        progress.printf(Locale.ROOT, "  %d/%d challenges sent%n", i + 1, o.challenges());
      }
    }
    Map<String, Double> exits = new TreeMap<>();
    exits(o.metrics()).forEach((stage, count) -> {
      double delta = count - exitsBefore.getOrDefault(stage, 0.0);
      if (delta > 0) {
        exits.put(stage, delta);
      }
    });
    Map<String, ValidatorReport.Trajectory> trajectories = new LinkedHashMap<>();
    scorers.forEach((hotkey, s) -> trajectories.put(hotkey, new ValidatorReport.Trajectory(s.score(), s.mcc(),
        s.recentAccuracy(), scores.get(hotkey), rewards.get(hotkey))));
    Map<String, Double> levels = new LinkedHashMap<>();
    for (int l = 0; l < 4; l++) {
      if (byLevel[l][0] > 0) { // a level no answered challenge had is left out, not shown as 0
        levels.put("L" + l, Math.round(1000.0 * byLevel[l][1] / byLevel[l][0]) / 1000.0);
      }
    }
    return new ValidatorReport(o.challenges(), trajectories, Map.of("tn", confusion[0], "fp", confusion[1], "fn",
        confusion[2], "tp", confusion[3]), misses, percentiles(latencies), levels, exits);
  }

  private static Map<String, Double> percentiles(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    Map<String, Double> p = new LinkedHashMap<>();
    for (String name : List.of("p50", "p90", "p99")) {
      double q = Integer.parseInt(name.substring(1)) / 100.0;
      p.put(name, sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size())
          - 1)));
    }
    p.put("max", sorted.isEmpty() ? 0 : sorted.getLast());
    return p;
  }

  /** {@code cascade_exits_total} summed per stage from a Prometheus text endpoint; empty without one. */
  static Map<String, Double> exits(@Nullable URI metrics) throws InterruptedException {
    Map<String, Double> exits = new TreeMap<>();
    if (metrics == null) {
      return exits;
    }
    try (HttpClient http = HttpClient.newHttpClient()) {
      String text = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      for (String line : text.split("\n")) {
        Matcher m = EXITS.matcher(line);
        if (m.find()) {
          Matcher stage = STAGE.matcher(m.group(1));
          if (stage.find()) {
            exits.merge(stage.group(1), Double.parseDouble(m.group(2)), Double::sum);
          }
        }
      }
    } catch (IOException e) {
      exits.clear(); // metrics are a nicety: the run's scores stand without them
    }
    return exits;
  }
}
