package io.cascade4j.bittensor.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc7748.X25519Field;
import org.jspecify.annotations.Nullable;

/**
 * ristretto255 for signature verification only, in variable time: decoding a public key, {@code s*B - k*A} and the
 * encoding of the result (RFC 9496 sections 4.3.1 and 4.3.2, twisted Edwards formulas of RFC 8032 section 5.1.4).
 * Verification handles public data only (key, message, signature), so it may branch on the scalars and skip
 * constant-time table selection; signing never comes here and stays on curve25519-elisabeth's constant-time code.
 *
 * <p>Field arithmetic is BouncyCastle's {@code X25519Field} (ten 25.5-bit limbs), the arithmetic behind its own
 * Ed25519 verify; curve25519-elisabeth's variable-time multiplication took 131 microseconds alone. The double-scalar
 * multiplication is Straus's method with width-5 NAF digits for the key and width-8 digits over a basepoint table
 * built once. {@code VerificationArithmeticTest} checks every result against curve25519-elisabeth's constant-time
 * ristretto operations; the sr25519 vectors and the Node cross-check cover the rest.
 */
final class VerificationArithmetic {
  private static final int[] ONE = fieldOf(BigInteger.ONE);
  private static final int[] D = fieldOf(modP("-121665").multiply(modP("121666").modInverse(P())).mod(P()));
  private static final int[] TWO_D = fieldOf(modP("-121665").multiply(modP("121666").modInverse(P()))
      .shiftLeft(1).mod(P()));
  private static final int[] SQRT_M1 = fieldOf(
      new BigInteger("19681161376707505956807079304988542015446066515923890162744021073123829784752"));
  private static final int[] INVSQRT_A_MINUS_D = fieldOf(
      new BigInteger("54469307008909316920995813868745141605393597292927456921205312896311721017578"));
  /** The ristretto255 generator's encoding (RFC 9496 appendix A.1, multiple 1). */
  private static final byte[] GENERATOR = java.util.HexFormat.of()
      .parseHex("e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76");
  /** B, 3B, 5B, ... 127B in cached form, for width-8 NAF digits of s. */
  private static final int[][] BASE_ODD_MULTIPLES = oddMultiples(decodeOrThrow(GENERATOR), 64);

  private VerificationArithmetic() {}

  /** A decoded point in extended coordinates (X:Y:Z:T), x = X/Z, y = Y/Z, xy = T/Z. */
  record Point(int[] x, int[] y, int[] z, int[] t) {}

  /** The point a canonical ristretto255 encoding stands for, or null for an invalid or non-canonical encoding. */
  static @Nullable Point decode(byte[] encoding) {
    if (encoding.length != 32 || (encoding[0] & 1) != 0 || (encoding[31] & 0x80) != 0) {
      return null;
    }
    int[] s = X25519Field.create();
    X25519Field.decode(encoding, 0, s);
    byte[] canonical = new byte[32];
    int[] normal = copyOf(s);
    X25519Field.normalize(normal);
    X25519Field.encode(normal, canonical, 0);
    if (!Arrays.equals(canonical, encoding)) {
      return null;
    }
    int[] ss = square(s);
    int[] u1 = X25519Field.create();
    X25519Field.sub(ONE, ss, u1);
    int[] u2 = X25519Field.create();
    X25519Field.add(ONE, ss, u2);
    int[] u2Squared = square(u2);
    int[] v = multiply(D, square(u1));
    X25519Field.negate(v, v);
    X25519Field.sub(v, u2Squared, v);
    X25519Field.carry(v);
    int[] invSqrt = X25519Field.create();
    boolean wasSquare = sqrtRatioM1(ONE, multiply(v, u2Squared), invSqrt);
    int[] denX = multiply(invSqrt, u2);
    int[] denY = multiply(multiply(invSqrt, denX), v);
    int[] x = multiply(s, denX);
    X25519Field.add(x, x, x);
    absolute(x);
    int[] y = multiply(u1, denY);
    int[] t = multiply(x, y);
    if (!wasSquare || isNegative(t) || isZero(y)) {
      return null;
    }
    return new Point(x, y, copyOf(ONE), t);
  }

