package io.cascade4j.bittensor.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.cascade4j.bittensor.crypto.Sr25519;
import io.cascade4j.bittensor.crypto.Ss58;
import io.cascade4j.bittensor.protocol.MalformedSynapseException;
import io.cascade4j.bittensor.protocol.SynapseHeaders;
import io.cascade4j.bittensor.protocol.TerminalInfo;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The legacy axon protocol's request authentication (Bittensor up to 10, and subnet 72): the {@code bt_header_dendrite_*}
 * headers name the caller, and an sr25519 signature over {@code nonce.caller.axon.uuid.body_hash} with <em>this</em>
 * axon's hotkey in the message (so a request addressed to another miner fails), raw or {@code <Bytes>}-wrapped (the
 * form a key first verified with is the only one tried for it afterwards), proves it; the {@link NonceGuard} refuses
 * stale and replayed nonces. The body hash is the caller's {@code computed_body_hash} header, which the server
 * compares with the body it reads. A signature is always required; the
 * reference skips the check when the header is missing (bittensor issue #3392).
 */
public final class AxonSignature implements RequestAuthenticator {
  private static final Pattern SIGNATURE = Pattern.compile("0x[0-9a-fA-F]{128}");

  private static final List<Sr25519.MessageForm> EITHER_FORM =
      List.of(Sr25519.MessageForm.RAW, Sr25519.MessageForm.BYTES_WRAPPED);

  private final String axonHotkey;
  private final NonceGuard nonces;
  /**
   * How each hotkey signed when it last verified. A signer signs one way (a dendrite raw, the polkadot{.js} extension
   * wrapped), so only that form is checked for it afterwards: a forged request under a known validator's key costs
   * one verification, not two. Keys never seen valid get both forms, as Bittensor's {@code Keypair.verify} tries.
   */
  private final Cache<String, Sr25519.MessageForm> formByHotkey =
      Caffeine.newBuilder().maximumSize(4096).build();

  /** Verifies requests addressed to {@code axonHotkey} (SS58), with {@code nonces} against replays. */
  public AxonSignature(String axonHotkey, NonceGuard nonces) {
    this.axonHotkey = axonHotkey;
    this.nonces = nonces;
  }

  @Override
  public String claimedCaller(RequestHead head) throws AuthenticationException {
    return callerHotkey(parse(head).dendrite());
  }

  @Override
  public String verify(RequestHead head) throws AuthenticationException {
    SynapseHeaders.Parsed request = parse(head);
    verify(request, request.computedBodyHash() == null ? "" : request.computedBodyHash());
    return callerHotkey(request.dendrite());
  }

  private static SynapseHeaders.Parsed parse(RequestHead head) throws AuthenticationException {
    try {
      return SynapseHeaders.parse(head::header);
    } catch (MalformedSynapseException e) {
      throw notVerified("bad_headers", "Improperly formatted request: " + e.getMessage());
    }
  }

  /** The caller's hotkey, or the reference's wording when absent. */
  private static String callerHotkey(TerminalInfo dendrite) throws AuthenticationException {
    String hotkey = dendrite.hotkey();
    if (hotkey == null || hotkey.isBlank()) {
      throw notVerified("missing_hotkey", "No SS58 formatted address or public key provided.");
    }
    return hotkey;
  }

  /** Throws unless the request is signed, fresh and addressed to this axon. */
  private void verify(SynapseHeaders.Parsed request, String bodyHash) throws AuthenticationException {
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
    } catch (AuthenticationException e) {
      throw notVerified(e.reason(), e.getMessage());
    }
    String message = SynapseHeaders.signedMessage(nonce, hotkey, axonHotkey, uuid, bodyHash);
    Sr25519.MessageForm known = formByHotkey.getIfPresent(hotkey);
    Sr25519.MessageForm form = !SIGNATURE.matcher(signature).matches() ? null : Sr25519.verifiedForm(
        publicKey,
        message.getBytes(StandardCharsets.UTF_8),
        HexFormat.of().parseHex(signature.substring(2)),
        known == null ? EITHER_FORM : List.of(known));
    if (form == null) {
      throw notVerified("bad_signature", "Signature mismatch with " + message + " and " + signature);
    }
    if (known == null) {
      formByHotkey.put(hotkey, form);
    }
    try {
      nonces.record(endpointKey, nonce);
    } catch (AuthenticationException e) {
      throw notVerified(e.reason(), e.getMessage());
    }
  }

  private static AuthenticationException notVerified(String reason, String detail) {
    return new AuthenticationException(reason, "Not Verified with error: " + detail);
  }
}
