package io.cascade4j.bittensor.chain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads SCALE-encoded bytes (Parity's codec): little-endian fixed integers, compact integers, booleans, options,
 * vectors and fixed arrays. Every read checks bounds and throws {@link ScaleException} naming the offset, so a
 * truncated or malformed response gives a clear error instead of garbage. Not thread-safe.
 */
public final class ScaleReader {
  /** Vectors longer than this are refused: no honest response needs more, and a corrupt length must not OOM. */
  static final int MAX_VECTOR = 1 << 20;

  private final byte[] bytes;
  private int offset;

  /** A reader at the start of {@code bytes}. */
  public ScaleReader(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Where the next read starts. */
  public int offset() {
    return offset;
  }

  /** How many bytes are left. */
  public int remaining() {
    return bytes.length - offset;
  }

  /** Throws unless every byte was read: a layout that does not consume everything is the wrong layout. */
  public void expectEnd(String what) {
    if (remaining() != 0) {
      throw new ScaleException(what + ": " + remaining() + " bytes left over at offset " + offset
          + "; the runtime's layout differs from the one this client knows");
    }
  }

  private void need(int n, String what) {
    if (n < 0 || remaining() < n) {
      throw new ScaleException("truncated input: " + what + " needs " + n + " bytes at offset " + offset
          + ", " + remaining() + " left");
    }
  }

  /** One byte, unsigned. */
  public int u8() {
    need(1, "u8");
    return bytes[offset++] & 0xff;
  }

  /** A little-endian u16. */
  public int u16() {
    return (int) fixed(2, "u16");
  }

  /** A little-endian u32. */
  public long u32() {
    return fixed(4, "u32");
  }

  /** A little-endian u64 (values above 2^63 come out negative: use {@link Long#toUnsignedString}). */
  public long u64() {
    return fixed(8, "u64");
  }

  /** A little-endian u128. */
  public BigInteger u128() {
    return unsignedLittleEndian(16);
  }

  private BigInteger unsignedLittleEndian(int size) {
    byte[] le = bytes(size);
    byte[] be = new byte[size];
    for (int i = 0; i < size; i++) {
      be[i] = le[size - 1 - i];
    }
    return new BigInteger(1, be);
  }

  private long fixed(int size, String what) {
    need(size, what);
    long value = 0;
    for (int i = size - 1; i >= 0; i--) {
      value = (value << 8) | (bytes[offset + i] & 0xffL);
    }
    offset += size;
    return value;
  }

  /** A boolean: exactly 0 or 1. */
  public boolean bool() {
    int b = u8();
    if (b > 1) {
      throw new ScaleException("invalid bool " + b + " at offset " + (offset - 1));
    }
    return b == 1;
  }

  /** A compact integer that must fit 64 bits unsigned (returned as a long, possibly negative above 2^63). */
  public long compactLong() {
    BigInteger value = compact();
    if (value.bitLength() > 64) {
      throw new ScaleException("compact integer " + value + " does not fit 64 bits at offset " + offset);
    }
    return value.longValue();
  }

  /** A compact integer that must fit an int (lengths, u16 and u32 fields below 2^31). */
  public int compactInt() {
    long value = compactLong();
    if (value < 0 || value > Integer.MAX_VALUE) {
      throw new ScaleException("compact integer " + Long.toUnsignedString(value) + " is too large at offset " + offset);
    }
    return (int) value;
  }

  /** A compact integer of any size. */
  public BigInteger compact() {
    int first = u8();
    switch (first & 0b11) {
      case 0b00:
        return BigInteger.valueOf(first >>> 2);
      case 0b01:
        return BigInteger.valueOf(((first | (u8() << 8)) >>> 2));
      case 0b10: {
        long value = first | ((long) u8() << 8) | ((long) u8() << 16) | ((long) u8() << 24);
        return BigInteger.valueOf(value >>> 2);
      }
      default:
        return unsignedLittleEndian((first >>> 2) + 4);
    }
  }

  /** {@code n} raw bytes. */
  public byte[] bytes(int n) {
    need(n, n + " bytes");
    byte[] out = Arrays.copyOfRange(bytes, offset, offset + n);
    offset += n;
    return out;
  }

  /** A 32-byte account id (public key). */
  public byte[] accountId() {
    return bytes(32);
  }

  /** A {@code Vec<u8>}. */
  public byte[] byteVector() {
    return bytes(length());
  }

  /** The compact length prefix of a vector, bounded. */
  public int length() {
    int length = compactInt();
    if (length > MAX_VECTOR) {
      throw new ScaleException("vector of " + length + " items at offset " + offset + " exceeds " + MAX_VECTOR);
    }
    return length;
  }

  /** Whether an {@code Option} is {@code Some}. */
  public boolean option() {
    int tag = u8();
    if (tag > 1) {
      throw new ScaleException("invalid Option tag " + tag + " at offset " + (offset - 1));
    }
    return tag == 1;
  }

  /** A vector of items read by {@code item}. */
  public <T> List<T> vector(Item<T> item) {
    int length = length();
    List<T> out = new ArrayList<>(Math.min(length, 4096));
    for (int i = 0; i < length; i++) {
      out.add(item.read(this));
    }
    return out;
  }

  /** Skips a vector of items read by {@code item}. */
  public void skipVector(Item<?> item) {
    int length = length();
    for (int i = 0; i < length; i++) {
      item.read(this);
    }
  }

  /** Reads one item. */
  @FunctionalInterface
  public interface Item<T> {
    /** Reads the item at the reader's offset. */
    T read(ScaleReader reader);
  }
}
