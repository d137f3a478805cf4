package io.cascade4j.bittensor.chain;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;

/** Writes SCALE: little-endian fixed integers and compact integers. Not thread-safe. */
public final class ScaleWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** Appends one byte. */
  public ScaleWriter u8(int value) {
    out.write(value);
    return this;
  }

  /** Appends a little-endian u16. */
  public ScaleWriter u16(int value) {
    return fixed(value, 2);
  }

  /** Appends a little-endian u32. */
  public ScaleWriter u32(long value) {
    return fixed(value, 4);
  }

  /** Appends a little-endian u64. */
  public ScaleWriter u64(long value) {
    return fixed(value, 8);
  }

  /** Appends a little-endian u128. */
  public ScaleWriter u128(BigInteger value) {
    if (value.signum() < 0 || value.bitLength() > 128) {
      throw new IllegalArgumentException("not a u128: " + value);
    }
    byte[] be = value.toByteArray();
    for (int i = 0; i < 16; i++) {
      int index = be.length - 1 - i;
      out.write(index >= 0 ? be[index] : 0);
    }
    return this;
  }

  private ScaleWriter fixed(long value, int size) {
    for (int i = 0; i < size; i++) {
      out.write((int) (value >>> (8 * i)));
    }
    return this;
  }

  /** Appends a compact integer. */
  public ScaleWriter compact(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("compact integers are unsigned, got " + value);
    }
    if (value < 1 << 6) {
      return u8((int) (value << 2));
    }
    if (value < 1 << 14) {
      return u16((int) (value << 2) | 0b01);
    }
    if (value < 1 << 30) {
      return u32((value << 2) | 0b10);
    }
    int size = (64 - Long.numberOfLeadingZeros(value) + 7) / 8;
    u8(((size - 4) << 2) | 0b11);
    return fixed(value, size);
  }

  /** Appends raw bytes. */
  public ScaleWriter bytes(byte[] bytes) {
    out.writeBytes(bytes);
    return this;
  }

  /** The bytes written so far. */
  public byte[] toByteArray() {
    return out.toByteArray();
  }
}
