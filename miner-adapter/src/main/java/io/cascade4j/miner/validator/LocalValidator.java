package io.cascade4j.miner.validator;

import io.cascade4j.core.evaluation.Sn72Scorer;
import io.cascade4j.bittensor.crypto.Sr25519;
import io.cascade4j.bittensor.dendrite.Dendrite;
import io.cascade4j.bittensor.protocol.ImageSynapse;
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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A local SN72 validator: makes challenges as validators do, sends them to an axon over HTTP as a real dendrite does
 * (sr25519-signed, 9 s timeout), from one or several validator hotkeys in turn, and scores the answers exactly as the
 * validator does ({@link Sn72Scorer}: banker's rounding, MCC over 100, accuracy over 10, reward cubed, misses 0, EMA
 * 0.05), one scorer per validator hotkey. Two kinds of traffic ({@link Mode}): January 2026 (224x224 augmented
 * challenges) and the traffic since May 2026 (native size, no augmentation, consensus tasks).
 */
public final class LocalValidator {
  private static final Pattern EXITS = Pattern.compile("^cascade_exits_total\\{([^}]*)\\}\\s+([0-9.eE+-]+)");
  private static final Pattern STAGE = Pattern.compile("stage=\"([^\"]*)\"");
  /** The share of scored tasks that are consensus tasks since May 2026 (shared/protocol/streetvision-sn72.md). */
  public static final double CONSENSUS_SHARE = 0.09;

  /** Which validator code the challenges imitate. */
  public enum Mode {
    /**
     * The January 2026 reference: augmentation level L0..L3, ending at 224x224, JPEG quality 75 ({@link
     * Augmentation}).
     */
    JANUARY("january"),
    /**
     * Since 3 May 2026: the image at its native size, no resize and no augmentation, JPEG quality 75; about 9% of
     * the tasks are consensus tasks, graded against {@code round(mean)} of the answers of the miners asked.
     */
    NATIVE_2026("2026");

    private final String id;

    Mode(String id) {
      this.id = id;
    }

    /** {@code january} or {@code 2026}. */
    public String id() {
      return id;
    }

    /** The mode of {@code id}; the exception lists the valid ids. */
    public static Mode of(String id) {
      for (Mode m : values()) {
        if (m.id.equals(id)) {
          return m;
        }
      }
      throw new IllegalArgumentException("unknown validator mode '" + id + "': use january or 2026");
    }
  }

