package io.cascade4j.core;

import io.cascade4j.api.Answer;
import io.cascade4j.api.Cascade;
import io.cascade4j.api.Query;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cascade that can be replaced while it serves (hot reload). {@link #swap} is atomic: each query runs wholly on
 * the old or wholly on the new cascade; none fails or is dropped. The old cascade is closed once the last query
 * that started on it has finished.
 *
 * <pre>{@code
 * SwappableCascade live = new SwappableCascade(Cascades.load(file, registry));
 * // ... later, when the file changes:
 * live.swap(Cascades.load(file, registry));    // a broken file throws here and the old cascade keeps serving
 * }</pre>
 */
public final class SwappableCascade implements Cascade {
  private static final Logger log = LoggerFactory.getLogger(SwappableCascade.class);

  private final AtomicReference<Generation> current;
  private volatile boolean closed;

  /** Starts serving with {@code initial}. */
  public SwappableCascade(Cascade initial) {
    current = new AtomicReference<>(new Generation(initial));
  }

  @Override
  public String name() {
    return current.get().cascade.name();
  }

  @Override
  public java.util.List<String> steps() {
    return current.get().cascade.steps();
  }

  @Override
  public java.util.Map<String, io.cascade4j.api.StageHealth> health() {
    return current.get().cascade.health();
  }

  /** The cascade serving now. */
  public Cascade current() {
    return current.get().cascade;
  }

  @Override
  public Answer evaluate(Query query) {
    while (true) {
      Generation generation = current.get();
      if (generation.leases.tryAcquire()) {
        try {
          return generation.cascade.evaluate(query);
        } finally {
          generation.leases.release();
        }
      }
      if (closed) {
        throw new IllegalStateException("cascade '" + generation.cascade.name() + "' is closed");
      }
      // Lost a race with swap(): the generation read is retiring, so the new one is already in place.
      Thread.onSpinWait();
    }
  }

  /**
   * Makes {@code next} serve every query from now on and retires the current cascade, which closes once its queries
   * in flight are done.
   *
   * @throws IllegalStateException if this cascade is closed (then {@code next} is closed too, since nobody else will)
   */
  public void swap(Cascade next) {
    Objects.requireNonNull(next, "next");
    Generation fresh = new Generation(next);
    Generation old;
    synchronized (this) {
      if (closed) {
        next.close();
        throw new IllegalStateException("cannot swap into a closed cascade");
      }
      old = current.getAndSet(fresh);
    }
    log.info("cascade '{}' replaced by '{}'", old.cascade.name(), next.name());
    old.leases.close();
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    current.get().leases.close();
  }

  /** One cascade and the queries running on it. */
  private static final class Generation {
    final Cascade cascade;
    final Leases leases;

    Generation(Cascade cascade) {
      this.cascade = cascade;
      this.leases = new Leases(cascade::close);
    }
  }
}
