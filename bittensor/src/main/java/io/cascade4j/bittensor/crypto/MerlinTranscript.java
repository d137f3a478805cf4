package io.cascade4j.bittensor.crypto;

import java.nio.charset.StandardCharsets;

/** A merlin transcript (merlin 3, "Merlin v1.0"): the Fiat-Shamir hash schnorrkel signs through. Not thread-safe. */
final class MerlinTranscript {
  private final Strobe128 strobe;

  private MerlinTranscript(Strobe128 strobe) {
    this.strobe = strobe;
  }

  static MerlinTranscript create(String label) {
    MerlinTranscript transcript = new MerlinTranscript(Strobe128.create(ascii("Merlin v1.0")));
    transcript.append("dom-sep", ascii(label));
    return transcript;
  }

  MerlinTranscript copy() {
    return new MerlinTranscript(strobe.copy());
  }

  void append(String label, byte[] message) {
    strobe.metaAd(ascii(label), false);
    strobe.metaAd(u32(message.length), true);
    strobe.ad(message, false);
  }

  byte[] challengeBytes(String label, int length) {
    strobe.metaAd(ascii(label), false);
    strobe.metaAd(u32(length), true);
    byte[] out = new byte[length];
    strobe.prf(out, false);
    return out;
  }

  /**
   * merlin's {@code build_rng().rekey_with_witness_bytes(label, witness).finalize(rng)} followed by {@code
   * fill_bytes}: output bound to the transcript, the secret witness and {@code randomness}.
   */
  byte[] witnessBytes(String label, byte[] witness, byte[] randomness, int length) {
    Strobe128 fork = strobe.copy();
    fork.metaAd(ascii(label), false);
    fork.metaAd(u32(witness.length), true);
    fork.key(witness, false);
    fork.metaAd(ascii("rng"), false);
    fork.key(randomness, false);
    fork.metaAd(u32(length), false);
    byte[] out = new byte[length];
    fork.prf(out, false);
    return out;
  }

  private static byte[] u32(int value) {
    return new byte[] {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)};
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
