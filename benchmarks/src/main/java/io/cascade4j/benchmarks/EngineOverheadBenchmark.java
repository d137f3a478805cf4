package io.cascade4j.benchmarks;

import io.cascade4j.api.Cascade;
import io.cascade4j.api.EncodedImage;
import io.cascade4j.api.Evidence;
import io.cascade4j.api.Query;
import io.cascade4j.api.QueryContext;
import io.cascade4j.api.Stage;
import io.cascade4j.core.CascadeBuilder;
import io.cascade4j.core.Cascades;
import io.cascade4j.core.Isolation;
import io.cascade4j.core.StageSpec;
import io.cascade4j.core.policy.ExitPolicies;
import io.cascade4j.testkit.TestQueryContext;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The engine's own cost per query: a cascade of three trivial in-memory stages, each followed by a band exit that
 * does not fire (so all three run, the worst case), against calling the same three stages directly.
 *
 * <ul>
 *   <li>{@code direct}: the three stages called in a row on one reused context: the floor.
 *   <li>{@code cascadeInline}: the same stages as a cascade, {@link Isolation#INLINE}: the engine's overhead is
 *       {@code cascadeInline - direct} (target: at most 2 µs).
 *   <li>{@code cascadeThreadIsolated}: the same with {@link Isolation#THREAD}, the default for model stages: adds
 *       one virtual-thread hand-off per query (the walk moves to a runner the query's thread watches), the price of
 *       being able to abandon a stage that hangs.
 *   <li>{@code cascadeInlineEarlyExit}: the first stage answers: the common case of a cheap gate.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EngineOverheadBenchmark {
  private Stage first;
  private Stage second;
  private Stage third;
  private Query query;
  private QueryContext reusedContext;
  private Cascade inline;
  private Cascade threadIsolated;
  private Cascade earlyExit;

  /** A stage that does a little arithmetic on the query, so that nothing is constant-folded away. */
  private static Stage trivial(double base) {
    return context -> Evidence.of(base + (context.query().id().length() & 7) / 100.0);
  }

  @Setup(Level.Trial)
  public void setUp() {
    first = trivial(0.40);
    second = trivial(0.45);
    third = trivial(0.50);
    query = Query.builder(EncodedImage.jpeg(new byte[] {(byte) 0xff, (byte) 0xd8})).id("benchmark").build();
    reusedContext = TestQueryContext.of(query);
    inline = threeStages("inline", Isolation.INLINE, 0.05).build();
    threadIsolated = threeStages("thread", Isolation.THREAD, 0.05).build();
    earlyExit = threeStages("early", Isolation.INLINE, 0.9).build();
  }

  private CascadeBuilder threeStages(String name, Isolation isolation, double low) {
    return Cascades.builder(name)
        .stage(StageSpec.of("first", first).withIsolation(isolation), ExitPolicies.band(low, 0.95))
        .stage(StageSpec.of("second", second).withIsolation(isolation), ExitPolicies.band(low, 0.95))
        .stage(StageSpec.of("third", third).withIsolation(isolation), ExitPolicies.band(low, 0.95));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    inline.close();
    threadIsolated.close();
    earlyExit.close();
  }

  @Benchmark
  public double direct() throws Exception {
    double p = first.evaluate(reusedContext).probability();
    if (p > 0.05 && p < 0.95) {
      p = second.evaluate(reusedContext).probability();
    }
    if (p > 0.05 && p < 0.95) {
      p = third.evaluate(reusedContext).probability();
    }
    return p;
  }

  @Benchmark
  public double cascadeInline() {
    return inline.evaluate(query).probability();
  }

  @Benchmark
  public double cascadeThreadIsolated() {
    return threadIsolated.evaluate(query).probability();
  }

  @Benchmark
  public double cascadeInlineEarlyExit() {
    return earlyExit.evaluate(query).probability();
  }
}
