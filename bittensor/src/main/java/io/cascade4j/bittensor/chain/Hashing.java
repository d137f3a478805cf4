package io.cascade4j.bittensor.chain;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/** The hashers Substrate uses for storage keys and block hashes: twox (xxHash64) and BLAKE2b. */
public final class Hashing {
  private static final long P1 = 0x9E3779B185EBCA87L;
  private static final long P2 = 0xC2B2AE3D27D4EB4FL;
  private static final long P3 = 0x165667B19E3779F9L;
  private static final long P4 = 0x85EBCA77C2B2AE63L;
  private static final long P5 = 0x27D4EB2F165667C5L;

  private Hashing() {}

  /** {@code twox_128}: xxHash64 with seeds 0 and 1, each little-endian, concatenated. */
  public static byte[] twox128(byte[] data) {
    byte[] out = new byte[16];
    putLe(out, 0, xxh64(data, 0));
    putLe(out, 8, xxh64(data, 1));
    return out;
  }

  /** {@code twox_128} of a UTF-8 name (pallet and storage item names). */
  public static byte[] twox128(String name) {
    return twox128(name.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code twox_64}: xxHash64 with seed 0, little-endian. */
  public static byte[] twox64(byte[] data) {
    byte[] out = new byte[8];
    putLe(out, 0, xxh64(data, 0));
    return out;
  }

  /** BLAKE2b with a digest of {@code bits} bits. */
  public static byte[] blake2b(byte[] data, int bits) {
    Blake2bDigest digest = new Blake2bDigest(bits);
    digest.update(data, 0, data.length);
    byte[] out = new byte[bits / 8];
    digest.doFinal(out, 0);
    return out;
  }

  /** {@code blake2_128_concat}: BLAKE2b-128 of the key, then the key itself. */
  public static byte[] blake2128Concat(byte[] key) {
    byte[] hash = blake2b(key, 128);
    byte[] out = new byte[hash.length + key.length];
    System.arraycopy(hash, 0, out, 0, hash.length);
    System.arraycopy(key, 0, out, hash.length, key.length);
    return out;
  }

  static long xxh64(byte[] data, long seed) {
    int length = data.length;
    int i = 0;
    long h;
    if (length >= 32) {
      long v1 = seed + P1 + P2;
      long v2 = seed + P2;
      long v3 = seed;
      long v4 = seed - P1;
      for (; i + 32 <= length; i += 32) {
        v1 = round(v1, getLe64(data, i));
        v2 = round(v2, getLe64(data, i + 8));
        v3 = round(v3, getLe64(data, i + 16));
        v4 = round(v4, getLe64(data, i + 24));
      }
      h = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
      h = merge(h, v1);
      h = merge(h, v2);
      h = merge(h, v3);
      h = merge(h, v4);
    } else {
      h = seed + P5;
    }
    h += length;
    for (; i + 8 <= length; i += 8) {
      h ^= round(0, getLe64(data, i));
      h = Long.rotateLeft(h, 27) * P1 + P4;
    }
    if (i + 4 <= length) {
      h ^= (getLe32(data, i) & 0xffffffffL) * P1;
      h = Long.rotateLeft(h, 23) * P2 + P3;
      i += 4;
    }
    for (; i < length; i++) {
      h ^= (data[i] & 0xffL) * P5;
      h = Long.rotateLeft(h, 11) * P1;
    }
    h ^= h >>> 33;
    h *= P2;
    h ^= h >>> 29;
    h *= P3;
    h ^= h >>> 32;
    return h;
  }

  private static long round(long acc, long input) {
    acc += input * P2;
    acc = Long.rotateLeft(acc, 31);
    return acc * P1;
  }

  private static long merge(long h, long v) {
    h ^= round(0, v);
    return h * P1 + P4;
  }

  private static long getLe64(byte[] b, int i) {
    long v = 0;
    for (int k = 7; k >= 0; k--) {
      v = (v << 8) | (b[i + k] & 0xffL);
    }
    return v;
  }

  private static int getLe32(byte[] b, int i) {
    return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (b[i + 3] & 0xff) << 24;
  }

  private static void putLe(byte[] out, int offset, long value) {
    for (int k = 0; k < 8; k++) {
      out[offset + k] = (byte) (value >>> (8 * k));
    }
  }
}
