package io.cascade4j.bittensor.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * The handful of Subtensor JSON-RPC calls a miner needs, typed. Hex travels with a {@code 0x} prefix except where the
 * node's own clients send it bare ({@code state_call} data, as bittensor does).
 */
public final class SubtensorClient implements AutoCloseable {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final HexFormat HEX = HexFormat.of();

  private final ChainTransport transport;
  private final Duration timeout;

  /** A client over {@code transport}; every call waits at most {@code timeout}. */
  public SubtensorClient(ChainTransport transport, Duration timeout) {
    this.transport = transport;
    this.timeout = timeout;
  }

  /** A block header. */
  public record Header(String parentHash, long number, String stateRoot, String extrinsicsRoot) {}

  /** The runtime's version. */
  public record RuntimeVersion(long specVersion, long transactionVersion) {}

  /** The header of {@code blockHash}, or of the best block when null. */
  public Header header(@Nullable String blockHash) throws ChainException {
    ArrayNode params = JSON.arrayNode();
    if (blockHash == null) {
      params.addNull();
    } else {
      params.add(blockHash);
    }
    JsonNode header = call("chain_getHeader", params);
    try {
      return new Header(header.get("parentHash").asText(), Long.decode(header.get("number").asText()),
          header.get("stateRoot").asText(), header.get("extrinsicsRoot").asText());
    } catch (RuntimeException e) {
      throw new ChainException("chain_getHeader answered an unexpected header: " + abbreviate(header), e);
    }
  }

  /** The hash of block {@code number}. */
  public String blockHash(long number) throws ChainException {
    JsonNode hash = call("chain_getBlockHash", JSON.arrayNode().add(number));
    return hash32(hash, "chain_getBlockHash");
  }

  /** The runtime version at {@code blockHash}. */
  public RuntimeVersion runtimeVersion(@Nullable String blockHash) throws ChainException {
    ArrayNode params = JSON.arrayNode();
    if (blockHash != null) {
      params.add(blockHash);
    }
    JsonNode version = call("state_getRuntimeVersion", params);
    if (!version.path("specVersion").canConvertToLong()) {
      throw new ChainException("state_getRuntimeVersion answered " + abbreviate(version));
    }
    return new RuntimeVersion(version.get("specVersion").asLong(), version.path("transactionVersion").asLong());
  }

  /**
   * A runtime API call, {@code state_call(method, data, blockHash)}, returning the raw SCALE bytes; a null hash means
   * the best block (sent as JSON null, as bittensor does).
   */
  public byte[] stateCall(String method, byte[] data, @Nullable String blockHash) throws ChainException {
    ArrayNode params = JSON.arrayNode().add(method).add(HEX.formatHex(data));
    params.add(blockHash == null ? JSON.nullNode() : JSON.textNode(blockHash));
    return bytes(call("state_call", params), "state_call " + method);
  }

  /** A storage value at {@code blockHash} (null: the best block), or null when absent. */
  public byte @Nullable [] storage(byte[] key, @Nullable String blockHash) throws ChainException {
    ArrayNode params = JSON.arrayNode().add("0x" + HEX.formatHex(key));
    params.add(blockHash == null ? JSON.nullNode() : JSON.textNode(blockHash));
    JsonNode value = call("state_getStorageAt", params);
    return value.isNull() ? null : bytes(value, "state_getStorageAt");
  }

  /** The genesis hash (block 0), which every signature binds to. */
  public byte[] genesisHash() throws ChainException {
    return HEX.parseHex(blockHash(0).substring(2));
  }

  /** The runtime's metadata v15, from {@code Metadata_metadata_at_version}. */
  public RuntimeMetadata metadata() throws ChainException {
    byte[] bytes = stateCall("Metadata_metadata_at_version", new byte[] {15, 0, 0, 0}, null);
    try {
      return RuntimeMetadata.parse(bytes);
    } catch (ScaleException e) {
      throw new ChainException("the node's metadata did not parse: " + e.getMessage(), e);
    }
  }

  /** The next transaction nonce of an account. */
  public long accountNextIndex(String ss58) throws ChainException {
    JsonNode nonce = call("system_accountNextIndex", JSON.arrayNode().add(ss58));
    if (!nonce.canConvertToLong()) {
      throw new ChainException("system_accountNextIndex answered " + abbreviate(nonce));
    }
    return nonce.asLong();
  }

  /** Submits a signed extrinsic; returns its hash. */
  public String submitExtrinsic(byte[] extrinsic) throws ChainException {
    return call("author_submitExtrinsic", JSON.arrayNode().add("0x" + HEX.formatHex(extrinsic))).asText();
  }

  private JsonNode call(String method, ArrayNode params) throws ChainException {
    return transport.call(method, params, timeout);
  }

  static byte[] bytes(JsonNode hex, String what) throws ChainException {
    String text = hex.isTextual() ? hex.asText() : "";
    if (!text.startsWith("0x") || (text.length() % 2) != 0) {
      throw new ChainException(what + " answered " + abbreviate(hex) + " instead of 0x-prefixed hex");
    }
    try {
      return HEX.parseHex(text, 2, text.length());
    } catch (IllegalArgumentException e) {
      throw new ChainException(what + " answered malformed hex", e);
    }
  }

  private static String hash32(JsonNode node, String what) throws ChainException {
    byte[] bytes = bytes(node, what);
    if (bytes.length != 32) {
      throw new ChainException(what + " answered " + bytes.length + " bytes instead of a 32-byte hash");
    }
    return node.asText();
  }

  static String abbreviate(JsonNode node) {
    String text = node.toString();
    return text.length() > 120 ? text.substring(0, 120) + "..." : text;
  }

  @Override
  public void close() {
    transport.close();
  }
}
