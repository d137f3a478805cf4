package io.cascade4j.benchmarks;

import io.cascade4j.bittensor.crypto.Sr25519;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The signature check every axon request pays, against the baseline of a mature Java library in the same run:
 * sr25519 verification of a Bittensor request message (ours, pure Java), of an invalid signature under a key whose
 * form the axon knows (one verification, as the axon does) and under one it does not (raw, then {@code
 * <Bytes>}-wrapped: two), against BouncyCastle's Ed25519 verification of the same message. Issue 19's
 * goal is the ratio sr25519 / Ed25519 within 1.5. Run: {@code ./cascade4j bench --jmh SignatureBenchmark -f 1}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SignatureBenchmark {
  private byte[] message;
  private byte[] srPublic;
  private byte[] srSignature;
  private byte[] srInvalid;
  private Ed25519PublicKeyParameters edPublic;
  private byte[] edSignature;

  @Setup(Level.Trial)
  public void keys() {
    SecureRandom random = new SecureRandom(new byte[] {7});
    // nonce.caller.axon.uuid.body_hash, as a dendrite signs it
    message = ("1767225600123456789.5DLM3JGXTrZmPsBz8ydBoUbh2EnMtUsohgsP6nXjjomuBXNA"
        + ".5GEF7fnVeHmRhXhUsvkNT4h2WNnB5eWXrGDWtSxVEgMF7K8F.0b6f3c1e-2d4a-11f0-9cd2-0242ac120002"
        + ".a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a").getBytes(StandardCharsets.UTF_8);
    byte[] seed = new byte[32];
    random.nextBytes(seed);
    Sr25519.Keypair sr = Sr25519.fromMiniSecret(seed);
    srPublic = sr.publicKey();
    srSignature = Sr25519.sign(sr, message);
    srInvalid = srSignature.clone();
    srInvalid[5] ^= 1;
    Ed25519PrivateKeyParameters ed = new Ed25519PrivateKeyParameters(random);
    edPublic = ed.generatePublicKey();
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, ed);
    signer.update(message, 0, message.length);
    edSignature = signer.generateSignature();
  }

  @Benchmark
  public boolean sr25519Verify() {
    return Sr25519.verifyRawOrWrapped(srPublic, message, srSignature);
  }

  @Benchmark
  public boolean sr25519VerifyInvalid() {
    return Sr25519.verifiedForm(srPublic, message, srInvalid, List.of(Sr25519.MessageForm.RAW)) != null;
  }

  @Benchmark
  public boolean sr25519VerifyInvalidEitherForm() {
    return Sr25519.verifyRawOrWrapped(srPublic, message, srInvalid);
  }

  @Benchmark
  public boolean ed25519VerifyBouncyCastle() {
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, edPublic);
    verifier.update(message, 0, message.length);
    return verifier.verifySignature(edSignature);
  }
}
