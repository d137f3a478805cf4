package io.cascade4j.bittensor.chain;

import io.cascade4j.bittensor.crypto.Ss58;

/**
 * Subtensor's {@code NeuronInfoLite} ({@code pallets/subtensor/src/rpc_info/neuron_info.rs}, freeze_struct
 * 4c03ff614b2b938f), as {@code NeuronInfoRuntimeApi_get_neurons_lite} returns it. Normalised u16 fields stay raw
 * (divide by 65535 for Bittensor's floats); stakes are in rao (1e-9 TAO).
 *
 * @param hotkey SS58
 * @param coldkey SS58
 * @param uid the neuron's uid
 * @param netuid its subnet
 * @param active whether it is active
 * @param axon its published axon
 * @param stake the sum of its {@code stake} entries (alpha on the hotkey), rao
 * @param emission rao
 * @param incentive raw u16
 * @param consensus raw u16
 * @param validatorTrust raw u16
 * @param dividends raw u16
 * @param lastUpdate block of its last weight update
 * @param validatorPermit whether it may set weights
 */
public record NeuronInfoLite(
    String hotkey,
    String coldkey,
    int uid,
    int netuid,
    boolean active,
    AxonInfo axon,
    long stake,
    long emission,
    int incentive,
    int consensus,
    int validatorTrust,
    int dividends,
    long lastUpdate,
    boolean validatorPermit) {

  static NeuronInfoLite read(ScaleReader r) {
    return read(r, false);
  }

  /**
   * Reads a full {@code NeuronInfo} ({@code get_neuron}, {@code get_neurons}): the lite layout with {@code weights}
   * and {@code bonds} ({@code Vec<(Compact<u16>, Compact<u16>)>} each) before {@code pruning_score}; they are skipped.
   */
  static NeuronInfoLite readFull(ScaleReader r) {
    return read(r, true);
  }

  private static NeuronInfoLite read(ScaleReader r, boolean full) {
    String hotkey = Ss58.encode(r.accountId(), Ss58.BITTENSOR_PREFIX);
    String coldkey = Ss58.encode(r.accountId(), Ss58.BITTENSOR_PREFIX);
    int uid = r.compactInt();
    int netuid = r.compactInt();
    boolean active = r.bool();
    AxonInfo axon = AxonInfo.read(r);
    r.bytes(8 + 4 + 16 + 2 + 1); // prometheus_info: block, version, ip, port, ip_type
    long stake = 0;
    int entries = r.length();
    for (int i = 0; i < entries; i++) {
      r.accountId();
      stake += r.compactLong();
    }
    r.compactInt(); // rank: deprecated, fixed
    long emission = r.compactLong();
    int incentive = r.compactInt();
    int consensus = r.compactInt();
    r.compactInt(); // trust: deprecated, fixed
    int validatorTrust = r.compactInt();
    int dividends = r.compactInt();
    long lastUpdate = r.compactLong();
    boolean validatorPermit = r.bool();
    if (full) {
      for (int list = 0; list < 2; list++) { // weights, bonds
        r.skipVector(reader -> {
          reader.compactInt();
          return reader.compactInt();
        });
      }
    }
    r.compactInt(); // pruning_score: deprecated, fixed
    return new NeuronInfoLite(hotkey, coldkey, uid, netuid, active, axon, stake, emission, incentive, consensus,
        validatorTrust, dividends, lastUpdate, validatorPermit);
  }
}
