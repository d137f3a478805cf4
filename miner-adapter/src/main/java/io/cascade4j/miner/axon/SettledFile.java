package io.cascade4j.miner.axon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A watched file that counts as changed only once its new content has stayed the same for a settle interval.
 *
 * <p>Why: an editor or {@code cp} writes a file in pieces, and the first half of a cascade file can itself be a valid,
 * different cascade (one stage instead of four). Comparing modification times alone served such a half-written file.
 * Here a change is taken only when two looks at least {@code settle} apart see the same bytes; a file that keeps
 * changing is never taken, and a touch that leaves the bytes as they were is not a change. Replacing the file by an
 * atomic rename is still the recommended way: the new content is then whole from the first look.
 */
final class SettledFile {

  /** What a look at the file saw: its bytes' digest, or {@code null} digest when the file is missing. */
  private record Look(byte @Nullable [] digest) {
    boolean same(Look other) {
      return Arrays.equals(digest, other.digest);
    }
  }

  /** Matches no look (a SHA-256 digest is never empty), so the next settled content is taken whatever it is. */
  private static final Look NOTHING_TAKEN = new Look(new byte[0]);

  private final Path file;
  private final long settleNanos;
  private final LongSupplier nanoTime;
  private Look taken;
  private @Nullable Look pending;
  private long pendingSince;

  /** Watches {@code file}, taking what it holds now as the current content. */
  SettledFile(Path file, Duration settle, LongSupplier nanoTime) throws IOException {
    this.file = file;
    this.settleNanos = settle.toNanos();
    this.nanoTime = nanoTime;
    this.taken = look();
  }

  /** The states of a check. */
  enum Change {
    /** The content is what was last taken. */
    NONE,
    /** The content differs but has not stayed the same for the settle interval yet. */
    SETTLING,
    /** The content differs and has stayed the same for the settle interval: it is now taken. */
    SETTLED
  }

  /** Looks at the file once; call it periodically. */
  Change check() throws IOException {
    Look now = look();
    if (now.same(taken)) {
      pending = null;
      return Change.NONE;
    }
    long at = nanoTime.getAsLong();
    if (pending == null || !now.same(pending)) {
      pending = now;
      pendingSince = at;
      if (settleNanos > 0) {
        return Change.SETTLING;
      }
    }
    if (at - pendingSince < settleNanos) {
      return Change.SETTLING;
    }
    taken = now;
    pending = null;
    return Change.SETTLED;
  }

  /**
   * Whether the file still holds what the last {@link Change#SETTLED} took; false means it changed while it was being
   * read, and the next checks start settling again.
   */
  boolean stillTaken() throws IOException {
    if (look().same(taken)) {
      return true;
    }
    taken = NOTHING_TAKEN;
    return false;
  }

  private Look look() throws IOException {
    if (!Files.exists(file)) {
      return new Look(null);
    }
    try {
      return new Look(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
