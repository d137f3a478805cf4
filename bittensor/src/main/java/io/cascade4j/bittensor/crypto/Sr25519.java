package io.cascade4j.bittensor.crypto;

import cafe.cryptography.curve25519.Constants;
import cafe.cryptography.curve25519.Scalar;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * sr25519: schnorrkel 0.11 "simple" Schnorr signatures over ristretto255, signing context {@code substrate}, as
 * Substrate, polkadot{.js} and Bittensor wallets use them.
 *
 * <p>A signature is {@code R || s} (64 bytes) with the top bit of the last byte set as schnorrkel's marker. Keys come
 * from a 32-byte mini-secret expanded Ed25519-style (SHA-512, clamp, divide by the cofactor), as Substrate does.
 */
public final class Sr25519 {
  /** The signing context Substrate and Bittensor use. */
  public static final String SUBSTRATE_CONTEXT = "substrate";
  /**
   * The transcript every Substrate signature starts from (context "SigningContext", then "substrate"), built once:
   * each verification forks it instead of paying its Keccak permutations again. Never mutated after class
   * initialisation, so concurrent forks are safe.
   */
  private static final MerlinTranscript SUBSTRATE_SIGNING_PREFIX = substrateSigningPrefix();

  private static final SecureRandom RANDOM = new SecureRandom();

  private Sr25519() {}

  /** A key pair: the secret scalar, the secret nonce seed, and the 32-byte compressed public key. */
  public static final class Keypair {
    private final Scalar key;
    private final byte[] nonce;
    private final byte[] publicKey;

    private Keypair(Scalar key, byte[] nonce) {
      this.key = key;
      this.nonce = nonce;
      this.publicKey = Constants.RISTRETTO_GENERATOR_TABLE.multiply(key).compress().toByteArray();
    }

    /** The 32-byte public key. */
    public byte[] publicKey() {
      return publicKey.clone();
    }

    /** Never prints secrets. */
    @Override
    public String toString() {
      return "Sr25519.Keypair[public=" + java.util.HexFormat.of().formatHex(publicKey) + "]";
    }
  }

  /** The key pair of a 32-byte mini-secret (the "seed" of a Substrate or Bittensor key). */
  public static Keypair fromMiniSecret(byte[] miniSecret) {
    if (miniSecret.length != 32) {
      throw new IllegalArgumentException("a mini-secret has 32 bytes, got " + miniSecret.length);
    }
    byte[] h = sha512(miniSecret);
    byte[] key = Arrays.copyOfRange(h, 0, 32);
    key[0] &= (byte) 248;
    key[31] &= 63;
    key[31] |= 64;
    divideByCofactor(key);
    return new Keypair(Scalar.fromBits(key), Arrays.copyOfRange(h, 32, 64));
  }

  /** Signs {@code message} in the {@code substrate} context with fresh randomness. */
  public static byte[] sign(Keypair keypair, byte[] message) {
    byte[] randomness = new byte[32];
    RANDOM.nextBytes(randomness);
    return sign(keypair, message, randomness);
  }

  /**
   * Signs with the given 32 bytes fed to the transcript's RNG; all zeros reproduces micro-sr25519's deterministic
   * test vectors. Use {@link #sign(Keypair, byte[])} otherwise.
   */
  static byte[] sign(Keypair keypair, byte[] message, byte[] randomness) {
    MerlinTranscript t = signingTranscript(message);
    t.append("proto-name", ascii("Schnorr-sig"));
    t.append("sign:pk", keypair.publicKey);
    Scalar r = Scalar.fromBytesModOrderWide(t.witnessBytes("signing", keypair.nonce, randomness, 64));
    byte[] bigR = Constants.RISTRETTO_GENERATOR_TABLE.multiply(r).compress().toByteArray();
    t.append("sign:R", bigR);
    Scalar k = Scalar.fromBytesModOrderWide(t.challengeBytes("sign:c", 64));
    byte[] s = k.multiplyAndAdd(keypair.key, r).toByteArray();
    byte[] signature = new byte[64];
    System.arraycopy(bigR, 0, signature, 0, 32);
    System.arraycopy(s, 0, signature, 32, 32);
    signature[63] |= (byte) 0x80;
    return signature;
  }

