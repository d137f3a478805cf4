package io.cascade4j.bittensor.chain;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the chain says about one hotkey on one subnet, read as bittensor does before {@code serve_axon}: the uid from
 * {@code SubtensorModule.Uids(netuid, hotkey)}, then {@code NeuronInfoRuntimeApi_get_neuron(netuid, uid)}.
 */
public final class OnChainAxon {
  private OnChainAxon() {}

  /**
   * The neuron of {@code hotkey} on {@code netuid} at {@code blockHash} (null: best block), empty when the hotkey is
   * not registered there.
   */
  public static Optional<NeuronInfoLite> lookup(SubtensorClient client, int netuid, byte[] hotkey,
      @Nullable String blockHash) throws ChainException {
    byte[] uidBytes = client.storage(SubtensorStorage.uidsKey(netuid, hotkey), blockHash);
    if (uidBytes == null) {
      return Optional.empty();
    }
    int uid;
    try {
      ScaleReader reader = new ScaleReader(uidBytes);
      uid = reader.u16();
      reader.expectEnd("Uids value");
    } catch (ScaleException e) {
      throw new ChainException("SubtensorModule.Uids did not decode: " + e.getMessage(), e);
    }
    byte[] neuron = client.stateCall("NeuronInfoRuntimeApi_get_neuron",
        new ScaleWriter().u16(netuid).u16(uid).toByteArray(), blockHash);
    try {
      ScaleReader reader = new ScaleReader(neuron);
      NeuronInfoLite info = reader.option() ? NeuronInfoLite.readFull(reader) : null;
      reader.expectEnd("NeuronInfoRuntimeApi_get_neuron");
      return Optional.ofNullable(info);
    } catch (ScaleException e) {
      throw new ChainException("NeuronInfoRuntimeApi_get_neuron did not decode: " + e.getMessage(), e);
    }
  }
}
