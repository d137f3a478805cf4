package io.cascade4j.bittensor.chain;

import io.cascade4j.bittensor.crypto.Sr25519;
import io.cascade4j.bittensor.crypto.Ss58;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a miner's axon on chain ({@code serve_axon}) the way bittensor's {@code serve_extrinsic} does, from Java:
 *
 * <ol>
 *   <li>checks the runtime's metadata ({@link MetadataGuard}) and refuses an unknown runtime;
 *   <li>looks up the hotkey's neuron; an unregistered hotkey is an error that says what to do;
 *   <li>does nothing if the chain already shows this axon;
 *   <li>otherwise signs an immortal v4 extrinsic with the chain's nonce and submits it, mapping the transaction pool's
 *       {@code Custom(n)} rejections to clear messages;
 *   <li>waits until the chain shows the new axon (polling the neuron), or fails after {@code wait}.
 * </ol>
 */
public final class AxonPublisher {
  private static final Logger log = LoggerFactory.getLogger(AxonPublisher.class);
  private static final Pattern CUSTOM = Pattern.compile("Custom(?: error)?[:(]\\s*(\\d+)");
  private static final Map<Integer, String> REJECTIONS = Map.of(
      10, "the hotkey is not registered on this subnet",
      11, "the chain rejects this IP address (loopback, private or malformed)",
      12, "serving rate limit exceeded: the axon was served too recently, try again later",
      13, "the chain rejects this port",
      19, "the hotkey has no uid on this subnet",
      255, "the chain rejected the request as malformed");

  private final SubtensorClient client;
  private final Duration poll;

  /** A publisher over {@code client}, checking inclusion every {@code poll}. */
  public AxonPublisher(SubtensorClient client, Duration poll) {
    this.client = client;
    this.poll = poll;
  }

  /** What {@link #publish} did. */
  public enum Outcome {
    /** The chain already showed this axon; nothing was sent. */
    ALREADY_SERVED,
    /** The extrinsic was submitted and the chain now shows the axon. */
    SERVED
  }

  /**
   * Publishes {@code axon} for {@code hotkey}.
   *
   * @throws ChainException with a clear reason: unknown runtime, unregistered hotkey, a pool rejection, or no inclusion
   *     within {@code wait}
   */
  public Outcome publish(Sr25519.Keypair hotkey, ServeAxon.Axon axon, Duration wait) throws ChainException {
    MetadataGuard.check(client.metadata());
    String address = Ss58.encode(hotkey.publicKey(), Ss58.BITTENSOR_PREFIX);
    NeuronInfoLite neuron = lookup(hotkey, axon, address);
    if (axon.matches(neuron.axon())) {
      log.info("axon of {} on subnet {} is already {}; nothing to do", address, axon.netuid(), neuron.axon().address());
      return Outcome.ALREADY_SERVED;
    }
    SubtensorClient.RuntimeVersion runtime = client.runtimeVersion(null);
    byte[] genesis = client.genesisHash();
    long nonce = client.accountNextIndex(address);
    byte[] extrinsic = ServeAxon.extrinsic(axon,
        new ServeAxon.Context(runtime.specVersion(), runtime.transactionVersion(), genesis, ServeAxon.immortal(),
            genesis, nonce), hotkey);
    String hash;
    try {
      hash = client.submitExtrinsic(extrinsic);
    } catch (ChainException e) {
      throw explain(e);
    }
    log.info("serve_axon for {} submitted as {}; waiting for the chain to show it", address, hash);
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      sleep();
      if (axon.matches(lookup(hotkey, axon, address).axon())) {
        return Outcome.SERVED;
      }
    }
    throw new ChainException("serve_axon " + hash + " was submitted, but the chain did not show the new axon within "
        + wait.toSeconds() + " s");
  }

  private NeuronInfoLite lookup(Sr25519.Keypair hotkey, ServeAxon.Axon axon, String address) throws ChainException {
    Optional<NeuronInfoLite> neuron = OnChainAxon.lookup(client, axon.netuid(), hotkey.publicKey(), null);
    return neuron.orElseThrow(() -> new ChainException("hotkey " + address + " is not registered on subnet "
        + axon.netuid() + "; register it first (btcli subnets register --netuid " + axon.netuid() + ")"));
  }

  static ChainException explain(ChainException e) {
    Matcher custom = CUSTOM.matcher(String.valueOf(e.getMessage()));
    if (custom.find()) {
      int code = Integer.parseInt(custom.group(1));
      String reason = REJECTIONS.getOrDefault(code, "unknown rejection code " + code);
      return new ChainException("serve_axon rejected: " + reason + " (Custom(" + code + "))", e);
    }
    return e;
  }

  private void sleep() throws ChainException {
    try {
      Thread.sleep(poll);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChainException("interrupted while waiting for serve_axon");
    }
  }

  /** Hex, for logs. */
  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
