package io.cascade4j.miner.validator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a local validator run measured.
 *
 * @param mode the traffic imitated: {@code january} (224x224 augmented) or {@code 2026} (native size)
 * @param challenges challenges sent
 * @param validators per validator hotkey: its final score (EMA of rewards) and the score after each of its challenges
 * @param confusion answered challenges (consensus tasks apart) by truth and validator-rounded prediction: tn, fp,
 *     fn, tp
 * @param misses challenges without a valid answer, by reason (HTTP status, timeout, out of range)
 * @param latencyMillis percentiles of the round trip of answered challenges: p50, p90, p99, max
 * @param byGroup accuracy of answered challenges per augmentation level (L0..L3, January) or image size (2026);
 *     groups without an answered challenge are left out
 * @param consensus consensus tasks (2026): tasks, answered, agreed-with-majority (what the validator rewards),
 *     majority-was-truth; empty when there were none
 * @param exits answers per deciding stage, read from the miner's metrics (empty when no metrics URL was given)
 */
public record ValidatorReport(String mode, int challenges, Map<String, Trajectory> validators,
    Map<String, Long> confusion, Map<String, Integer> misses, Map<String, Double> latencyMillis,
    Map<String, Double> byGroup, Map<String, Integer> consensus, Map<String, Double> exits) {

  /**
   * One validator's view of the miner.
   *
   * @param score the final EMA score
   * @param mcc the MCC over the last 100 (clipped at 0)
   * @param accuracy the accuracy over the last 10
   * @param scores the score after each challenge
   * @param rewards the reward of each challenge
   */
  public record Trajectory(double score, double mcc, double accuracy, List<Double> scores, List<Double> rewards) {}

  /** Writes the report as JSON. */
  public void write(Path file) throws IOException {
    if (file.toAbsolutePath().getParent() != null) {
      Files.createDirectories(file.toAbsolutePath().getParent());
    }
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), this);
  }

  /** A few lines for people. */
  public String summary() {
    StringBuilder s = new StringBuilder();
    long tn = confusion.get("tn");
    long fp = confusion.get("fp");
    long fn = confusion.get("fn");
    long tp = confusion.get("tp");
    long answered = tn + fp + fn + tp + consensus.getOrDefault("answered", 0);
    s.append(String.format(Locale.ROOT, "%s traffic: ", mode.equals("january")
        ? "January 2026 (224x224, augmented)" : "2026 (native size, no augmentation, consensus tasks)"));
    s.append(String.format(Locale.ROOT, "%d challenges, %d answered, %d missed %s%n", challenges, answered,
        challenges - answered, misses.isEmpty() ? "" : misses));
    s.append(String.format(Locale.ROOT, "confusion (truth x rounded answer): TN %d  FP %d  FN %d  TP %d; accuracy %.3f%n",
        tn, fp, fn, tp, tn + fp + fn + tp == 0 ? 0.0 : (double) (tn + tp) / (tn + fp + fn + tp)));
    s.append(String.format(Locale.ROOT, "accuracy by %s: %s%n",
        mode.equals("january") ? "augmentation level" : "image size", byGroup));
    if (!consensus.isEmpty()) {
      s.append(String.format(Locale.ROOT, "consensus tasks: %d, answered %d, agreed with the miners' majority %d"
          + " (the majority matched the truth in %d)%n", consensus.get("tasks"), consensus.get("answered"),
          consensus.get("agreed-with-majority"), consensus.get("majority-was-truth")));
    }
    s.append(String.format(Locale.ROOT, "latency ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f%n",
        latencyMillis.get("p50"), latencyMillis.get("p90"), latencyMillis.get("p99"), latencyMillis.get("max")));
    validators.forEach((hotkey, t) -> s.append(String.format(Locale.ROOT,
        "validator %s...: score %.4f (EMA 0.05), MCC(100) %.3f, accuracy(10) %.2f, trajectory %s%n",
        hotkey.substring(0, 8), t.score(), t.mcc(), t.accuracy(), sparkline(t.scores()))));
    if (!exits.isEmpty()) {
      s.append("answers by deciding stage (miner metrics): ").append(exits).append('\n');
    }
    return s.toString();
  }

  /** The score trajectory in ten steps, for a terminal. */
  private static String sparkline(List<Double> scores) {
    StringBuilder line = new StringBuilder();
    for (int i = 1; i <= 10 && !scores.isEmpty(); i++) {
      double v = scores.get(Math.max(0, Math.min(scores.size() - 1, i * scores.size() / 10 - 1)));
      line.append(String.format(Locale.ROOT, i == 1 ? "%.3f" : " %.3f", v));
    }
    return "[" + line + "]";
  }
}
