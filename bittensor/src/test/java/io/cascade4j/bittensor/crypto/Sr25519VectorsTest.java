package io.cascade4j.bittensor.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Every vector of {@code sr25519-vectors.json}: published ones from upstream test suites, and cross-checks. */
class Sr25519VectorsTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final JsonNode VECTORS = load();

  private static JsonNode load() {
    try (InputStream in = Sr25519VectorsTest.class.getResourceAsStream("/vectors/sr25519-vectors.json")) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hex(JsonNode node) {
    String text = node.asText();
    return HEX.parseHex(text.startsWith("0x") ? text.substring(2) : text);
  }

  private static byte[] utf8(JsonNode node) {
    return node.asText().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void verifiesThePublishedSignaturesAndRejectsTheInvalidOnes() {
    assertThat(VECTORS.get("sr25519_verify")).hasSize(4);
    for (JsonNode v : VECTORS.get("sr25519_verify")) {
      byte[] pk = hex(v.get("public_key"));
      byte[] message = utf8(v.get("message"));
      byte[] signature = hex(v.get("signature"));
      assertThat(Sr25519.verify(pk, message, signature)).as(v.get("source").asText()).isEqualTo(v.get("valid")
          .asBoolean());
      if (v.has("valid_under_bittensor_wallet_Keypair_verify")) {
        assertThat(Sr25519.verifyRawOrWrapped(pk, message, signature))
            .isEqualTo(v.get("valid_under_bittensor_wallet_Keypair_verify").asBoolean());
      }
    }
  }

  @Test
  void derivesPublicKeysAndAddressesFromMiniSecrets() {
    for (JsonNode v : VECTORS.get("sr25519_keygen_from_mini_secret")) {
      byte[] seed = v.has("mini_secret_seed")
          ? hex(v.get("mini_secret_seed"))
          : v.get("mini_secret_seed_ascii").asText().getBytes(StandardCharsets.US_ASCII);
      Sr25519.Keypair keypair = Sr25519.fromMiniSecret(seed);
      assertThat(HEX.formatHex(keypair.publicKey())).isEqualTo(v.get("public_key").asText());
      assertThat(Ss58.encode(keypair.publicKey(), 42)).isEqualTo(v.get("ss58_prefix42_computed").asText());
    }
  }

  @Test
  void reproducesTheDeterministicZeroRngSignature() {
    JsonNode v = VECTORS.get("sr25519_deterministic_sign").get(0);
    Sr25519.Keypair keypair = Sr25519.fromMiniSecret(hex(v.get("mini_secret_seed")));
    byte[] signature = Sr25519.sign(keypair, utf8(v.get("message")), hex(v.get("rng_bytes")));
    assertThat(HEX.formatHex(signature)).isEqualTo(v.get("signature").asText());
  }

  @Test
  void reproducesTheBittensorRequestSignatures() {
    JsonNode plain = VECTORS.get("bittensor_request_signature").get(0);
    Sr25519.Keypair dendrite = Sr25519.fromMiniSecret(hex(plain.get("dendrite_mini_secret_seed")));
    byte[] message = utf8(plain.get("signed_message"));
    byte[] expected = hex(plain.get("bt_header_dendrite_signature"));
    assertThat(Sr25519.verify(dendrite.publicKey(), message, expected)).isTrue();
    assertThat(Sr25519.sign(dendrite, message, new byte[32])).isEqualTo(expected);

    JsonNode wrapped = VECTORS.get("bittensor_request_signature").get(1);
    byte[] wrappedSignature = hex(wrapped.get("signature"));
    assertThat(Sr25519.verify(dendrite.publicKey(), utf8(wrapped.get("message")), wrappedSignature)).isFalse();
    assertThat(Sr25519.verifyRawOrWrapped(dendrite.publicKey(), utf8(wrapped.get("message")), wrappedSignature))
        .isTrue();
  }

  @Test
  void randomizedSignaturesVerifyAndTamperingIsDetected() {
    Sr25519.Keypair keypair = Sr25519.fromMiniSecret(new byte[32]);
    byte[] message = "nonce.hotkey.axon.uuid.hash".getBytes(StandardCharsets.UTF_8);
    byte[] first = Sr25519.sign(keypair, message);
    byte[] second = Sr25519.sign(keypair, message);
    assertThat(first).isNotEqualTo(second);
    assertThat(Sr25519.verify(keypair.publicKey(), message, first)).isTrue();
    assertThat(Sr25519.verify(keypair.publicKey(), message, second)).isTrue();
    for (int i = 0; i < 64; i += 7) {
      byte[] tampered = first.clone();
      tampered[i] ^= 1;
      assertThat(Sr25519.verify(keypair.publicKey(), message, tampered)).as("byte %d flipped", i).isFalse();
    }
    byte[] unmarked = first.clone();
    unmarked[63] &= 0x7f;
    assertThat(Sr25519.verify(keypair.publicKey(), message, unmarked)).as("no schnorrkel marker").isFalse();
    assertThat(Sr25519.verify(keypair.publicKey(), message, new byte[63])).isFalse();
    assertThat(Sr25519.verify(new byte[32], message, first)).isFalse();
    assertThat(keypair.toString()).doesNotContain(HEX.formatHex(new byte[32]).substring(0, 40) + "0");
  }

  @Test
  void verdictsOnRandomKeysStayTheSameWhenRepeatedAndTheFormIsReported() {
    java.util.Random random = new java.util.Random(3);
    for (int i = 0; i < 20; i++) {
      byte[] seed = new byte[32];
      random.nextBytes(seed);
      Sr25519.Keypair key = Sr25519.fromMiniSecret(seed);
      byte[] message = ("request " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      byte[] signature = Sr25519.sign(key, message);
      byte[] tampered = signature.clone();
      tampered[3] ^= 4;
      byte[] wrapped = Sr25519.sign(key, ("<Bytes>request " + i + "</Bytes>").getBytes(
          java.nio.charset.StandardCharsets.UTF_8));
      assertThat(Sr25519.verify(key.publicKey(), message, tampered)).as("before any valid one").isFalse();
      for (int round = 0; round < 2; round++) { // nothing about a key may be remembered between checks
        assertThat(Sr25519.verify(key.publicKey(), message, signature)).isTrue();
        assertThat(Sr25519.verify(key.publicKey(), message, tampered)).isFalse();
        assertThat(Sr25519.verifyRawOrWrapped(key.publicKey(), message, wrapped)).isTrue();
        assertThat(Sr25519.verifiedForm(key.publicKey(), message, wrapped,
            java.util.List.of(Sr25519.MessageForm.RAW, Sr25519.MessageForm.BYTES_WRAPPED)))
            .isEqualTo(Sr25519.MessageForm.BYTES_WRAPPED);
        assertThat(Sr25519.verifiedForm(key.publicKey(), message, wrapped, java.util.List.of(Sr25519.MessageForm.RAW)))
            .isNull();
        assertThat(Sr25519.verifiedForm(key.publicKey(), message, signature,
            java.util.List.of(Sr25519.MessageForm.BYTES_WRAPPED, Sr25519.MessageForm.RAW)))
            .isEqualTo(Sr25519.MessageForm.RAW);
        assertThat(Sr25519.verify(key.publicKey(), "another".getBytes(java.nio.charset.StandardCharsets.UTF_8),
            signature)).isFalse();
      }
    }
  }

  @Test
  void ss58AddressesRoundTripAndBadOnesAreRejected() {
    for (JsonNode v : VECTORS.get("ss58")) {
      byte[] pk = hex(v.get("public_key"));
      int prefix = v.get("ss58_prefix").asInt();
      String address = v.get("address").asText();
      assertThat(Ss58.encode(pk, prefix)).isEqualTo(address);
      assertThat(Ss58.decode(address)).isEqualTo(new Ss58.Decoded(prefix, pk));
    }
    String alice = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
    assertThatThrownBy(() -> Ss58.decode(alice.substring(0, 47) + "Z")).hasMessage("SS58 checksum mismatch");
    assertThatThrownBy(() -> Ss58.decode("5Grwva0")).hasMessage("'0' is not a base58 character");
    assertThatThrownBy(() -> Ss58.decode("5Grwva")).hasMessageContaining("not an SS58 address");
    assertThatThrownBy(() -> Ss58.decode("5".repeat(100))).hasMessageContaining("1 to 64 characters");
  }
}