  /** The canonical ristretto255 encoding of {@code p}. */
  static byte[] encode(Point p) {
    int[] u1 = X25519Field.create();
    int[] zMinusY = X25519Field.create();
    X25519Field.add(p.z, p.y, u1);
    X25519Field.sub(p.z, p.y, zMinusY);
    X25519Field.mul(u1, zMinusY, u1);
    int[] u2 = multiply(p.x, p.y);
    int[] invSqrt = X25519Field.create();
    sqrtRatioM1(ONE, multiply(u1, square(u2)), invSqrt);
    int[] den1 = multiply(invSqrt, u1);
    int[] den2 = multiply(invSqrt, u2);
    int[] zInv = multiply(multiply(den1, den2), p.t);
    int[] x = p.x;
    int[] y = p.y;
    int[] denInv = den2;
    if (isNegative(multiply(p.t, zInv))) {
      x = multiply(p.y, SQRT_M1);
      y = multiply(p.x, SQRT_M1);
      denInv = multiply(den1, INVSQRT_A_MINUS_D);
    }
    y = copyOf(y);
    if (isNegative(multiply(x, zInv))) {
      X25519Field.negate(y, y);
    }
    int[] s = X25519Field.create();
    X25519Field.sub(p.z, y, s);
    X25519Field.carry(s);
    X25519Field.mul(denInv, s, s);
    absolute(s);
    X25519Field.normalize(s);
    byte[] out = new byte[32];
    X25519Field.encode(s, out, 0);
    return out;
  }

  /**
   * {@code s*B - k*A} for little-endian reduced scalars {@code s} and {@code k} (32 bytes each), interleaving one
   * chain of doublings for both (Straus), adding only where a NAF digit is non-zero.
   */
  static Point sTimesBMinusKTimesA(byte[] s, byte[] k, Point a) {
    int[] sDigits = nonAdjacentForm(s, 8);
    int[] kDigits = nonAdjacentForm(k, 5);
    int[][] aOddMultiples = oddMultiples(a, 8);
    int top = 255;
    while (top >= 0 && sDigits[top] == 0 && kDigits[top] == 0) {
      top--;
    }
    Accumulator r = new Accumulator();
    for (int i = top; i >= 0; i--) {
      boolean adds = sDigits[i] != 0 || kDigits[i] != 0;
      r.doubleInPlace(adds || i == 0);
      if (sDigits[i] != 0) {
        r.add(BASE_ODD_MULTIPLES[Math.abs(sDigits[i]) / 2], sDigits[i] < 0);
      }
      if (kDigits[i] != 0) {
        r.add(aOddMultiples[Math.abs(kDigits[i]) / 2], kDigits[i] > 0);
      }
    }
    return r.point();
  }

  /**
   * The width-{@code w} non-adjacent form of a 256-bit little-endian scalar: digits odd and below 2^(w-1) in
   * magnitude, any w consecutive digits at most one non-zero (curve25519-dalek's {@code non_adjacent_form}).
   */
  private static int[] nonAdjacentForm(byte[] scalar, int w) {
    long[] limbs = new long[5];
    for (int i = 0; i < 32; i++) {
      limbs[i / 8] |= (scalar[i] & 0xffL) << (8 * (i % 8));
    }
    int[] digits = new int[257];
    int width = 1 << w;
    int mask = width - 1;
    int carry = 0;
    int position = 0;
    while (position < 256) {
      int limb = position / 64;
      int bit = position % 64;
      long bits = bit < 64 - w ? limbs[limb] >>> bit : (limbs[limb] >>> bit) | (limbs[limb + 1] << (64 - bit));
      int window = carry + (int) (bits & mask);
      if ((window & 1) == 0) {
        position++;
        continue;
      }
      if (window < width / 2) {
        carry = 0;
        digits[position] = window;
      } else {
        carry = 1;
        digits[position] = window - width;
      }
      position += w;
    }
    return digits;
  }

