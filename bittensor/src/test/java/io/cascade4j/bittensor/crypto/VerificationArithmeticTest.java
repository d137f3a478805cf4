package io.cascade4j.bittensor.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import cafe.cryptography.curve25519.CompressedRistretto;
import cafe.cryptography.curve25519.Constants;
import cafe.cryptography.curve25519.InvalidEncodingException;
import cafe.cryptography.curve25519.RistrettoElement;
import cafe.cryptography.curve25519.Scalar;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The variable-time verification arithmetic (BouncyCastle's field) against curve25519-elisabeth's constant-time
 * ristretto255: decoding, encoding and {@code s*B - k*A} on random points and scalars, and the same verdict on random
 * 32-byte strings (most are not valid encodings).
 */
class VerificationArithmeticTest {
  @Test
  void decodesAndEncodesAsTheReferenceDoes() {
    SplittableRandom random = new SplittableRandom(9496);
    for (int trial = 0; trial < 200; trial++) {
      byte[] encoding = Constants.RISTRETTO_GENERATOR_TABLE.multiply(randomScalar(random)).compress().toByteArray();
      VerificationArithmetic.Point point = VerificationArithmetic.decode(encoding);
      assertNotNull(point, "trial " + trial);
      assertArrayEquals(encoding, VerificationArithmetic.encode(point), "trial " + trial);
    }
  }

  @Test
  void refusesExactlyTheEncodingsTheReferenceRefuses() {
    SplittableRandom random = new SplittableRandom(255);
    int valid = 0;
    for (int trial = 0; trial < 2000; trial++) {
      byte[] bytes = new byte[32];
      random.nextBytes(bytes);
      if (trial % 2 == 0) {
        bytes[0] &= (byte) 0xfe; // even, so the sign check alone does not decide
        bytes[31] &= 0x7f;
      }
      boolean referenceValid;
      try {
        new CompressedRistretto(bytes).decompress();
        referenceValid = true;
      } catch (InvalidEncodingException | IllegalArgumentException e) {
        referenceValid = false;
      }
      VerificationArithmetic.Point point = VerificationArithmetic.decode(bytes);
      if (referenceValid) {
        valid++;
        assertNotNull(point, "trial " + trial);
        assertArrayEquals(bytes, VerificationArithmetic.encode(point));
      } else {
        assertNull(point, "trial " + trial);
      }
    }
    org.junit.jupiter.api.Assertions.assertTrue(valid > 50, "too few valid encodings to mean anything: " + valid);
  }

  @Test
  void productEqualsTheConstantTimeOne() {
    SplittableRandom random = new SplittableRandom(25519);
    for (int trial = 0; trial < 200; trial++) {
      Scalar s = randomScalar(random);
      Scalar k = randomScalar(random);
      RistrettoElement a = Constants.RISTRETTO_GENERATOR_TABLE.multiply(randomScalar(random));
      byte[] expected = Constants.RISTRETTO_GENERATOR_TABLE.multiply(s).subtract(a.multiply(k)).compress()
          .toByteArray();
      VerificationArithmetic.Point aPoint = VerificationArithmetic.decode(a.compress().toByteArray());
      assertNotNull(aPoint);
      byte[] actual = VerificationArithmetic.encode(
          VerificationArithmetic.sTimesBMinusKTimesA(s.toByteArray(), k.toByteArray(), aPoint));
      assertArrayEquals(expected, actual, "trial " + trial);
    }
  }

  @Test
  void zeroScalarsGiveTheIdentity() {
    RistrettoElement a = Constants.RISTRETTO_GENERATOR;
    VerificationArithmetic.Point aPoint = VerificationArithmetic.decode(a.compress().toByteArray());
    assertNotNull(aPoint);
    assertArrayEquals(RistrettoElement.IDENTITY.compress().toByteArray(), VerificationArithmetic.encode(
        VerificationArithmetic.sTimesBMinusKTimesA(new byte[32], new byte[32], aPoint)));
  }

  private static Scalar randomScalar(SplittableRandom random) {
    byte[] wide = new byte[64];
    random.nextBytes(wide);
    return Scalar.fromBytesModOrderWide(wide);
  }
}
