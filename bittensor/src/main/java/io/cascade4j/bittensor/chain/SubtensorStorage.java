package io.cascade4j.bittensor.chain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HexFormat;

/** Storage keys and header hashing for the few items a miner reads. */
public final class SubtensorStorage {
  private static final HexFormat HEX = HexFormat.of();

  private SubtensorStorage() {}

  /**
   * The key of {@code SubtensorModule.Uids(netuid, hotkey)}: {@code twox128(pallet) || twox128(item) ||
   * netuid (Identity, u16 LE) || blake2_128_concat(hotkey)}.
   */
  public static byte[] uidsKey(int netuid, byte[] hotkey) {
    return new ScaleWriter().bytes(Hashing.twox128("SubtensorModule")).bytes(Hashing.twox128("Uids")).u16(netuid)
        .bytes(Hashing.blake2128Concat(hotkey)).toByteArray();
  }

  /**
   * The hash of a block header as {@code chain_getHeader} returns it: BLAKE2b-256 of {@code parentHash ||
   * Compact(number) || stateRoot || extrinsicsRoot || Compact(len(logs)) || logs}. Lets a client check that a header
   * belongs to the hash it asked for.
   */
  public static byte[] headerHash(JsonNode header) {
    ScaleWriter out = new ScaleWriter()
        .bytes(hex(header.get("parentHash")))
        .compact(Long.decode(header.get("number").asText()))
        .bytes(hex(header.get("stateRoot")))
        .bytes(hex(header.get("extrinsicsRoot")));
    JsonNode logs = header.path("digest").path("logs");
    out.compact(logs.size());
    for (JsonNode log : logs) {
      out.bytes(hex(log));
    }
    return Hashing.blake2b(out.toByteArray(), 256);
  }

  private static byte[] hex(JsonNode node) {
    String text = node.asText();
    return HEX.parseHex(text.startsWith("0x") ? text.substring(2) : text);
  }
}
