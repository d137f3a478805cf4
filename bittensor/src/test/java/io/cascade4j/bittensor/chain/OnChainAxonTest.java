package io.cascade4j.bittensor.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade4j.bittensor.crypto.Ss58;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OnChainAxonTest {
  @Test
  void readsTheRecordedNeuronOfAHotkeyAsBittensorDoes() throws Exception {
    SubtensorClient client =
        new SubtensorClient(new ReplayTransport("finney-get-neuron-netuid14.json"), Duration.ofSeconds(1));
    byte[] hotkey = Ss58.decode("5Cf4LPRv6tiyuFsfLRQaFYEEn3zJRGi4bAE9DwbbKmbCSHpV").publicKey();
    NeuronInfoLite neuron = OnChainAxon.lookup(client, 14, hotkey, null).orElseThrow();
    assertThat(neuron.uid()).isEqualTo(29);
    assertThat(neuron.netuid()).isEqualTo(14);
    assertThat(neuron.hotkey()).isEqualTo("5Cf4LPRv6tiyuFsfLRQaFYEEn3zJRGi4bAE9DwbbKmbCSHpV");
    assertThat(neuron.validatorPermit()).isTrue();
  }
}
