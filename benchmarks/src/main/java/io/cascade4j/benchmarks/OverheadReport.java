package io.cascade4j.benchmarks;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link EngineOverheadBenchmark} side by side in one JMH run and prints the engine's overhead per query
 * against calling the stages directly.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar            # full run: 2 forks, 5 x 1 s warm-up, 5 x 1 s measured
 * java -jar benchmarks/target/benchmarks.jar --smoke    # CI: 1 fork, 2 x 0.5 s warm-up, 3 x 0.5 s measured
 * </pre>
 *
 * <p>Any other arguments go to JMH's own command line ({@code org.openjdk.jmh.Main}), for example {@code -h}.
 */
public final class OverheadReport {
  /** The engine's overhead target per query, in nanoseconds. */
  static final double TARGET_NANOS = 2_000;

  private OverheadReport() {}

  public static void main(String[] args) throws Exception {
    boolean smoke = args.length == 1 && args[0].equals("--smoke");
    if (args.length > 0 && !smoke) {
      org.openjdk.jmh.Main.main(args);
      return;
    }
    Map<String, Double> nanos = run(smoke);
    double direct = nanos.get("direct");
    double inline = nanos.get("cascadeInline");
    double thread = nanos.get("cascadeThreadIsolated");
    double early = nanos.get("cascadeInlineEarlyExit");
    System.out.println();
    System.out.println("cascade4j engine overhead, 3 trivial stages, all run (ns per query, same JMH run)");
    System.out.printf(Locale.ROOT, "  stages called directly      %10.1f%n", direct);
    System.out.printf(Locale.ROOT, "  cascade, inline stages      %10.1f   overhead %8.1f ns (target <= %.0f): %s%n",
        inline, inline - direct, TARGET_NANOS, inline - direct <= TARGET_NANOS ? "met" : "NOT met");
    System.out.printf(Locale.ROOT, "  cascade, thread-isolated    %10.1f   overhead %8.1f ns (%.1f x direct)%n",
        thread, thread - direct, thread / direct);
    System.out.printf(Locale.ROOT, "  cascade, inline, early exit %10.1f%n", early);
    if (smoke) {
      System.out.println("  (smoke run: short iterations on a shared machine, indicative only)");
    }
  }

  private static Map<String, Double> run(boolean smoke) throws RunnerException {
    ChainedOptionsBuilder options =
        new OptionsBuilder().include(EngineOverheadBenchmark.class.getName() + "\\.").shouldFailOnError(true);
    if (smoke) {
      options.forks(1).warmupIterations(2).warmupTime(TimeValue.milliseconds(500))
          .measurementIterations(3).measurementTime(TimeValue.milliseconds(500));
    } else {
      options.forks(2).warmupIterations(5).warmupTime(TimeValue.seconds(1))
          .measurementIterations(5).measurementTime(TimeValue.seconds(1));
    }
    options.jvmArgsAppend(jvmFlags());
    Collection<RunResult> results = new Runner(options.build()).run();
    Map<String, Double> nanos = new HashMap<>();
    for (RunResult result : results) {
      String label = result.getParams().getBenchmark();
      nanos.put(label.substring(label.lastIndexOf('.') + 1), result.getPrimaryResult().getScore());
    }
    return nanos;
  }

  /** On JDK 24+, quiets the warnings that Guava's and JNA's use of sun.misc.Unsafe would print. */
  private static String[] jvmFlags() {
    return Runtime.version().feature() >= 24
        ? new String[] {"--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED"}
        : new String[0];
  }
}