  /**
   * P, 3P, 5P, ... as {@code count} cached points: (Y+X, Y-X, 2Z, 2dT) in one array of 40 limbs each, the form the
   * addition formula reads.
   */
  private static int[][] oddMultiples(Point p, int count) {
    int[][] table = new int[count][];
    Accumulator running = new Accumulator(p);
    table[0] = running.cached();
    Accumulator twice = new Accumulator(p);
    twice.doubleInPlace(true);
    int[] twoP = twice.cached();
    for (int i = 1; i < count; i++) {
      running.add(twoP, false);
      table[i] = running.cached();
    }
    return table;
  }

  /** A point being accumulated in extended coordinates, with scratch space so the loop allocates nothing. */
  private static final class Accumulator {
    private final int[] x;
    private final int[] y;
    private final int[] z;
    private final int[] t;
    private final int[] a = X25519Field.create();
    private final int[] b = X25519Field.create();
    private final int[] c = X25519Field.create();
    private final int[] d = X25519Field.create();
    private final int[] e = X25519Field.create();
    private final int[] f = X25519Field.create();
    private final int[] g = X25519Field.create();
    private final int[] h = X25519Field.create();

    /** The identity (0:1:1:0). */
    Accumulator() {
      this(new Point(X25519Field.create(), copyOf(ONE), copyOf(ONE), X25519Field.create()));
    }

    Accumulator(Point p) {
      x = copyOf(p.x);
      y = copyOf(p.y);
      z = copyOf(p.z);
      t = copyOf(p.t);
    }

    Point point() {
      return new Point(copyOf(x), copyOf(y), copyOf(z), copyOf(t));
    }

    int[] cached() {
      int[] out = new int[40];
      X25519Field.add(y, x, a);
      X25519Field.sub(y, x, b);
      X25519Field.add(z, z, c);
      X25519Field.mul(t, TWO_D, d);
      X25519Field.copy(a, 0, out, 0);
      X25519Field.copy(b, 0, out, 10);
      X25519Field.copy(c, 0, out, 20);
      X25519Field.copy(d, 0, out, 30);
      return out;
    }

    /** RFC 8032's doubling; T is only computed when an addition or the result needs it. */
    void doubleInPlace(boolean needsT) {
      X25519Field.sqr(x, a);
      X25519Field.sqr(y, b);
      X25519Field.sqr(z, c);
      X25519Field.add(c, c, c);
      X25519Field.add(a, b, h);
      X25519Field.add(x, y, e);
      X25519Field.sqr(e, e);
      X25519Field.sub(h, e, e);
      X25519Field.sub(a, b, g);
      X25519Field.add(c, g, f);
      X25519Field.carry(f);
      X25519Field.mul(e, f, x);
      X25519Field.mul(g, h, y);
      X25519Field.mul(f, g, z);
      if (needsT) {
        X25519Field.mul(e, h, t);
      }
    }

    /** RFC 8032's addition of a cached point, or of its negation (-(x, y) = (-x, y): swap Y+X and Y-X, negate 2dT). */
    void add(int[] q, boolean negate) {
      int plus = negate ? 10 : 0;
      int minus = negate ? 0 : 10;
      X25519Field.sub(y, x, a);
      X25519Field.copy(q, minus, b, 0);
      X25519Field.mul(a, b, a);
      X25519Field.add(y, x, b);
      X25519Field.copy(q, plus, c, 0);
      X25519Field.mul(b, c, b);
      X25519Field.copy(q, 30, c, 0);
      X25519Field.mul(t, c, c);
      if (negate) {
        X25519Field.negate(c, c);
      }
      X25519Field.copy(q, 20, d, 0);
      X25519Field.mul(z, d, d);
      X25519Field.sub(b, a, e);
      X25519Field.sub(d, c, f);
      X25519Field.add(d, c, g);
      X25519Field.add(b, a, h);
      X25519Field.carry(f);
      X25519Field.carry(g);
      X25519Field.mul(e, f, x);
      X25519Field.mul(g, h, y);
      X25519Field.mul(e, h, t);
      X25519Field.mul(f, g, z);
    }
  }

