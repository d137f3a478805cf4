package io.cascade4j.miner.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade4j.miner.axon.SettledFile.Change;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettledFileTest {
  private final AtomicLong clock = new AtomicLong();

  private void advanceMillis(long millis) {
    clock.addAndGet(Duration.ofMillis(millis).toNanos());
  }

  @Test
  void aChangeIsTakenOnlyAfterItStaysTheSameForTheSettleInterval(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("cascade.yaml"), "one");
    SettledFile watched = new SettledFile(file, Duration.ofSeconds(2), clock::get);
    assertThat(watched.check()).isEqualTo(Change.NONE);

    Files.writeString(file, "two, half");
    assertThat(watched.check()).isEqualTo(Change.SETTLING);
    advanceMillis(1500);
    Files.writeString(file, "two, half and the rest");
    advanceMillis(1000);
    assertThat(watched.check()).as("changed again: the interval starts over").isEqualTo(Change.SETTLING);
    advanceMillis(1999);
    assertThat(watched.check()).isEqualTo(Change.SETTLING);
    advanceMillis(1);
    assertThat(watched.check()).isEqualTo(Change.SETTLED);
    assertThat(watched.stillTaken()).isTrue();
    assertThat(watched.check()).as("taken once").isEqualTo(Change.NONE);
  }

  @Test
  void aFileChangedBackBeforeItSettledIsNoChange(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("cascade.yaml"), "one");
    SettledFile watched = new SettledFile(file, Duration.ofSeconds(2), clock::get);
    Files.writeString(file, "two");
    assertThat(watched.check()).isEqualTo(Change.SETTLING);
    Files.writeString(file, "one");
    advanceMillis(5000);
    assertThat(watched.check()).isEqualTo(Change.NONE);
    Files.delete(file);
    assertThat(watched.check()).as("a missing file is a change too (its reload then fails and is logged)")
        .isEqualTo(Change.SETTLING);
  }

  @Test
  void aFileRewrittenWhileItWasReadIsTakenAgainOnceItSettles(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("cascade.yaml"), "one");
    SettledFile watched = new SettledFile(file, Duration.ofSeconds(2), clock::get);
    Files.writeString(file, "two");
    watched.check();
    advanceMillis(2000);
    assertThat(watched.check()).isEqualTo(Change.SETTLED);
    Files.writeString(file, "three"); // while the cascade of "two" was being built
    assertThat(watched.stillTaken()).isFalse();
    Files.writeString(file, "two");
    assertThat(watched.check()).as("even the content read before is read again").isEqualTo(Change.SETTLING);
    advanceMillis(2000);
    assertThat(watched.check()).isEqualTo(Change.SETTLED);
  }
}
