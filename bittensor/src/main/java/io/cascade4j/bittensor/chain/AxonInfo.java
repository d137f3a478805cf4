package io.cascade4j.bittensor.chain;

import java.math.BigInteger;

/**
 * A neuron's published axon, as stored on chain (SCALE, not compact: block u64, version u32, ip u128, port u16,
 * ip_type u8, protocol u8, two placeholder u8).
 *
 * @param block when it was last served
 * @param version the Bittensor version it reported
 * @param ip the address: IPv4 in the low 32 bits for {@code ipType} 4, IPv6 for 6
 * @param port the port
 * @param ipType 4 or 6 (0 when never served)
 * @param protocol bittensor sends 4
 * @param placeholder1 always 0
 * @param placeholder2 always 0
 */
public record AxonInfo(
    long block, long version, BigInteger ip, int port, int ipType, int protocol, int placeholder1, int placeholder2) {

  static AxonInfo read(ScaleReader r) {
    return new AxonInfo(r.u64(), r.u32(), r.u128(), r.u16(), r.u8(), r.u8(), r.u8(), r.u8());
  }

  /** {@code ip:port} in the usual text form. */
  public String address() {
    if (ipType == 4) {
      long v4 = ip.longValue();
      return ((v4 >>> 24) & 0xff) + "." + ((v4 >>> 16) & 0xff) + "." + ((v4 >>> 8) & 0xff) + "." + (v4 & 0xff)
          + ":" + port;
    }
    if (ipType == 6) {
      byte[] raw = ip.toByteArray();
      byte[] sixteen = new byte[16];
      System.arraycopy(raw, Math.max(0, raw.length - 16), sixteen, Math.max(0, 16 - raw.length),
          Math.min(16, raw.length));
      try {
        return "[" + java.net.InetAddress.getByAddress(sixteen).getHostAddress() + "]:" + port;
      } catch (java.net.UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    }
    return "0.0.0.0:" + port;
  }

  /** The IPv4 address as the u128 the chain stores. */
  public static BigInteger ipv4(String dotted) {
    String[] parts = dotted.split("\\.");
    if (parts.length != 4) {
      throw new IllegalArgumentException("not an IPv4 address: " + dotted);
    }
    long value = 0;
    for (String part : parts) {
      int octet = Integer.parseInt(part);
      if (octet < 0 || octet > 255) {
        throw new IllegalArgumentException("not an IPv4 address: " + dotted);
      }
      value = (value << 8) | octet;
    }
    return BigInteger.valueOf(value);
  }
}
