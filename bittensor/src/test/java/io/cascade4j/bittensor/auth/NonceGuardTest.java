package io.cascade4j.bittensor.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class NonceGuardTest {
  private static final long SECOND = 1_000_000_000L;
  private final AtomicLong clock = new AtomicLong(1_767_225_600L * SECOND);
  private final NonceGuard guard =
      new NonceGuard(clock::get, Duration.ofSeconds(4), Duration.ofSeconds(60), 1000);

  private void accept(String key, long nonce, double timeout) throws AuthenticationException {
    guard.checkFresh(key, nonce, timeout);
    guard.record(key, nonce);
  }

  @Test
  void theFirstNonceMustBeWithinTheReferenceWindow() throws AuthenticationException {
    long now = clock.get();
    accept("a:1", now - 12 * SECOND, 9.0);
    assertThatThrownBy(() -> guard.checkFresh("b:1", now - 13 * SECOND, 9.0))
        .hasMessage("Nonce is too old: acceptable delta is 13.00 seconds but request was 13.00 seconds old");
  }

  @Test
  void aForgedTimeoutCannotWidenTheWindow() {
    long now = clock.get();
    assertThatThrownBy(() -> guard.checkFresh("c:1", now - 3600 * SECOND, 1e9))
        .hasMessageStartingWith("Nonce is too old: acceptable delta is 64.00 seconds");
  }

  @Test
  void laterNoncesMustIncreaseStrictly() throws AuthenticationException {
    long now = clock.get();
    accept("a:1", now, 9.0);
    assertThatThrownBy(() -> accept("a:1", now, 9.0)).hasMessage("Nonce is too old, a newer one was last processed");
    assertThatThrownBy(() -> accept("a:1", now - 1, 9.0)).hasMessageContaining("newer one");
    accept("a:1", now + 1, 9.0);
    accept("a:2", now, 9.0); // another uuid is another endpoint key
  }

  @Test
  void noncesFromTheFarFutureAreRefused() {
    assertThatThrownBy(() -> guard.checkFresh("a:1", clock.get() + 5 * SECOND, 9.0))
        .hasMessage("Nonce is too far in the future: request is 5.00 seconds ahead, at most 4.00 allowed");
  }

  @Test
  void theTableIsBounded() throws AuthenticationException {
    long now = clock.get();
    for (int i = 0; i < 5000; i++) {
      accept("caller:" + i, now, 9.0);
    }
    assertThat(guard.size()).isLessThanOrEqualTo(1000);
  }

  @Test
  void concurrentRequestsWithOneNonceAreAcceptedOnce() throws Exception {
    long nonce = clock.get();
    try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        Callable<Boolean> attempt = () -> {
          try {
            accept("same:1", nonce, 9.0);
            return true;
          } catch (AuthenticationException e) {
            return false;
          }
        };
        results.add(pool.submit(attempt));
      }
      long accepted = 0;
      for (Future<Boolean> result : results) {
        accepted += result.get() ? 1 : 0;
      }
      assertThat(accepted).isEqualTo(1);
    }
  }
}
