package io.cascade4j.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress of one long job (evaluating, calibrating, fitting, training), with rate and time left: a bar redrawn
 * in place on a terminal, and a plain line every few seconds when standard error goes to a file or a pipe, so a log
 * gets readable lines instead of one line of carriage returns.
 *
 * <pre>{@code
 * try (JobProgress progress = JobProgress.start("running every stage", items.size(), "images")) {
 *   Evaluation.run(config, registry, items, progress::stepTo);
 * }
 * }</pre>
 */
final class JobProgress implements AutoCloseable {
  /** How often a plain line is written when the output is not a terminal. */
  static final Duration PLAIN_EVERY = Duration.ofSeconds(5);

  private final ProgressBar bar;
  private boolean closed;

  private JobProgress(ProgressBar bar) {
    this.bar = bar;
  }

  /** Starts reporting {@code task}, which has {@code total} steps counted in {@code unit}. */
  static JobProgress start(String task, long total, String unit) {
    return start(task, total, unit, System.err, stderrIsTerminal(), PLAIN_EVERY);
  }

  static JobProgress start(String task, long total, String unit, PrintStream out, boolean terminal,
      Duration plainEvery) {
    ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
        .setUnit(" " + unit, 1).showSpeed().setSpeedUnit(java.time.temporal.ChronoUnit.SECONDS)
        .setStyle(ProgressBarStyle.ASCII);
    if (terminal) {
      builder.setConsumer(new ConsoleProgressBarConsumer(out)).setUpdateIntervalMillis(200);
    } else {
      // A line per interval, each complete: task, percentage, count, rate, elapsed and ETA.
      builder.setConsumer(new DelegatingProgressBarConsumer(line -> out.println(line.strip()), 120))
          .setUpdateIntervalMillis((int) plainEvery.toMillis());
    }
    return new JobProgress(builder.build());
  }

  /** {@code done} steps are finished. */
  void stepTo(long done) {
    bar.stepTo(done);
  }

  /** Words after the numbers (a loss, an accuracy). */
  void extra(String message) {
    bar.setExtraMessage(message);
  }

  /** Ends the bar (once; later calls do nothing): its last line stays. */
  void finish() {
    if (!closed) {
      closed = true;
      bar.close();
    }
  }

  @Override
  public void close() {
    finish();
  }

  /** A bar started on first use, for a phase that begins when an earlier one ends. */
  static final class Later implements AutoCloseable {
    private final String task;
    private final long total;
    private final String unit;
    private @org.jspecify.annotations.Nullable JobProgress started;

    Later(String task, long total, String unit) {
      this.task = task;
      this.total = total;
      this.unit = unit;
    }

    JobProgress get() {
      if (started == null) {
        started = start(task, total, unit);
      }
      return started;
    }

    @Override
    public void close() {
      if (started != null) {
        started.close();
      }
    }
  }

  /** Whether standard error is a terminal: a tty behind file descriptor 2 on Linux, else the JVM's console. */
  static boolean stderrIsTerminal() {
    Path fd = Path.of("/proc/self/fd/2");
    try {
      if (Files.isSymbolicLink(fd)) {
        String target = Files.readSymbolicLink(fd).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      }
    } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
      // Not Linux: ask the JVM below.
    }
    return System.console() != null;
  }
}
