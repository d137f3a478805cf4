package io.cascade4j.testkit;

import io.cascade4j.api.Evidence;
import io.cascade4j.api.QueryContext;
import io.cascade4j.api.Stage;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A stage whose behaviour a test scripts: answer a probability (fixed, or computed from the query), abstain, throw,
 * take time, or hang until interrupted. It counts its calls and closes, and fails loudly if evaluated after being
 * closed, or closed while evaluating, which is how tests catch an engine that closes stages under running queries.
 *
 * <pre>{@code
 * ScriptedStage gate = ScriptedStage.answering(0.97);
 * ScriptedStage broken = ScriptedStage.throwing(new IllegalStateException("model missing"));
 * ScriptedStage stuck = ScriptedStage.hanging();
 * ScriptedStage slow = ScriptedStage.answering(0.4).taking(Duration.ofMillis(50));
 * }</pre>
 */
public final class ScriptedStage implements Stage {
  private final Function<QueryContext, Evidence> script;
  private final Duration delay;
  private final boolean hangs;
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger closes = new AtomicInteger();
  private final AtomicInteger interrupted = new AtomicInteger();
  private final CountDownLatch never = new CountDownLatch(1);

  private ScriptedStage(Function<QueryContext, Evidence> script, Duration delay, boolean hangs) {
    this.script = script;
    this.delay = delay;
    this.hangs = hangs;
  }

  /** Answers {@code probability} every time. */
  public static ScriptedStage answering(double probability) {
    Evidence evidence = Evidence.of(probability);
    return new ScriptedStage(context -> evidence, Duration.ZERO, false);
  }

  /** Answers whatever {@code script} computes from the query's context. */
  public static ScriptedStage computing(Function<QueryContext, Evidence> script) {
    return new ScriptedStage(Objects.requireNonNull(script, "script"), Duration.ZERO, false);
  }

  /** Has no opinion. */
  public static ScriptedStage abstaining() {
    return new ScriptedStage(context -> Evidence.abstain(), Duration.ZERO, false);
  }

  /** Throws {@code failure} every time. */
  public static ScriptedStage throwing(RuntimeException failure) {
    return new ScriptedStage(
        context -> {
          throw failure;
        },
        Duration.ZERO,
        false);
  }

  /** Blocks until interrupted, then throws {@link InterruptedException}: a stage stuck on a dead server. */
  public static ScriptedStage hanging() {
    return new ScriptedStage(context -> Evidence.abstain(), Duration.ZERO, true);
  }

  /** The same script, after sleeping {@code delay} (interruptibly) on each call. */
  public ScriptedStage taking(Duration delay) {
    return new ScriptedStage(script, Objects.requireNonNull(delay, "delay"), hangs);
  }

  @Override
  public Evidence evaluate(QueryContext context) throws InterruptedException {
    calls.incrementAndGet();
    if (closes.get() > 0) {
      throw new IllegalStateException("evaluated after close");
    }
    try {
      if (hangs) {
        never.await();
      }
      if (!delay.isZero()) {
        Thread.sleep(delay);
      }
    } catch (InterruptedException e) {
      interrupted.incrementAndGet();
      throw e;
    }
    if (closes.get() > 0) {
      throw new IllegalStateException("closed while evaluating");
    }
    return script.apply(context);
  }

  /** How many times {@link #evaluate} was called. */
  public int calls() {
    return calls.get();
  }

  /** How many times {@link #close} was called. */
  public int closes() {
    return closes.get();
  }

  /** How many calls were interrupted while waiting. */
  public int interruptions() {
    return interrupted.get();
  }

  @Override
  public void close() {
    closes.incrementAndGet();
  }

  @Override
  public String toString() {
    return "ScriptedStage[calls=" + calls + ", closes=" + closes + "]";
  }
}
