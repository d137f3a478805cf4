package io.cascade4j.miner.axon;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {
  private static final Metagraph SNAPSHOT = new Metagraph(72, 100, Map.of(
      "5Val", new Metagraph.Neuron(0, "5Val", 5000, true),
      "5Min", new Metagraph.Neuron(1, "5Min", 4000, false)));

  @Test
  void denyWinsAllowBypassesAndTheMetagraphDecidesTheRest() {
    AccessPolicy policy = new AccessPolicy(Set.of("5Friend", "5Both"), Set.of("5Both"), true, 1000);
    assertThatThrownBy(() -> policy.check("5Val")).hasMessageContaining("no metagraph snapshot is loaded");
    policy.useMetagraph(SNAPSHOT);
    assertThatCode(() -> policy.check("5Val")).doesNotThrowAnyException();
    assertThatCode(() -> policy.check("5Friend")).doesNotThrowAnyException();
    assertThatThrownBy(() -> policy.check("5Both"))
        .hasMessage("Forbidden. Key is blacklisted: hotkey 5Both is on the deny list.");
    assertThatThrownBy(() -> policy.check("5Min")).hasMessageContaining("(uid 1) has no validator permit");
    assertThatThrownBy(() -> policy.check("5Nobody"))
        .hasMessage("Forbidden. Key is blacklisted: hotkey 5Nobody is not registered on subnet 72.");
    AccessPolicy noPermitNeeded = new AccessPolicy(Set.of(), Set.of(), false, 4500);
    noPermitNeeded.useMetagraph(SNAPSHOT);
    assertThatThrownBy(() -> noPermitNeeded.check("5Min"))
        .hasMessageContaining("has stake 4000.00, below the minimum 4500.00");
  }
}
