package io.cascade4j.testkit;

import io.cascade4j.api.ContextKey;
import io.cascade4j.api.Query;
import io.cascade4j.api.QueryContext;
import io.cascade4j.api.StageOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A {@link QueryContext} for testing a stage without an engine: shares values like the engine's, never runs out of
 * time unless told, and closes its resources on {@link #close()}.
 *
 * <pre>{@code
 * try (TestQueryContext context = TestQueryContext.of(Query.of(image))) {
 *   Evidence evidence = stage.evaluate(context);
 * }
 * }</pre>
 */
public final class TestQueryContext implements QueryContext, AutoCloseable {
  private final Query query;
  private final long deadlineNanos;
  private final List<StageOutcome> earlier;
  private final ConcurrentHashMap<ContextKey<?>, Object> values = new ConcurrentHashMap<>();
  private final List<AutoCloseable> resources = new ArrayList<>();

  private TestQueryContext(Query query, Duration budget, List<StageOutcome> earlier) {
    this.query = Objects.requireNonNull(query, "query");
    this.deadlineNanos = System.nanoTime() + budget.toNanos();
    this.earlier = List.copyOf(earlier);
  }

  /** A context with a minute to spare and no earlier stages. */
  public static TestQueryContext of(Query query) {
    return new TestQueryContext(query, Duration.ofMinutes(1), List.of());
  }

  /** A context with the given time budget and earlier outcomes. */
  public static TestQueryContext of(Query query, Duration budget, List<StageOutcome> earlier) {
    return new TestQueryContext(query, budget, earlier);
  }

  @Override
  public Query query() {
    return query;
  }

  @Override
  public Duration remaining() {
    return Duration.ofNanos(deadlineNanos - System.nanoTime());
  }

  @Override
  public <T> T computeIfAbsent(ContextKey<T> key, Function<? super QueryContext, ? extends T> loader) {
    Object existing = values.get(key);
    if (existing != null) {
      return key.type().cast(existing);
    }
    synchronized (values) {
      existing = values.get(key);
      if (existing == null) {
        existing = loader.apply(this);
        if (existing == null) {
          throw new IllegalStateException("the loader for " + key + " returned null");
        }
        values.put(key, existing);
      }
    }
    return key.type().cast(existing);
  }

  @Override
  public <T> Optional<T> get(ContextKey<T> key) {
    return Optional.ofNullable(values.get(key)).map(key.type()::cast);
  }

  @Override
  public synchronized void closeWhenDone(AutoCloseable resource) {
    resources.add(Objects.requireNonNull(resource, "resource"));
  }

  @Override
  public List<StageOutcome> outcomesSoFar() {
    return earlier;
  }

  /** How many resources wait to be closed. */
  public synchronized int pendingResources() {
    return resources.size();
  }

  /**
   * Closes the registered resources, newest first.
   *
   * @throws IllegalStateException if any of them failed to close (the others are still closed)
   */
  @Override
  public synchronized void close() {
    IllegalStateException failure = null;
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("closing a query resource failed: " + e, e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    resources.clear();
    if (failure != null) {
      throw failure;
    }
  }
}
