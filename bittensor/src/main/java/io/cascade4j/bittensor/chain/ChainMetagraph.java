package io.cascade4j.bittensor.chain;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * A subnet's metagraph read from the chain: every neuron ({@code NeuronInfoLite}) and, from the selective
 * metagraph, the total stake of each uid (what bittensor's {@code metagraph.S} holds).
 *
 * @param netuid the subnet
 * @param block the block read
 * @param blockHash its hash
 * @param neurons by uid
 * @param totalStake rao, by uid
 * @param selective every field of the selective metagraph, for anything else a caller needs
 */
public record ChainMetagraph(
    int netuid, long block, String blockHash, List<NeuronInfoLite> neurons, long[] totalStake,
    SelectiveMetagraph selective) {

  /** The uids with a validator permit, ascending. */
  public List<Integer> validatorUids() {
    return neurons.stream().filter(NeuronInfoLite::validatorPermit).map(NeuronInfoLite::uid).sorted().toList();
  }

  /** The uid of {@code hotkey}, if registered. */
  public Optional<Integer> uidOf(String hotkey) {
    return IntStream.range(0, neurons.size()).filter(i -> neurons.get(i).hotkey().equals(hotkey))
        .mapToObj(i -> neurons.get(i).uid()).findFirst();
  }

  /** Total stake of {@code uid} in TAO. */
  public double totalStakeTao(int uid) {
    return totalStake[uid] / 1e9;
  }
}
