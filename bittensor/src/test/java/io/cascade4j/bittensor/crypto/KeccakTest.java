package io.cascade4j.bittensor.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The written-out permutation against the textbook loop form of FIPS 202, on random states and on the zero state. */
class KeccakTest {
  private static final int[] ROTATIONS = {
    0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14
  };


  @Test
  void writtenOutPermutationEqualsTheTextbookLoopForm() {
    SplittableRandom random = new SplittableRandom(202);
    for (int trial = 0; trial < 500; trial++) {
      byte[] state = new byte[200];
      if (trial > 0) {
        random.nextBytes(state);
      }
      byte[] expected = state.clone();
      textbookF1600(expected);
      Keccak.f1600(state);
      assertArrayEquals(expected, state, "trial " + trial);
    }
  }

  @Test
  void zeroStateGivesTheFips202KnownAnswer() {
    // First lane of Keccak-f[1600] applied once to the all-zero state (the Keccak team's KeccakF-1600 test vector).
    byte[] state = new byte[200];
    Keccak.f1600(state);
    long lane0 = 0;
    for (int b = 7; b >= 0; b--) {
      lane0 = (lane0 << 8) | (state[b] & 0xffL);
    }
    org.junit.jupiter.api.Assertions.assertEquals(0xF1258F7940E1DDE7L, lane0);
  }

  private static void textbookF1600(byte[] state) {
    long[] a = new long[25];
    for (int i = 0; i < 25; i++) {
      long lane = 0;
      for (int b = 7; b >= 0; b--) {
        lane = (lane << 8) | (state[i * 8 + b] & 0xffL);
      }
      a[i] = lane;
    }
    long[] c = new long[5];
    long[] b = new long[25];
    for (long roundConstant : Keccak.ROUND_CONSTANTS) {
      for (int x = 0; x < 5; x++) {
        c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
      }
      for (int x = 0; x < 5; x++) {
        long d = c[(x + 4) % 5] ^ Long.rotateLeft(c[(x + 1) % 5], 1);
        for (int y = 0; y < 25; y += 5) {
          a[y + x] ^= d;
        }
      }
      for (int x = 0; x < 5; x++) {
        for (int y = 0; y < 5; y++) {
          int index = x + 5 * y;
          b[y + 5 * ((2 * x + 3 * y) % 5)] = Long.rotateLeft(a[index], ROTATIONS[index]);
        }
      }
      for (int y = 0; y < 25; y += 5) {
        for (int x = 0; x < 5; x++) {
          a[y + x] = b[y + x] ^ (~b[y + (x + 1) % 5] & b[y + (x + 2) % 5]);
        }
      }
      a[0] ^= roundConstant;
    }
    for (int i = 0; i < 25; i++) {
      long lane = a[i];
      for (int k = 0; k < 8; k++) {
        state[i * 8 + k] = (byte) (lane >>> (8 * k));
      }
    }
  }
}
