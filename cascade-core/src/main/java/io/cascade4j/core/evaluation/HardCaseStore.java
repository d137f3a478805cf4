package io.cascade4j.core.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cascade4j.api.Answer;
import io.cascade4j.api.Query;
import io.cascade4j.api.StageOutcome;
import io.cascade4j.core.CascadeListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the queries worth labelling next: those answered with low confidence ({@code |p - 0.5| < margin}) or on which
 * stages with an opinion disagreed (some above 0.5, some not), with their full trace. Bounded by count and by image
 * bytes; the oldest cases are dropped first. Opt-in: add it as a {@link CascadeListener} to a production cascade, or
 * pass it to an evaluation. {@link #writeTo} writes the images, their traces and a {@code labels.csv} to fill in,
 * which is a labelled folder once filled. Thread-safe.
 */
public final class HardCaseStore implements CascadeListener {
  /**
   * One kept query.
   *
   * @param query the query, with its image
   * @param answer the answer and its trace
   * @param reason why it was kept
   */
  public record HardCase(Query query, Answer answer, String reason) {}

  private final double margin;
  private final int maxCases;
  private final long maxBytes;
  private final Deque<HardCase> cases = new ArrayDeque<>();
  private long bytes;

  /**
   * A store keeping answers within {@code margin} of 0.5 or with disagreeing stages, at most {@code maxCases} of them
   * and {@code maxBytes} of images.
   */
  public HardCaseStore(double margin, int maxCases, long maxBytes) {
    if (!(margin >= 0 && margin < 0.5) || maxCases < 1 || maxBytes < 1) {
      throw new IllegalArgumentException("margin must be in [0, 0.5), and the bounds positive");
    }
    this.margin = margin;
    this.maxCases = maxCases;
    this.maxBytes = maxBytes;
  }

  @Override
  public void answered(String cascade, Query query, Answer answer) {
    offer(query, answer);
  }

  /** Keeps the query if it is hard; returns whether it was kept. */
  public boolean offer(Query query, Answer answer) {
    String reason = reason(answer);
    if (reason == null) {
      return false;
    }
    long size = query.frames().stream().mapToLong(f -> f.size()).sum();
    if (size > maxBytes) {
      return false;
    }
    synchronized (this) {
      cases.addLast(new HardCase(query, answer, reason));
      bytes += size;
      while (cases.size() > maxCases || bytes > maxBytes) {
        HardCase dropped = cases.removeFirst();
        bytes -= dropped.query().frames().stream().mapToLong(f -> f.size()).sum();
      }
    }
    return true;
  }

  private @org.jspecify.annotations.Nullable String reason(Answer answer) {
    boolean above = false;
    boolean below = false;
    for (StageOutcome outcome : answer.trace()) {
      if (outcome.hasOpinion()) {
        if (outcome.evidence().probability() > 0.5) {
          above = true;
        } else {
          below = true;
        }
      }
    }
    if (above && below) {
      return "stages disagree";
    }
    if (Math.abs(answer.probability() - 0.5) < margin) {
      return "low confidence";
    }
    return null;
  }

  /** The cases kept, oldest first. */
  public synchronized List<HardCase> cases() {
    return List.copyOf(cases);
  }

  /**
   * One case as written: its image file in the folder, the query it came from, why it is hard, and the answer.
   *
   * @param file the image's file name; the trace is beside it with {@code .json}
   * @param query the query's id (the image's name in an evaluation)
   * @param reason why it was kept
   * @param probability the cascade's answer
   */
  public record Written(String file, String query, String reason, double probability) {}

  /**
   * Writes each case's image and trace into {@code folder}, plus {@code labels.csv} with empty labels to fill in.
   *
   * @return what was written, in order
   */
  public List<Written> writeTo(Path folder) throws IOException {
    List<Written> written = new ArrayList<>();
    Files.createDirectories(folder);
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    StringBuilder labels = new StringBuilder("file,label,reason\n");
    int index = 0;
    for (HardCase hard : cases()) {
      String stem = String.format("case-%05d", index++);
      String extension = hard.query().image().mediaType().equals("image/png") ? ".png" : ".jpg";
      Files.write(folder.resolve(stem + extension), hard.query().image().toByteArray());
      Map<String, Object> trace = new LinkedHashMap<>();
      trace.put("query", hard.query().id());
      trace.put("reason", hard.reason());
      trace.put("probability", hard.answer().probability());
      trace.put("decided-by", hard.answer().decider().orElse("fallback"));
      List<Map<String, Object>> outcomes = new ArrayList<>();
      for (StageOutcome outcome : hard.answer().trace()) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("stage", outcome.stage());
        entry.put("status", outcome.status().name());
        outcome.evidence().probabilityIfAny().ifPresent(p -> entry.put("probability", p));
        entry.put("latency-ms", outcome.latency().toNanos() / 1e6);
        outcomes.add(entry);
      }
      trace.put("trace", outcomes);
      Files.writeString(folder.resolve(stem + ".json"), json.writeValueAsString(trace), StandardCharsets.UTF_8);
      labels.append(stem).append(extension).append(",,").append(hard.reason()).append('\n');
      written.add(new Written(stem + extension, hard.query().id(), hard.reason(), hard.answer().probability()));
    }
    Files.writeString(folder.resolve("labels.csv"), labels.toString(), StandardCharsets.UTF_8);
    return written;
  }
}
