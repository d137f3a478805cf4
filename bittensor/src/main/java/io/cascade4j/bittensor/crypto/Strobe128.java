package io.cascade4j.bittensor.crypto;

import java.nio.charset.StandardCharsets;

/**
 * The subset of STROBE-128 (Keccak-f[1600], rate 166) that merlin transcripts use: meta-AD, AD, PRF and KEY. A port
 * of merlin's {@code strobe.rs}; not thread-safe, and {@link #copy()} forks a transcript.
 */
final class Strobe128 {
  private static final int RATE = 166;
  private static final int FLAG_I = 1;
  private static final int FLAG_A = 1 << 1;
  private static final int FLAG_C = 1 << 2;
  private static final int FLAG_M = 1 << 4;
  private static final int FLAG_K = 1 << 5;

  private final byte[] state;
  private int pos;
  private int posBegin;
  private int curFlags;

  private Strobe128(byte[] state, int pos, int posBegin, int curFlags) {
    this.state = state;
    this.pos = pos;
    this.posBegin = posBegin;
    this.curFlags = curFlags;
  }

  static Strobe128 create(byte[] protocolLabel) {
    byte[] state = new byte[200];
    byte[] head = {1, (byte) (RATE + 2), 1, 0, 1, 96};
    System.arraycopy(head, 0, state, 0, head.length);
    byte[] version = "STROBEv1.0.2".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(version, 0, state, 6, version.length);
    Keccak.f1600(state);
    Strobe128 strobe = new Strobe128(state, 0, 0, 0);
    strobe.metaAd(protocolLabel, false);
    return strobe;
  }

  Strobe128 copy() {
    return new Strobe128(state.clone(), pos, posBegin, curFlags);
  }

  void metaAd(byte[] data, boolean more) {
    beginOp(FLAG_M | FLAG_A, more);
    absorb(data);
  }

  void ad(byte[] data, boolean more) {
    beginOp(FLAG_A, more);
    absorb(data);
  }

  void prf(byte[] out, boolean more) {
    beginOp(FLAG_I | FLAG_A | FLAG_C, more);
    for (int i = 0; i < out.length; i++) {
      out[i] = state[pos];
      state[pos] = 0;
      advance();
    }
  }

  void key(byte[] data, boolean more) {
    beginOp(FLAG_A | FLAG_C, more);
    for (byte b : data) {
      state[pos] = b;
      advance();
    }
  }

  private void absorb(byte[] data) {
    for (byte b : data) {
      state[pos] ^= b;
      advance();
    }
  }

  private void advance() {
    pos++;
    if (pos == RATE) {
      runF();
    }
  }

  private void runF() {
    state[pos] ^= (byte) posBegin;
    state[pos + 1] ^= 0x04;
    state[RATE + 1] ^= (byte) 0x80;
    Keccak.f1600(state);
    pos = 0;
    posBegin = 0;
  }

  private void beginOp(int flags, boolean more) {
    if (more) {
      if (curFlags != flags) {
        throw new IllegalStateException("STROBE: continued an operation with other flags");
      }
      return;
    }
    int oldBegin = posBegin;
    posBegin = pos + 1;
    curFlags = flags;
    absorb(new byte[] {(byte) oldBegin, (byte) flags});
    boolean forceF = (flags & (FLAG_C | FLAG_K)) != 0;
    if (forceF && pos != 0) {
      runF();
    }
  }
}
