package io.cascade4j.bittensor.chain;

import io.cascade4j.bittensor.crypto.Sr25519;
import java.math.BigInteger;
import java.util.HexFormat;

/**
 * Builds the signed v4 extrinsic of {@code SubtensorModule.serve_axon} (pallet 7, call 4) exactly as bittensor's
 * Python stack does: immortal era by default, nonce from the chain, tip 0, {@code CheckMetadataHash} disabled (mode
 * byte 0, no hash in the payload). Extensions other than those with bytes are zero-sized; {@link MetadataGuard}
 * refuses to sign for a runtime where that is no longer so.
 *
 * <pre>
 * call      = 0x07 0x04 | netuid u16 | version u32 | ip u128 | port u16 | ip_type u8 | protocol u8 | 0 | 0
 * extra     = era | Compact(nonce) | Compact(tip) | mode u8
 * implicit  = spec_version u32 | tx_version u32 | genesis[32] | era block hash[32] | 0x00
 * payload   = call | extra | implicit            (blake2b-256 first if longer than 256 bytes)
 * extrinsic = Compact(len) | 0x84 | 0x00 | pubkey[32] | 0x01 | sr25519(payload)[64] | extra | call
 * </pre>
 */
public final class ServeAxon {
  /** The pallet index of {@code SubtensorModule} and the call index of {@code serve_axon}, per spec 343-425. */
  public static final int PALLET = 7;
  public static final int CALL = 4;

  /**
   * What to publish.
   *
   * @param netuid the subnet
   * @param version the Bittensor version the axon reports ({@code major*1_000_000 + minor*1_000 + patch})
   * @param ip the address as the chain stores it ({@link AxonInfo#ipv4})
   * @param port the port
   * @param ipType 4 or 6
   * @param protocol bittensor sends 4
   */
  public record Axon(int netuid, long version, BigInteger ip, int port, int ipType, int protocol) {
    /** Validates what the chain would reject anyway, with clearer messages. */
    public Axon {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port must be 1 to 65535, got " + port);
      }
      if (ipType != 4 && ipType != 6) {
        throw new IllegalArgumentException("ip_type must be 4 or 6, got " + ipType);
      }
      if (ipType == 4 && (ip.signum() == 0 || ip.shiftRight(24).intValue() == 127)) {
        throw new IllegalArgumentException("the chain rejects 0.0.0.0 and loopback addresses; publish the public IP");
      }
    }

    /** Whether an axon already on chain says the same (then the extrinsic is skipped). */
    public boolean matches(AxonInfo onChain) {
      return onChain.ip().equals(ip) && onChain.port() == port && onChain.ipType() == ipType
          && onChain.protocol() == protocol && onChain.version() == version;
    }
  }

  /**
   * The chain state the signature binds to.
   *
   * @param specVersion the runtime's spec version
   * @param transactionVersion its transaction version
   * @param genesisHash the chain's genesis hash (32 bytes)
   * @param era the encoded era: {@code 0x00} for immortal
   * @param eraBlockHash the birth block's hash, the genesis hash when immortal
   * @param nonce the account's next nonce
   */
  public record Context(
      long specVersion, long transactionVersion, byte[] genesisHash, byte[] era, byte[] eraBlockHash, long nonce) {}

  private ServeAxon() {}

  /** The call bytes. */
  public static byte[] call(Axon axon) {
    return new ScaleWriter().u8(PALLET).u8(CALL).u16(axon.netuid()).u32(axon.version()).u128(axon.ip())
        .u16(axon.port()).u8(axon.ipType()).u8(axon.protocol()).u8(0).u8(0).toByteArray();
  }

  /** The bytes that are signed. */
  public static byte[] signingPayload(Axon axon, Context context) {
    byte[] payload = new ScaleWriter().bytes(call(axon)).bytes(extra(context)).u32(context.specVersion())
        .u32(context.transactionVersion()).bytes(context.genesisHash()).bytes(context.eraBlockHash()).u8(0)
        .toByteArray();
    return payload.length > 256 ? Hashing.blake2b(payload, 256) : payload;
  }

  /** The signed extrinsic, ready for {@code author_submitExtrinsic}. */
  public static byte[] extrinsic(Axon axon, Context context, Sr25519.Keypair hotkey) {
    byte[] signature = Sr25519.sign(hotkey, signingPayload(axon, context));
    return frame(axon, context, hotkey.publicKey(), signature);
  }

  /** The extrinsic with a given signature (zeros in tests, which compare bytes). */
  static byte[] frame(Axon axon, Context context, byte[] publicKey, byte[] signature) {
    byte[] body = new ScaleWriter().u8(0x84).u8(0x00).bytes(publicKey).u8(0x01).bytes(signature)
        .bytes(extra(context)).bytes(call(axon)).toByteArray();
    return new ScaleWriter().compact(body.length).bytes(body).toByteArray();
  }

  private static byte[] extra(Context context) {
    return new ScaleWriter().bytes(context.era()).compact(context.nonce()).compact(0).u8(0).toByteArray();
  }

  /** The immortal era. */
  public static byte[] immortal() {
    return new byte[] {0};
  }

  /**
   * A mortal era of {@code period} blocks starting at {@code current}, as sp-runtime encodes it: the period rounded
   * up to a power of two within [4, 65536], the phase quantized.
   */
  public static byte[] mortal(long period, long current) {
    long nextPowerOfTwo = period <= 1 ? 1 : Long.highestOneBit(period - 1) << 1;
    long p = Math.max(4, Math.min(1L << 16, nextPowerOfTwo));
    long phase = current % p;
    long quantizeFactor = Math.max(p >> 12, 1);
    long quantizedPhase = phase / quantizeFactor * quantizeFactor;
    int trailing = Long.numberOfTrailingZeros(p);
    int encoded = (int) (Math.min(15, Math.max(1, trailing - 1)) | ((quantizedPhase / quantizeFactor) << 4));
    return new byte[] {(byte) encoded, (byte) (encoded >>> 8)};
  }

  /** Hex of bytes, for messages. */
  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
