package io.cascade4j.core;

import io.cascade4j.api.ContextKey;
import io.cascade4j.api.Query;
import io.cascade4j.api.QueryContext;
import io.cascade4j.api.StageOutcome;
import java.time.Duration;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link QueryContext} of one query. Holds the trace as it grows, the shared values, and the resources to close
 * when the query and every stage task it started have ended (counted by {@link #retain()}/{@link #release()}).
 */
final class QueryScope implements QueryContext {
  private static final Logger log = LoggerFactory.getLogger(QueryScope.class);

  private final Query query;
  private final long deadlineNanos;
  private final StageOutcome[] trace;
  private volatile int traceSize;
  private final AtomicInteger references = new AtomicInteger(1);
  private volatile @Nullable ConcurrentHashMap<ContextKey<?>, Slot> values;
  private @Nullable List<AutoCloseable> resources;

  QueryScope(Query query, long deadlineNanos, int traceCapacity) {
    this.query = query;
    this.deadlineNanos = deadlineNanos;
    this.trace = new StageOutcome[traceCapacity];
  }

  @Override
  public Query query() {
    return query;
  }

  long deadlineNanos() {
    return deadlineNanos;
  }

  @Override
  public Duration remaining() {
    return Duration.ofNanos(deadlineNanos - System.nanoTime());
  }

  @Override
  public <T> T computeIfAbsent(ContextKey<T> key, Function<? super QueryContext, ? extends T> loader) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(loader, "loader");
    Slot slot = values().computeIfAbsent(key, k -> new Slot());
    return key.type().cast(slot.get(this, key, loader));
  }

  @Override
  public <T> Optional<T> get(ContextKey<T> key) {
    Slot slot = values == null ? null : values.get(key);
    Object value = slot == null ? null : slot.value;
    return Optional.ofNullable(value).map(key.type()::cast);
  }

  private ConcurrentHashMap<ContextKey<?>, Slot> values() {
    ConcurrentHashMap<ContextKey<?>, Slot> map = values;
    if (map == null) {
      synchronized (this) {
        map = values;
        if (map == null) {
          map = new ConcurrentHashMap<>(4);
          values = map;
        }
      }
    }
    return map;
  }

  @Override
  public void closeWhenDone(AutoCloseable resource) {
    Objects.requireNonNull(resource, "resource");
    synchronized (this) {
      if (references.get() > 0) {
        if (resources == null) {
          resources = new ArrayList<>(2);
        }
        resources.add(resource);
        return;
      }
    }
    // The query is over already (a late, abandoned stage): close at once rather than leak.
    closeQuietly(resource);
  }

  @Override
  public List<StageOutcome> outcomesSoFar() {
    int size = traceSize;
    return new AbstractList<>() {
      @Override
      public StageOutcome get(int index) {
        Objects.checkIndex(index, size);
        return trace[index];
      }

      @Override
      public int size() {
        return size;
      }
    };
  }

  /** Appends to the trace; only the engine's thread calls this, and readers see whole entries. */
  void record(StageOutcome outcome) {
    int size = traceSize;
    trace[size] = outcome;
    traceSize = size + 1;
  }

  /** The trace as an immutable list; by the time a query is answered every entry is filled. */
  List<StageOutcome> trace() {
    int size = traceSize;
    return List.of(size == trace.length ? trace : java.util.Arrays.copyOf(trace, size));
  }

  /** A stage task starts using this scope. */
  void retain() {
    references.incrementAndGet();
  }

  /** The engine or a stage task is done with this scope; the last one out closes its resources. */
  void release() {
    if (references.decrementAndGet() == 0) {
      List<AutoCloseable> toClose;
      synchronized (this) {
        toClose = resources;
        resources = null;
      }
      if (toClose != null) {
        for (int i = toClose.size() - 1; i >= 0; i--) {
          closeQuietly(toClose.get(i));
        }
      }
    }
  }

  private void closeQuietly(AutoCloseable resource) {
    try {
      resource.close();
    } catch (Exception e) {
      log.warn("query {}: closing {} failed: {}", query.id(), resource, e.toString());
    }
  }

  /** One shared value, computed once under its own lock so that other keys are not blocked meanwhile. */
  private static final class Slot {
    private final ReentrantLock lock = new ReentrantLock();
    private volatile @Nullable Object value;

    Object get(QueryContext context, ContextKey<?> key, Function<? super QueryContext, ?> loader) {
      Object v = value;
      if (v != null) {
        return v;
      }
      lock.lock();
      try {
        v = value;
        if (v == null) {
          v = loader.apply(context);
          if (v == null) {
            throw new IllegalStateException("the loader for " + key + " returned null");
          }
          value = v;
        }
        return v;
      } finally {
        lock.unlock();
      }
    }
  }
}
