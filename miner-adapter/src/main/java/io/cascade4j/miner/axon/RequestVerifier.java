package io.cascade4j.miner.axon;

import io.cascade4j.miner.crypto.Sr25519;
import io.cascade4j.miner.crypto.Ss58;
import io.cascade4j.miner.protocol.SynapseHeaders;
import io.cascade4j.miner.protocol.TerminalInfo;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Verifies that a request comes from the hotkey it names and is meant for this axon: sr25519 signature over {@code
 * nonce.caller.axon.uuid.body_hash} with <em>this</em> axon's hotkey in the message (so a request addressed to another
 * miner fails), raw or {@code <Bytes>}-wrapped, plus the {@link NonceGuard}. A signature is always required; the
 * reference skips the check when the header is missing (bittensor issue #3392).
 */
final class RequestVerifier {
  private static final Pattern SIGNATURE = Pattern.compile("0x[0-9a-fA-F]{128}");

  private final String axonHotkey;
  private final NonceGuard nonces;

  RequestVerifier(String axonHotkey, NonceGuard nonces) {
    this.axonHotkey = axonHotkey;
    this.nonces = nonces;
  }

  /** The caller's hotkey, or 401 as the reference words it when absent. */
  static String callerHotkey(TerminalInfo dendrite) throws Rejection {
    String hotkey = dendrite.hotkey();
    if (hotkey == null || hotkey.isBlank()) {
      throw notVerified("missing_hotkey", "No SS58 formatted address or public key provided.");
    }
    return hotkey;
  }

  /** Throws a 401 {@link Rejection} unless the request is signed, fresh and addressed to this axon. */
  void verify(SynapseHeaders.Parsed request, String bodyHash) throws Rejection {
    TerminalInfo dendrite = request.dendrite();
    String hotkey = callerHotkey(dendrite);
    byte[] publicKey;
    try {
      publicKey = Ss58.decode(hotkey).publicKey();
    } catch (IllegalArgumentException e) {
      throw notVerified("bad_hotkey", "Invalid SS58 address " + hotkey + ": " + e.getMessage());
    }
    Long nonce = dendrite.nonce();
    if (nonce == null) {
      throw notVerified("missing_nonce", "Missing Nonce");
    }
    String uuid = dendrite.uuid();
    if (uuid == null || uuid.isBlank()) {
      throw notVerified("missing_uuid", "Missing uuid");
    }
    String signature = dendrite.signature();
    if (signature == null || signature.isBlank()) {
      throw notVerified("missing_signature", "Missing Signature");
    }
    String endpointKey = hotkey + ":" + uuid;
    try {
      nonces.checkFresh(endpointKey, nonce, request.timeout());
    } catch (Rejection e) {
      throw notVerified(e.reason, e.getMessage());
    }
    String message = SynapseHeaders.signedMessage(nonce, hotkey, axonHotkey, uuid, bodyHash);
    if (!SIGNATURE.matcher(signature).matches()
        || !Sr25519.verifyRawOrWrapped(
            publicKey,
            message.getBytes(StandardCharsets.UTF_8),
            HexFormat.of().parseHex(signature.substring(2)))) {
      throw notVerified("bad_signature", "Signature mismatch with " + message + " and " + signature);
    }
    try {
      nonces.record(endpointKey, nonce);
    } catch (Rejection e) {
      throw notVerified(e.reason, e.getMessage());
    }
  }

  private static Rejection notVerified(String reason, String detail) {
    return new Rejection(401, reason, "Not Verified with error: " + detail);
  }
}
