package io.cascade4j.bittensor.chain;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads a subnet's metagraph the way bittensor's {@code Metagraph.sync(lite=True)} does: the block, then {@code
 * NeuronInfoRuntimeApi_get_neurons_lite} and {@code SubnetInfoRuntimeApi_get_selective_mechagraph} (every field, mechanism
 * 0) at that block. Each response must decode completely, or the sync fails closed.
 */
public final class MetagraphReader {
  private final SubtensorClient client;

  /** A reader over {@code client}. */
  public MetagraphReader(SubtensorClient client) {
    this.client = client;
  }

  /**
   * The metagraph of {@code netuid} at {@code block}, or at the best block when null.
   *
   * @throws ChainException if a call fails or a response does not decode as the known layouts
   */
  public ChainMetagraph read(int netuid, @Nullable Long block) throws ChainException {
    long number = block != null ? block : client.header(null).number();
    String hash = client.blockHash(number);
    byte[] netuidLe = new ScaleWriter().u16(netuid).toByteArray();
    List<NeuronInfoLite> neurons = decode("NeuronInfoRuntimeApi_get_neurons_lite",
        client.stateCall("NeuronInfoRuntimeApi_get_neurons_lite", netuidLe, hash),
        r -> r.vector(NeuronInfoLite::read));
    ScaleWriter selection = new ScaleWriter().u16(netuid).u8(0).compact(SelectiveMetagraph.FIELDS);
    for (int field : SelectiveMetagraph.allFields()) {
      selection.u16(field);
    }
    SelectiveMetagraph selective = decode("SubnetInfoRuntimeApi_get_selective_mechagraph",
        client.stateCall("SubnetInfoRuntimeApi_get_selective_mechagraph", selection.toByteArray(), hash),
        SelectiveMetagraph::readOption);
    if (selective == null) {
      throw new ChainException("subnet " + netuid + " does not exist at block " + number);
    }
    long[] totalStake = selective.longs(SelectiveMetagraph.TOTAL_STAKE);
    if (totalStake == null || totalStake.length != neurons.size()) {
      throw new ChainException("the selective metagraph has " + (totalStake == null ? "no" : totalStake.length)
          + " total stakes for " + neurons.size() + " neurons");
    }
    List<NeuronInfoLite> byUid = new ArrayList<>(neurons);
    byUid.sort(java.util.Comparator.comparingInt(NeuronInfoLite::uid));
    for (int i = 0; i < byUid.size(); i++) {
      if (byUid.get(i).uid() != i) {
        throw new ChainException("uids are not 0.." + (byUid.size() - 1) + ": uid " + byUid.get(i).uid() + " at " + i);
      }
    }
    return new ChainMetagraph(netuid, number, hash, List.copyOf(byUid), totalStake, selective);
  }

  private static <T> T decode(String what, byte[] bytes, ScaleReader.Item<T> layout) throws ChainException {
    try {
      ScaleReader reader = new ScaleReader(bytes);
      T value = layout.read(reader);
      reader.expectEnd(what);
      return value;
    } catch (ScaleException e) {
      throw new ChainException(what + " did not decode: " + e.getMessage(), e);
    }
  }
}
