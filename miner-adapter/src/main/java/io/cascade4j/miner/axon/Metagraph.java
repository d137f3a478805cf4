package io.cascade4j.miner.axon;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A snapshot of a subnet's neurons, as far as access control needs them. Read from a JSON file that the standard
 * bittensor tools can export (see {@code docs/miner.md}):
 *
 * <pre>{@code
 * {"netuid": 72, "block": 4567890,
 *  "neurons": [{"uid": 0, "hotkey": "5F...", "coldkey": "5C...", "stake": 125000.5, "validator_permit": true}, ...]}
 * }</pre>
 *
 * @param netuid the subnet
 * @param block the block the snapshot was taken at
 * @param neurons by hotkey
 */
record Metagraph(int netuid, long block, Map<String, Neuron> neurons) {
  /** Snapshots larger than this are refused. */
  static final long MAX_FILE_BYTES = 16L << 20;

  /**
   * One neuron.
   *
   * @param uid its uid
   * @param hotkey its SS58 hotkey
   * @param stake its total stake, in TAO
   * @param validatorPermit whether it may set weights
   */
  record Neuron(int uid, String hotkey, double stake, boolean validatorPermit) {}

  Metagraph {
    neurons = Map.copyOf(neurons);
  }

  Optional<Neuron> neuron(String hotkey) {
    return Optional.ofNullable(neurons.get(hotkey));
  }

  /**
   * Reads a snapshot file.
   *
   * @throws IOException if it cannot be read, is too large, or is not a valid snapshot (the message says why)
   */
  static Metagraph read(Path file) throws IOException {
    long size = Files.size(file);
    if (size > MAX_FILE_BYTES) {
      throw new IOException(file + " is " + size + " bytes; metagraph snapshots are limited to " + MAX_FILE_BYTES);
    }
    JsonNode root = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build()
        .readTree(file.toFile());
    if (root == null || !root.isObject() || !root.path("neurons").isArray()) {
      throw new IOException(file + ": a metagraph snapshot is an object with a 'neurons' array");
    }
    Map<String, Neuron> neurons = new HashMap<>();
    int index = 0;
    for (JsonNode node : root.get("neurons")) {
      String where = file + ": neurons[" + index++ + "]";
      if (!node.path("hotkey").isTextual() || !node.path("uid").canConvertToInt()
          || !node.path("stake").isNumber() || !node.path("validator_permit").isBoolean()) {
        throw new IOException(where + " needs uid (integer), hotkey (string), stake (number), validator_permit"
            + " (boolean)");
      }
      Neuron neuron = new Neuron(node.get("uid").intValue(), node.get("hotkey").textValue(),
          node.get("stake").doubleValue(), node.get("validator_permit").booleanValue());
      if (neurons.put(neuron.hotkey(), neuron) != null) {
        throw new IOException(where + " repeats hotkey " + neuron.hotkey());
      }
    }
    return new Metagraph(root.path("netuid").asInt(-1), root.path("block").asLong(-1), neurons);
  }
}
