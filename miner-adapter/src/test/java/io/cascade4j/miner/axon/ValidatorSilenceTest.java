package io.cascade4j.miner.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ValidatorSilenceTest {
  private final AtomicLong clock = new AtomicLong(1_000_000_000L);

  private void advance(Duration d) {
    clock.addAndGet(d.toNanos());
  }

  @Test
  void oneWarningPerSilenceAndOneLineWhenRequestsResume() {
    ValidatorSilence silence = new ValidatorSilence(Duration.ofMinutes(10), clock::get);
    advance(Duration.ofMinutes(9));
    assertThat(silence.check()).isEmpty();
    assertThat(silence.secondsSince()).as("since start when no validator called yet").isEqualTo(540.0);
    advance(Duration.ofMinutes(1));
    assertThat(silence.check()).contains(Duration.ofMinutes(10));
    advance(Duration.ofMinutes(30));
    assertThat(silence.check()).as("warned once per silence").isEmpty();

    assertThat(silence.called()).contains(Duration.ofMinutes(40));
    assertThat(silence.secondsSince()).isZero();
    advance(Duration.ofMinutes(5));
    assertThat(silence.called()).as("an ordinary gap is no news").isEmpty();
    advance(Duration.ofMinutes(10));
    assertThat(silence.check()).as("a new silence is warned about again").contains(Duration.ofMinutes(10));
  }
}
