package io.cascade4j.miner.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InFlightSharesTest {
  @Test
  void eachCallerHoldsItsShareTheTotalHoldsForAllAndTheTableForgetsCallersWithNothingInFlight() throws Exception {
    InFlightShares shares = new InFlightShares(3, 2);
    InFlightShares.Slot a1 = shares.enter("a");
    InFlightShares.Slot a2 = shares.enter("a");
    assertThatThrownBy(() -> shares.enter("a")).isInstanceOf(Rejection.class)
        .hasMessageContaining("max-in-flight-per-caller");
    InFlightShares.Slot b1 = shares.enter("b");
    assertThatThrownBy(() -> shares.enter("c")).isInstanceOf(Rejection.class)
        .hasMessageContaining("too many requests in flight");
    assertThat(shares.callers()).as("a refused caller leaves no entry").isEqualTo(2);
    a1.close();
    a2.close();
    b1.close();
    assertThat(shares.callers()).isZero();
    assertThat(shares.total().availablePermits()).isEqualTo(3);
  }
}
