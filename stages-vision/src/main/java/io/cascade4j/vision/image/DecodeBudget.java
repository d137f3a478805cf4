package io.cascade4j.vision.image;

import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.EngineSettingsProvider;
import io.cascade4j.api.Settings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the whole process spends on decoding queries' images at once, so that many huge images arriving together
 * (64 concurrent 40-megapixel files of a few kilobytes each cost 5.8 GB before this existed) queue for a bounded
 * amount of memory and CPU instead of taking all of it:
 *
 * <ul>
 *   <li><b>held pixels</b>: decoded images stay in memory until their query ends (every stage of the query shares
 *       one); together they hold at most this many pixels (3 bytes each). Default: a quarter of the heap.
 *   <li><b>threads</b>: decodes running at the same time, each with its transient native buffers. Decoding is CPU
 *       work, so more than the processors only makes every decode slower. Default: the available processors.
 * </ul>
 *
 * <p>A decode waits for room at most until its query's deadline, then fails with a {@link RejectedExecutionException}
 * (load, not a bad image: the cascade answers with its other stages or its fallback, in time). Set it from the {@code engine:} section of a
 * cascade or miner file: {@code engine: {decoding: {held-pixels: 400000000, threads: 4}}}.
 */
public final class DecodeBudget {
  /** Pixels are counted in blocks of this many, so a large heap's budget fits a semaphore's int permits. */
  private static final long BLOCK = 1024;

  private static volatile DecodeBudget shared = new DecodeBudget(defaultHeldPixels(), defaultThreads());

  private final long heldPixels;
  private final int threads;
  private final Semaphore held;
  private final Semaphore decoding;

  public DecodeBudget(long heldPixels, int threads) {
    if (heldPixels < BLOCK || threads < 1) {
      throw new IllegalArgumentException(
          "a decode budget needs at least " + BLOCK + " pixels and one thread, got " + heldPixels + ", " + threads);
    }
    this.heldPixels = heldPixels;
    this.threads = threads;
    this.held = new Semaphore((int) Math.min(Integer.MAX_VALUE, heldPixels / BLOCK), true);
    this.decoding = new Semaphore(threads, true);
  }

  /** The budget every {@link ImageDecoder#decodeOnce} draws on. */
  public static DecodeBudget shared() {
    return shared;
  }

  /** Replaces the shared budget; decodes already holding room return it to the budget they took it from. */
  public static void setShared(DecodeBudget budget) {
    shared = java.util.Objects.requireNonNull(budget, "budget");
  }

  /** A quarter of the maximum heap, in RGB pixels. */
  public static long defaultHeldPixels() {
    return Math.max(BLOCK, Runtime.getRuntime().maxMemory() / 4 / 3);
  }

  public static int defaultThreads() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** Room taken from the budget; closing gives it back (closing twice is harmless). Closing never fails. */
  public interface Lease extends AutoCloseable {
    @Override
    void close();
  }

  public long heldPixels() {
    return heldPixels;
  }

  public int threads() {
    return threads;
  }

  /** Pixels that decoded images may still take now. */
  public long availablePixels() {
    return (long) held.availablePermits() * BLOCK;
  }

  /**
   * Room for a decoded image of {@code pixels}, kept until the returned handle is closed (closing twice is harmless).
   * An image larger than the whole budget waits for all of it.
   *
   * @throws RejectedExecutionException if the room is not free within {@code wait}
   */
  public Lease hold(long pixels, Duration wait) {
    int blocks = (int) Math.min(Integer.MAX_VALUE, Math.min((pixels + BLOCK - 1) / BLOCK, heldPixels / BLOCK));
    acquire(held, blocks, wait, "decoded images of other queries hold " + (heldPixels - availablePixels())
        + " of " + heldPixels + " pixels (engine.decoding.held-pixels)");
    return release(held, blocks);
  }

  /**
   * One of the decode threads, for the time of one decode.
   *
   * @throws RejectedExecutionException if none is free within {@code wait}
   */
  public Lease decodeSlot(Duration wait) {
    acquire(decoding, 1, wait, "all " + threads + " decode threads stayed busy (engine.decoding.threads)");
    return release(decoding, 1);
  }

  private static void acquire(Semaphore semaphore, int permits, Duration wait, String busy) {
    boolean granted;
    try {
      granted = semaphore.tryAcquire(permits, Math.max(0, wait.toNanos()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RejectedExecutionException("interrupted while waiting to decode");
    }
    if (!granted) {
      throw new RejectedExecutionException("no room to decode before the deadline: " + busy);
    }
  }

  private static Lease release(Semaphore semaphore, int permits) {
    AtomicBoolean open = new AtomicBoolean(true);
    return () -> {
      if (open.getAndSet(false)) {
        semaphore.release(permits);
      }
    };
  }

  @Override
  public String toString() {
    return "DecodeBudget[held-pixels=" + heldPixels + ", threads=" + threads + "]";
  }

  /** The {@code decoding} sub-section of {@code engine:}; it may change at any time, even after models loaded. */
  public static final class Provider implements EngineSettingsProvider {
    @Override
    public String type() {
      return "image-decoding";
    }

    @Override
    public List<String> sections() {
      return List.of("decoding");
    }

    @Override
    public void apply(Settings engine) throws ConfigurationException {
      Settings d = engine.section("decoding");
      long pixels = (long) d.doubleValue("held-pixels", defaultHeldPixels(), BLOCK, 1e15);
      int threads = d.intValue("threads", defaultThreads(), 1, 4096);
      engine.validate();
      DecodeBudget now = shared;
      if (now.heldPixels != pixels || now.threads != threads) {
        setShared(new DecodeBudget(pixels, threads));
      }
    }
  }
}
