package io.cascade4j.bittensor.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascade4j.bittensor.crypto.Sr25519;
import io.cascade4j.bittensor.crypto.Ss58;
import io.cascade4j.bittensor.dendrite.Dendrite;
import io.cascade4j.bittensor.protocol.ImageSynapse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The legacy axon signature through the {@link RequestAuthenticator} interface, with heads a real dendrite signs. */
class AxonSignatureTest {
  private static final Sr25519.Keypair VALIDATOR = key(1);
  private static final String AXON = Ss58.encode(key(9).publicKey(), 42);

  private static Sr25519.Keypair key(int n) {
    byte[] seed = new byte[32];
    seed[0] = (byte) n;
    return Sr25519.fromMiniSecret(seed);
  }

  private static RequestHead head(Map<String, String> headers) {
    Map<String, String> lower = new LinkedHashMap<>();
    headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    return new RequestHead() {
      @Override
      public String method() {
        return "POST";
      }

      @Override
      public String path() {
        return "/ImageSynapse";
      }

      @Override
      public @Nullable String header(String name) {
        return lower.get(name.toLowerCase(Locale.ROOT));
      }
    };
  }

  private static AxonSignature authenticator(String axon) {
    return new AxonSignature(axon, new NonceGuard(EpochNanos::now, Duration.ofSeconds(4), Duration.ofSeconds(60),
        1000));
  }

  private static Map<String, String> signed(String axon) {
    return new Dendrite(VALIDATOR).sign(ImageSynapse.request("aGk=", 9.0), "127.0.0.1", 8091, axon).headers();
  }

  @Test
  void aSignedHeadNamesAndProvesItsCallerOnce() throws Exception {
    RequestAuthenticator auth = authenticator(AXON);
    RequestHead head = head(signed(AXON));
    String caller = Ss58.encode(VALIDATOR.publicKey(), 42);
    assertThat(auth.claimedCaller(head)).isEqualTo(caller);
    assertThat(auth.verify(head)).isEqualTo(caller);
    assertThatThrownBy(() -> auth.verify(head)).isInstanceOf(AuthenticationException.class)
        .satisfies(e -> assertThat(((AuthenticationException) e).reason()).isEqualTo("replayed_nonce"));
  }

  @Test
  void headsForAnotherAxonForgedOrUnsignedAreRefusedWithTheirReason() {
    Map<String, String> forOther = signed(Ss58.encode(key(10).publicKey(), 42));
    Map<String, String> tampered = new LinkedHashMap<>(signed(AXON));
    tampered.replaceAll((k, v) -> k.equals("bt_header_dendrite_nonce") ? String.valueOf(Long.parseLong(v) + 1) : v);
    Map<String, String> unsigned = new LinkedHashMap<>(signed(AXON));
    unsigned.remove("bt_header_dendrite_signature");
    Map<String, String> anonymous = new LinkedHashMap<>(signed(AXON));
    anonymous.remove("bt_header_dendrite_hotkey");
    Map<Map<String, String>, String> cases = Map.of(forOther, "bad_signature", tampered, "bad_signature", unsigned,
        "missing_signature", anonymous, "missing_hotkey");
    cases.forEach((headers, reason) -> assertThatThrownBy(() -> authenticator(AXON).verify(head(headers)))
        .isInstanceOf(AuthenticationException.class).hasMessageStartingWith("Not Verified with error: ")
        .satisfies(e -> assertThat(((AuthenticationException) e).reason()).isEqualTo(reason)));
  }

  /** The same request signed {@code <Bytes>}-wrapped, as the polkadot{.js} extension would sign it. */
  private static Map<String, String> signedWrapped(String axon) {
    Map<String, String> headers = new LinkedHashMap<>(signed(axon));
    String message = io.cascade4j.bittensor.protocol.SynapseHeaders.signedMessage(
        Long.parseLong(headers.get("bt_header_dendrite_nonce")), headers.get("bt_header_dendrite_hotkey"), axon,
        headers.get("bt_header_dendrite_uuid"), headers.get("computed_body_hash"));
    byte[] signature = Sr25519.sign(VALIDATOR,
        ("<Bytes>" + message + "</Bytes>").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    headers.put("bt_header_dendrite_signature", "0x" + java.util.HexFormat.of().formatHex(signature));
    return headers;
  }

  @Test
  void aKeyIsCheckedOnlyInTheFormItFirstVerifiedWith() throws Exception {
    RequestAuthenticator wrappedFirst = authenticator(AXON);
    assertThat(wrappedFirst.verify(head(signedWrapped(AXON)))).isEqualTo(Ss58.encode(VALIDATOR.publicKey(), 42));
    assertThat(wrappedFirst.verify(head(signedWrapped(AXON)))).isEqualTo(Ss58.encode(VALIDATOR.publicKey(), 42));
    assertThatThrownBy(() -> wrappedFirst.verify(head(signed(AXON))))
        .satisfies(e -> assertThat(((AuthenticationException) e).reason()).isEqualTo("bad_signature"));

    RequestAuthenticator rawFirst = authenticator(AXON);
    rawFirst.verify(head(signed(AXON)));
    assertThatThrownBy(() -> rawFirst.verify(head(signedWrapped(AXON))))
        .satisfies(e -> assertThat(((AuthenticationException) e).reason()).isEqualTo("bad_signature"));
    rawFirst.verify(head(signed(AXON)));
  }
}