  /**
   * RFC 9496's SQRT_RATIO_M1: writes the non-negative square root of u/v, or of i*u/v when u/v is not square, into
   * {@code out}; returns whether u/v was square.
   */
  private static boolean sqrtRatioM1(int[] u, int[] v, int[] out) {
    int[] v3 = multiply(square(v), v);
    int[] v7 = multiply(square(v3), v);
    int[] r = multiply(multiply(u, v3), powP58(multiply(u, v7)));
    int[] check = multiply(v, square(r));
    int[] minusU = X25519Field.create();
    X25519Field.negate(u, minusU);
    boolean correctSign = equal(check, u);
    boolean flippedSign = equal(check, minusU);
    boolean flippedSignI = equal(check, multiply(minusU, SQRT_M1));
    if (flippedSign || flippedSignI) {
      X25519Field.mul(r, SQRT_M1, r);
    }
    absolute(r);
    X25519Field.copy(r, 0, out, 0);
    return correctSign || flippedSign;
  }

  /** z^((p-5)/8) = z^(2^252 - 3), by the usual addition chain. */
  private static int[] powP58(int[] z) {
    int[] t0 = square(z);
    int[] t1 = X25519Field.create();
    X25519Field.sqr(t0, 2, t1);
    X25519Field.mul(z, t1, t1);
    X25519Field.mul(t0, t1, t0);
    X25519Field.sqr(t0, t0);
    X25519Field.mul(t1, t0, t0);
    X25519Field.sqr(t0, 5, t1);
    X25519Field.mul(t1, t0, t0);
    X25519Field.sqr(t0, 10, t1);
    X25519Field.mul(t1, t0, t1);
    int[] t2 = X25519Field.create();
    X25519Field.sqr(t1, 20, t2);
    X25519Field.mul(t2, t1, t1);
    X25519Field.sqr(t1, 10, t1);
    X25519Field.mul(t1, t0, t0);
    X25519Field.sqr(t0, 50, t1);
    X25519Field.mul(t1, t0, t1);
    X25519Field.sqr(t1, 100, t2);
    X25519Field.mul(t2, t1, t1);
    X25519Field.sqr(t1, 50, t1);
    X25519Field.mul(t1, t0, t0);
    X25519Field.sqr(t0, 2, t0);
    X25519Field.mul(t0, z, t0);
    return t0;
  }

  private static boolean isNegative(int[] value) {
    int[] normal = copyOf(value);
    X25519Field.carry(normal);
    X25519Field.normalize(normal);
    byte[] bytes = new byte[32];
    X25519Field.encode(normal, bytes, 0);
    return (bytes[0] & 1) != 0;
  }

  private static void absolute(int[] value) {
    if (isNegative(value)) {
      X25519Field.negate(value, value);
    }
  }

  private static boolean isZero(int[] value) {
    int[] normal = copyOf(value);
    X25519Field.carry(normal);
    X25519Field.normalize(normal);
    return X25519Field.isZeroVar(normal);
  }

  private static boolean equal(int[] left, int[] right) {
    int[] difference = X25519Field.create();
    X25519Field.sub(left, right, difference);
    return isZero(difference);
  }

  private static int[] multiply(int[] left, int[] right) {
    int[] out = X25519Field.create();
    X25519Field.mul(left, right, out);
    return out;
  }

  private static int[] square(int[] value) {
    int[] out = X25519Field.create();
    X25519Field.sqr(value, out);
    return out;
  }

  private static int[] copyOf(int[] value) {
    return value.clone();
  }

  private static BigInteger P() {
    return BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
  }

  private static BigInteger modP(String decimal) {
    return new BigInteger(decimal).mod(P());
  }

  private static int[] fieldOf(BigInteger value) {
    byte[] bigEndian = value.mod(P()).toByteArray();
    byte[] littleEndian = new byte[32];
    for (int i = 0; i < Math.min(32, bigEndian.length); i++) {
      littleEndian[i] = bigEndian[bigEndian.length - 1 - i];
    }
    int[] out = X25519Field.create();
    X25519Field.decode(littleEndian, 0, out);
    return out;
  }

  private static Point decodeOrThrow(byte[] encoding) {
    Point p = decode(encoding);
    if (p == null) {
      throw new IllegalStateException("the ristretto255 generator failed to decode");
    }
    return p;
  }
}