  /** Another miner asked in consensus tasks, whose answers count toward the majority. */
  public record Peer(URI axon, String hotkey) {}

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
   * @param mode the traffic to imitate
   * @param concurrency challenges in flight at once (1: one after another, as one validator sends them)
   * @param imagePool 0: a fresh image per challenge; N: N images made once, each challenge one of them with a unique
   *     JPEG comment, so that no two requests are byte-identical (the miner's cache never answers) while the client
   *     spends nothing on making images: for long load runs
   * @param peers other miners asked in consensus tasks (none: the miner is graded against its own answer there, as
   *     when all ten miners asked answer alike)
   */
  public record Options(URI axon, String axonHotkey, int challenges, int validators, long seed,
      double timeoutSeconds, @Nullable URI metrics, Mode mode, int concurrency, int imagePool, List<Peer> peers) {
    public Options {
      if (challenges < 1 || validators < 1 || concurrency < 1 || imagePool < 0) {
        throw new IllegalArgumentException("need at least one challenge, validator and challenge in flight, and a"
            + " pool of zero or more images");
      }
      peers = List.copyOf(peers);
    }

    /** January mode, one challenge at a time, a fresh image each. */
    public Options(URI axon, String axonHotkey, int challenges, int validators, long seed, double timeoutSeconds,
        @Nullable URI metrics) {
      this(axon, axonHotkey, challenges, validators, seed, timeoutSeconds, metrics, Mode.JANUARY, 1, 0, List.of());
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

  /** One challenge as sent: its truth, its group in the report, its JPEG, and whether it is a consensus task. */
  private record Challenge(int label, String group, byte[] jpeg, boolean consensus) {}

  /** Makes challenge {@code i}; every draw comes from {@code random}, so a seed gives the same challenges. */
  private static Challenge make(ChallengeSource source, Mode mode, Random random) {
    int label = random.nextInt(2);
    ChallengeSource.Picture picture = source.next(label, random);
    if (mode == Mode.JANUARY) {
      int level = random.nextInt(4);
      BufferedImage challenge = Augmentation.apply(picture.image(), level, random, new ArrayList<>());
      return new Challenge(label, "L" + level, Augmentation.jpeg(challenge), false);
    }
    boolean consensus = random.nextDouble() < CONSENSUS_SHARE;
    BufferedImage image = picture.image();
    return new Challenge(label, image.getWidth() + "x" + image.getHeight(), Augmentation.jpeg(image), consensus);
  }

  /** Runs the challenges and returns the report; progress lines go to {@code progress}. */
  public static ValidatorReport run(ChallengeSource source, Options o, PrintStream progress)
      throws InterruptedException {
    Random random = new Random(o.seed());
    // Each validator hotkey gets one dendrite per challenge that may be in flight: an axon requires each dendrite's
    // (hotkey:uuid) nonces to rise strictly, which concurrent sends through one dendrite would break.
    List<BlockingQueue<Dendrite>> dendrites = new ArrayList<>();
    Map<String, Sn72Scorer> scorers = new LinkedHashMap<>();
    Map<String, List<Double>> scores = new LinkedHashMap<>();
    Map<String, List<Double>> rewards = new LinkedHashMap<>();
    for (int v = 0; v < o.validators(); v++) {
      Sr25519.Keypair key = validatorKey(v);
      BlockingQueue<Dendrite> free = new ArrayBlockingQueue<>(o.concurrency());
      for (int c = 0; c < o.concurrency(); c++) {
        free.add(new Dendrite(key));
      }
      dendrites.add(free);
      String hotkey = free.peek().hotkey();
      scorers.put(hotkey, new Sn72Scorer());
      scores.put(hotkey, new ArrayList<>());
      rewards.put(hotkey, new ArrayList<>());
    }
    List<Challenge> pool = new ArrayList<>();
    for (int i = 0; i < o.imagePool(); i++) {
      pool.add(make(source, o.mode(), random));
    }
    Map<String, Double> exitsBefore = exits(o.metrics());
    Tally tally = new Tally(o.challenges(), progress);
    Semaphore inFlight = new Semaphore(o.concurrency());
    try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < o.challenges(); i++) {
        Challenge challenge;
        if (pool.isEmpty()) {
          challenge = make(source, o.mode(), random);
        } else {
          Challenge drawn = pool.get(random.nextInt(pool.size()));
          challenge = new Challenge(drawn.label(), drawn.group(), withComment(drawn.jpeg(), "cascade4j challenge " + i),
              o.mode() == Mode.NATIVE_2026 && random.nextDouble() < CONSENSUS_SHARE);
        }
        BlockingQueue<Dendrite> free = dendrites.get(i % dendrites.size());
        inFlight.acquire();
        Dendrite dendrite = free.take();
        senders.execute(() -> {
          try {
            Outcome outcome = ask(dendrite, o.axon(), o.axonHotkey(), challenge.jpeg(), o.timeoutSeconds());
            int truth = challenge.label();
            if (challenge.consensus()) {
              truth = majority(outcome, dendrite, challenge, o);
            }
            synchronized (scorers) {
              Sn72Scorer scorer = scorers.get(dendrite.hotkey());
              rewards.get(dendrite.hotkey()).add(scorer.record(outcome.miss() == null ? outcome.prediction() : -1,
                  truth));
              scores.get(dendrite.hotkey()).add(scorer.score());
              tally.add(challenge, truth, outcome);
            }
          } finally {
            free.add(dendrite);
            inFlight.release();
          }
        });
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
    return new ValidatorReport(o.mode().id(), o.challenges(), trajectories, tally.confusion(), tally.misses,
        percentiles(tally.latencies), tally.byGroup(), tally.consensus(), exits);
  }

  /** A miner's answer to one challenge: a prediction, or why there was none. */
  private record Outcome(double prediction, @Nullable String miss, double latencyMillis) {}

  private static Outcome ask(Dendrite dendrite, URI axon, String hotkey, byte[] jpeg, double timeoutSeconds) {
    String base64 = Base64.getEncoder().encodeToString(jpeg);
    try {
      Dendrite.Response r = dendrite.send(axon, hotkey, ImageSynapse.request(base64, timeoutSeconds));
      if (r.status() != 200 || r.synapse() == null) {
        return new Outcome(-1, "HTTP " + r.status(), 0);
      }
      double prediction = r.synapse().prediction();
      return Sn72Scorer.isAnswer(prediction) ? new Outcome(prediction, null, r.latency().toNanos() / 1e6)
          : new Outcome(-1, "out of range", 0);
    } catch (HttpTimeoutException e) {
      return new Outcome(-1, "timeout", 0);
    } catch (IOException e) {
      return new Outcome(-1, "connection: " + e.getClass().getSimpleName(), 0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(-1, "interrupted", 0);
    }
  }

  /**
   * The consensus label of a task: {@code round(mean)} (half to even, as numpy) of the valid answers of the miner and
   * its peers; the true label when nobody answered (the validator then has nothing to grade against).
   */
  private static int majority(Outcome own, Dendrite dendrite, Challenge challenge, Options o) {
    List<Double> answers = new ArrayList<>();
    if (own.miss() == null) {
      answers.add(own.prediction());
    }
    for (Peer peer : o.peers()) {
      Outcome theirs = ask(dendrite, peer.axon(), peer.hotkey(), challenge.jpeg(), o.timeoutSeconds());
      if (theirs.miss() == null) {
        answers.add(theirs.prediction());
      }
    }
    if (answers.isEmpty()) {
      return challenge.label();
    }
    double mean = answers.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    return Sn72Scorer.predictedLabel(mean);
  }

  /** {@code jpeg} with a comment segment right after its start marker: other bytes, the same pixels. */
  static byte[] withComment(byte[] jpeg, String comment) {
    byte[] text = comment.getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[jpeg.length + 4 + text.length];
    out[0] = jpeg[0];
    out[1] = jpeg[1];
    out[2] = (byte) 0xFF;
    out[3] = (byte) 0xFE; // COM
    out[4] = (byte) ((text.length + 2) >>> 8);
    out[5] = (byte) (text.length + 2);
    System.arraycopy(text, 0, out, 6, text.length);
    System.arraycopy(jpeg, 2, out, 6 + text.length, jpeg.length - 2);
    return out;
  }

  /** What the answers added up to, with a progress line per window of challenges (guarded by the caller). */
  private static final class Tally {
    private final int total;
    private final PrintStream progress;
    private final int every;
    final long[] confusion = new long[4]; // tn, fp, fn, tp
    final Map<String, Integer> misses = new TreeMap<>();
    final List<Double> latencies = new ArrayList<>();
    final Map<String, int[]> byGroup = new TreeMap<>(); // answered, correct
    final int[] consensus = new int[4]; // tasks, answered, miner agreed with the majority, majority was the truth
    private int done;
    private int windowStart; // where this window's latencies begin
    private int printed; // challenges counted at the last progress line

    Tally(int total, PrintStream progress) {
      this.total = total;
      this.progress = progress;
      this.every = total >= 5000 ? 1000 : 50;
    }

    void add(Challenge challenge, int truth, Outcome outcome) {
      if (challenge.consensus()) {
        consensus[0]++;
        consensus[3] += truth == challenge.label() ? 1 : 0;
      }
      if (outcome.miss() != null) {
        misses.merge(outcome.miss(), 1, Integer::sum);
      } else {
        latencies.add(outcome.latencyMillis());
        int predicted = Sn72Scorer.predictedLabel(outcome.prediction());
        if (challenge.consensus()) {
          consensus[1]++;
          consensus[2] += predicted == truth ? 1 : 0;
        } else {
          confusion[challenge.label() * 2 + predicted]++;
          int[] g = byGroup.computeIfAbsent(challenge.group(), k -> new int[2]);
          g[0]++;
          g[1] += predicted == challenge.label() ? 1 : 0;
        }
      }
      done++;
      if (done % every == 0 || done == total) {
        Map<String, Double> window = percentiles(latencies.subList(Math.min(windowStart, latencies.size()),
            latencies.size()));
        progress.printf(Locale.ROOT, "  %d/%d challenges answered or missed; last %d: p50 %.1f ms, p99 %.1f ms%n",
            done, total, done - printed, window.get("p50"), window.get("p99"));
        windowStart = latencies.size();
        printed = done;
      }
    }

    Map<String, Long> confusion() {
      return Map.of("tn", confusion[0], "fp", confusion[1], "fn", confusion[2], "tp", confusion[3]);
    }

    Map<String, Double> byGroup() {
      Map<String, Double> accuracy = new LinkedHashMap<>();
      byGroup.forEach((group, g) -> accuracy.put(group, Math.round(1000.0 * g[1] / g[0]) / 1000.0));
      return accuracy;
    }

    Map<String, Integer> consensus() {
      Map<String, Integer> c = new LinkedHashMap<>();
      if (consensus[0] > 0) {
        c.put("tasks", consensus[0]);
        c.put("answered", consensus[1]);
        c.put("agreed-with-majority", consensus[2]);
        c.put("majority-was-truth", consensus[3]);
      }
      return c;
    }
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
