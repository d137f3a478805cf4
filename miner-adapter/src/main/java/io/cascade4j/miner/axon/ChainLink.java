package io.cascade4j.miner.axon;

import io.cascade4j.bittensor.chain.AxonInfo;
import io.cascade4j.bittensor.chain.AxonPublisher;
import io.cascade4j.bittensor.chain.ChainException;
import io.cascade4j.bittensor.chain.ChainMetagraph;
import io.cascade4j.bittensor.chain.MetadataGuard;
import io.cascade4j.bittensor.chain.MetagraphReader;
import io.cascade4j.bittensor.chain.NeuronInfoLite;
import io.cascade4j.bittensor.chain.ServeAxon;
import io.cascade4j.bittensor.chain.SubtensorClient;
import io.cascade4j.bittensor.chain.WebSocketTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The miner's view of the chain: reads the metagraph that feeds access control, says clearly when this miner's
 * hotkeys are not registered or their on-chain axons differ from what they serve, and publishes the axons.
 */
public final class ChainLink implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ChainLink.class);

  private final MinerConfig config;
  private final MinerConfig.Chain chain;
  private final SubtensorClient client;

  /** A link for {@code config}, whose {@code chain} section must be set. */
  public ChainLink(MinerConfig config) {
    this(config, new SubtensorClient(WebSocketTransport.forNetwork(requireChain(config).network()),
        requireChain(config).timeout()));
  }

  ChainLink(MinerConfig config, SubtensorClient client) {
    this.config = config;
    this.chain = requireChain(config);
    this.client = client;
  }

  private static MinerConfig.Chain requireChain(MinerConfig config) {
    if (config.chain() == null) {
      throw new IllegalArgumentException("the miner file has no 'chain' section (network, refresh, external-ip)");
    }
    return config.chain();
  }

  private long checkedSpec = -1;

  /**
   * Reads the subnet's metagraph at the best block, after checking the runtime's metadata whenever its spec version
   * changes: a runtime whose layouts this client does not know is refused, never decoded by guesswork.
   */
  public ChainMetagraph readMetagraph() throws ChainException {
    long spec = client.runtimeVersion(null).specVersion();
    if (spec != checkedSpec) {
      MetadataGuard.check(client.metadata());
      checkedSpec = spec;
      log.info("runtime spec {} checked against the layouts this client knows", spec);
    }
    return new MetagraphReader(client).read(config.netuid(), null);
  }

  /** The access-control snapshot of a chain metagraph: stake is the total stake in TAO, as bittensor's S. */
  static Metagraph snapshot(ChainMetagraph chainMetagraph) {
    Map<String, Metagraph.Neuron> neurons = new HashMap<>();
    for (NeuronInfoLite n : chainMetagraph.neurons()) {
      neurons.put(n.hotkey(), new Metagraph.Neuron(n.uid(), n.hotkey(), chainMetagraph.totalStakeTao(n.uid()),
          n.validatorPermit()));
    }
    return new Metagraph(chainMetagraph.netuid(), chainMetagraph.block(), neurons);
  }

  /** What is wrong with this miner's own registration, for the log: unregistered hotkeys, differing axons. */
  List<String> warnings(ChainMetagraph metagraph) {
    List<String> warnings = new ArrayList<>();
    for (MinerConfig.AxonConfig axon : config.axons()) {
      var uid = metagraph.uidOf(axon.hotkey());
      if (uid.isEmpty()) {
        warnings.add("hotkey " + axon.hotkey() + " is not registered on subnet " + config.netuid()
            + ": validators will not call it");
        continue;
      }
      AxonInfo onChain = metagraph.neurons().get(uid.get()).axon();
      if (chain.externalIp() != null) {
        String expected = chain.externalIp() + ":" + axon.endpoint().port();
        if (!onChain.address().equals(expected)) {
          warnings.add("hotkey " + axon.hotkey() + " (uid " + uid.get() + ") is published as " + onChain.address()
              + " but serves " + expected + "; run 'miner serve-axon' to publish it");
        }
      }
    }
    return warnings;
  }

  /** Reads the metagraph, logs this miner's warnings, and returns the access snapshot. */
  Metagraph refresh() throws ChainException {
    ChainMetagraph metagraph = readMetagraph();
    warnings(metagraph).forEach(log::warn);
    log.info("metagraph of subnet {} read at block {}: {} neurons, {} validators", metagraph.netuid(),
        metagraph.block(), metagraph.neurons().size(), metagraph.validatorUids().size());
    return snapshot(metagraph);
  }

  /**
   * Publishes every axon with {@code serve_axon} unless the chain already shows it.
   *
   * @throws ChainException if an axon has no key or no external IP is configured, or the chain refuses
   */
  public List<String> publishAxons(Duration wait) throws ChainException {
    if (chain.externalIp() == null) {
      throw new ChainException("chain.external-ip is not set: the chain needs the public IP validators reach");
    }
    List<String> done = new ArrayList<>();
    for (MinerConfig.AxonConfig axon : config.axons()) {
      if (axon.keypair() == null) {
        throw new ChainException("axon " + axon.hotkey() + " has no key: set 'wallet' or 'hotkey-file' to sign"
            + " serve_axon");
      }
      ServeAxon.Axon published = new ServeAxon.Axon(config.netuid(), Miner.VERSION,
          AxonInfo.ipv4(chain.externalIp()), axon.endpoint().port(), 4, 4);
      AxonPublisher.Outcome outcome = new AxonPublisher(client, Duration.ofSeconds(3))
          .publish(axon.keypair(), published, wait);
      done.add(axon.hotkey() + ": " + outcome);
    }
    return done;
  }

  /** How often to refresh. */
  Duration refreshInterval() {
    return chain.refresh();
  }

  @Override
  public void close() {
    client.close();
  }
}