  /**
   * Whether {@code signature} is a valid sr25519 signature of {@code message} by {@code publicKey}. Malformed keys or
   * signatures (wrong length, missing marker, non-canonical scalar, invalid point) are simply invalid.
   */
  public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    Objects.requireNonNull(message, "message");
    Decoded decoded = Decoded.of(publicKey, signature);
    return decoded != null && decoded.verifies(message);
  }

  /** How a message reached the signer: as it is, or wrapped in {@code <Bytes>...</Bytes>}. */
  public enum MessageForm {
    /** The message itself, as Bittensor's dendrite and {@code Keypair.sign} sign it. */
    RAW,
    /** {@code <Bytes>message</Bytes>}, as the polkadot{.js} extension signs arbitrary bytes. */
    BYTES_WRAPPED;

    byte[] apply(byte[] message) {
      if (this == RAW) {
        return message;
      }
      byte[] open = ascii("<Bytes>");
      byte[] close = ascii("</Bytes>");
      byte[] wrapped = new byte[open.length + message.length + close.length];
      System.arraycopy(open, 0, wrapped, 0, open.length);
      System.arraycopy(message, 0, wrapped, open.length, message.length);
      System.arraycopy(close, 0, wrapped, open.length + message.length, close.length);
      return wrapped;
    }
  }

  /**
   * Verifies as Bittensor's {@code Keypair.verify} does: the raw message, or failing that the message wrapped in
   * {@code <Bytes>...</Bytes>}. An invalid signature costs two verifications; a server that knows how a key signs
   * uses {@link #verifiedForm} with that one form.
   */
  public static boolean verifyRawOrWrapped(byte[] publicKey, byte[] message, byte[] signature) {
    return verifiedForm(publicKey, message, signature, List.of(MessageForm.RAW, MessageForm.BYTES_WRAPPED)) != null;
  }

  /**
   * The first of {@code forms} in which {@code signature} signs {@code message} by {@code publicKey}, or null when
   * none does (malformed keys and signatures included). The key and signature are decoded once for all forms.
   */
  public static @Nullable MessageForm verifiedForm(
      byte[] publicKey, byte[] message, byte[] signature, List<MessageForm> forms) {
    Objects.requireNonNull(message, "message");
    Decoded decoded = Decoded.of(publicKey, signature);
    if (decoded == null) {
      return null;
    }
    for (MessageForm form : forms) {
      if (decoded.verifies(form.apply(message))) {
        return form;
      }
    }
    return null;
  }

  /** A public key and signature decoded and range-checked, ready to check against messages. */
  private record Decoded(byte[] publicKey, byte[] rBytes, byte[] s, VerificationArithmetic.Point a) {
    static @Nullable Decoded of(byte[] publicKey, byte[] signature) {
      if (publicKey.length != 32 || signature.length != 64 || (signature[63] & 0x80) == 0) {
        return null;
      }
      byte[] rBytes = Arrays.copyOfRange(signature, 0, 32);
      byte[] sBytes = Arrays.copyOfRange(signature, 32, 64);
      sBytes[31] &= 0x7f;
      try {
        Scalar.fromCanonicalBytes(sBytes);
      } catch (IllegalArgumentException e) {
        return null;
      }
      VerificationArithmetic.Point a = VerificationArithmetic.decode(publicKey);
      return a == null ? null : new Decoded(publicKey, rBytes, sBytes, a);
    }

    /**
     * {@code s*B - k*A} encoded must equal R's bytes. R is not decoded first (schnorrkel does not either): an encoding
     * is always canonical and valid, so an invalid R can never match, and the accepted set is the same without the
     * cost of a decoding.
     */
    boolean verifies(byte[] message) {
      MerlinTranscript t = signingTranscript(message);
      t.append("proto-name", ascii("Schnorr-sig"));
      t.append("sign:pk", publicKey);
      t.append("sign:R", rBytes);
      byte[] k = Scalar.fromBytesModOrderWide(t.challengeBytes("sign:c", 64)).toByteArray();
      byte[] expectedR = VerificationArithmetic.encode(VerificationArithmetic.sTimesBMinusKTimesA(s, k, a));
      return MessageDigest.isEqual(expectedR, rBytes);
    }
  }

  private static MerlinTranscript signingTranscript(byte[] message) {
    MerlinTranscript t = SUBSTRATE_SIGNING_PREFIX.copy();
    t.append("sign-bytes", message);
    return t;
  }

  private static MerlinTranscript substrateSigningPrefix() {
    MerlinTranscript t = MerlinTranscript.create("SigningContext");
    t.append("", ascii(SUBSTRATE_CONTEXT));
    return t;
  }

  /** Shifts a little-endian 256-bit number right by 3 bits: schnorrkel's division by the cofactor 8. */
  private static void divideByCofactor(byte[] scalar) {
    int low = 0;
    for (int i = scalar.length - 1; i >= 0; i--) {
      int b = scalar[i] & 0xff;
      int r = b & 0b111;
      scalar[i] = (byte) ((b >>> 3) + low);
      low = r << 5;
    }
  }

  private static byte[] sha512(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-512").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-512", e);
    }
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
