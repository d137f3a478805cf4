package io.cascade4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascade4j.bittensor.chain.ChainMetagraph;
import io.cascade4j.bittensor.chain.NeuronInfoLite;
import java.util.Locale;

/** The metagraph as text: a summary for people, or the access-control snapshot JSON that the axon reads. */
final class MetagraphText {
  private MetagraphText() {}

  static String summary(ChainMetagraph m) {
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
        "subnet %d at block %d (%s): %d neurons, %d with a validator permit%n", m.netuid(), m.block(), m.blockHash(),
        m.neurons().size(), m.validatorUids().size()));
    out.append(String.format(Locale.ROOT, "%5s  %-48s  %16s  %s%n", "uid", "hotkey", "stake (TAO)", "axon"));
    for (int uid : m.validatorUids()) {
      NeuronInfoLite n = m.neurons().get(uid);
      out.append(String.format(Locale.ROOT, "%5d  %-48s  %16.3f  %s%n", uid, n.hotkey(), m.totalStakeTao(uid),
          n.axon().address()));
    }
    return out.toString();
  }

  static String snapshotJson(ChainMetagraph m) throws com.fasterxml.jackson.core.JsonProcessingException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode().put("netuid", m.netuid()).put("block", m.block());
    ArrayNode neurons = root.putArray("neurons");
    for (NeuronInfoLite n : m.neurons()) {
      neurons.addObject().put("uid", n.uid()).put("hotkey", n.hotkey()).put("coldkey", n.coldkey())
          .put("stake", m.totalStakeTao(n.uid())).put("validator_permit", n.validatorPermit())
          .put("axon", n.axon().address()).put("last_update", n.lastUpdate());
    }
    return json.writerWithDefaultPrettyPrinter().writeValueAsString(root) + System.lineSeparator();
  }
}
