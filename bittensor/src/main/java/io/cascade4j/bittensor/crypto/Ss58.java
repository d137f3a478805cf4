package io.cascade4j.bittensor.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * SS58 addresses of 32-byte public keys with a one-byte network prefix (0 to 63; Bittensor uses 42, addresses that
 * start with {@code 5}): {@code base58(prefix || key || blake2b_512("SS58PRE" || prefix || key)[0..2])}.
 */
public final class Ss58 {
  /** Bittensor's (and generic Substrate's) network prefix. */
  public static final int BITTENSOR_PREFIX = 42;

  private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  private static final BigInteger FIFTY_EIGHT = BigInteger.valueOf(58);
  private static final byte[] CONTEXT = "SS58PRE".getBytes(StandardCharsets.US_ASCII);
  /** Longer than any SS58 address; bounds the work a hostile header can cause. */
  private static final int MAX_LENGTH = 64;

  private Ss58() {}

  /** The address of {@code publicKey} under {@code prefix}. */
  public static String encode(byte[] publicKey, int prefix) {
    if (publicKey.length != 32) {
      throw new IllegalArgumentException("a public key has 32 bytes, got " + publicKey.length);
    }
    if (prefix < 0 || prefix > 63) {
      throw new IllegalArgumentException("simple SS58 prefixes are 0 to 63, got " + prefix);
    }
    byte[] payload = new byte[35];
    payload[0] = (byte) prefix;
    System.arraycopy(publicKey, 0, payload, 1, 32);
    byte[] checksum = checksum(Arrays.copyOf(payload, 33));
    payload[33] = checksum[0];
    payload[34] = checksum[1];
    return base58(payload);
  }

  /**
   * The public key of an address, after checking its alphabet, length, prefix range and checksum.
   *
   * @throws IllegalArgumentException saying what is wrong with the address
   */
  public static Decoded decode(String address) {
    if (address.isEmpty() || address.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("an SS58 address has 1 to " + MAX_LENGTH + " characters");
    }
    byte[] payload = unbase58(address);
    if (payload.length != 35) {
      throw new IllegalArgumentException("not an SS58 address of a 32-byte key (" + payload.length + " bytes)");
    }
    if ((payload[0] & 0xff) > 63) {
      throw new IllegalArgumentException("unsupported SS58 prefix byte " + (payload[0] & 0xff));
    }
    byte[] checksum = checksum(Arrays.copyOf(payload, 33));
    if (checksum[0] != payload[33] || checksum[1] != payload[34]) {
      throw new IllegalArgumentException("SS58 checksum mismatch");
    }
    return new Decoded(payload[0] & 0xff, Arrays.copyOfRange(payload, 1, 33));
  }

  /**
   * A decoded address.
   *
   * @param prefix the network prefix
   * @param publicKey the 32-byte public key
   */
  public record Decoded(int prefix, byte[] publicKey) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Decoded d && d.prefix == prefix && MessageDigest.isEqual(d.publicKey, publicKey);
    }

    @Override
    public int hashCode() {
      return 31 * prefix + Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
      return "Decoded[prefix=" + prefix + ", publicKey=" + java.util.HexFormat.of().formatHex(publicKey) + "]";
    }
  }

  private static byte[] checksum(byte[] prefixAndKey) {
    Blake2bDigest blake = new Blake2bDigest(512);
    blake.update(CONTEXT, 0, CONTEXT.length);
    blake.update(prefixAndKey, 0, prefixAndKey.length);
    byte[] out = new byte[64];
    blake.doFinal(out, 0);
    return out;
  }

  private static String base58(byte[] data) {
    StringBuilder out = new StringBuilder();
    BigInteger value = new BigInteger(1, data);
    while (value.signum() > 0) {
      BigInteger[] qr = value.divideAndRemainder(FIFTY_EIGHT);
      out.append(ALPHABET.charAt(qr[1].intValue()));
      value = qr[0];
    }
    for (int i = 0; i < data.length && data[i] == 0; i++) {
      out.append('1');
    }
    return out.reverse().toString();
  }

  private static byte[] unbase58(String text) {
    BigInteger value = BigInteger.ZERO;
    int zeros = 0;
    boolean leading = true;
    for (int i = 0; i < text.length(); i++) {
      int digit = ALPHABET.indexOf(text.charAt(i));
      if (digit < 0) {
        throw new IllegalArgumentException("'" + text.charAt(i) + "' is not a base58 character");
      }
      if (leading && digit == 0) {
        zeros++;
      } else {
        leading = false;
      }
      value = value.multiply(FIFTY_EIGHT).add(BigInteger.valueOf(digit));
    }
    byte[] magnitude = value.signum() == 0 ? new byte[0] : value.toByteArray();
    if (magnitude.length > 0 && magnitude[0] == 0) {
      magnitude = Arrays.copyOfRange(magnitude, 1, magnitude.length);
    }
    byte[] out = new byte[zeros + magnitude.length];
    System.arraycopy(magnitude, 0, out, zeros, magnitude.length);
    return out;
  }
}
