package io.cascade4j.bittensor.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade4j.bittensor.protocol.BodyHash;
import io.cascade4j.bittensor.protocol.SynapseHeaders;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cross-checks sr25519 with Node's {@code @polkadot/util-crypto} (an independent implementation): Java signatures
 * verify there, its signatures verify here, and both derive the same keys and addresses. Runs when node and the
 * packages of {@code src/test/node} are installed ({@code .ci/run} installs them; in CI their absence fails the test).
 */
class NodeOracleTest {
  private static final Path ORACLE = Path.of("src", "test", "node");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();
  private static Process node;
  private static Writer requests;
  private static BufferedReader answers;

  @BeforeAll
  static void startNode() throws IOException {
    boolean installed = Files.isDirectory(ORACLE.resolve("node_modules/@polkadot/util-crypto"));
    if (System.getenv("CI") != null) {
      assertThat(installed).as("CI must install the oracle: npm ci in " + ORACLE).isTrue();
    }
    assumeTrue(installed, "the node oracle is not installed (npm ci in " + ORACLE + ")");
    node = new ProcessBuilder("node", "oracle.mjs").directory(ORACLE.toFile())
        .redirectError(ProcessBuilder.Redirect.appendTo(new java.io.File("target/node-oracle.log"))).start();
    requests = new java.io.OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8);
    answers = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
  }

  @AfterAll
  static void stopNode() {
    if (node != null) {
      node.destroy();
    }
  }

  private static JsonNode ask(Map<String, String> request) throws IOException {
    requests.write(JSON.writeValueAsString(request) + "\n");
    requests.flush();
    String line = answers.readLine();
    assertThat(line).as("the oracle answered").isNotNull();
    return JSON.readTree(line);
  }

  @Test
  void javaAndNodeAgreeOnKeysAndEachOthersSignatures() throws IOException {
    Random random = new Random(72);
    for (int i = 0; i < 20; i++) {
      byte[] seed = new byte[32];
      random.nextBytes(seed);
      Sr25519.Keypair keypair = Sr25519.fromMiniSecret(seed);
      String address = Ss58.encode(keypair.publicKey(), 42);
      String message = SynapseHeaders.signedMessage(1_767_225_600_000_000_000L + i, address,
          "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY", "5ecbd69c-1cec-11ee-b0dc-e29ce36fec1a",
          BodyHash.NO_FIELDS);

      JsonNode signedByNode = ask(Map.of("op", "sign", "seed", "0x" + HEX.formatHex(seed), "message", message));
      assertThat(signedByNode.get("publicKey").asText()).isEqualTo(HEX.formatHex(keypair.publicKey()));
      assertThat(signedByNode.get("address").asText()).isEqualTo(address);
      assertThat(Sr25519.verify(keypair.publicKey(), message.getBytes(StandardCharsets.UTF_8),
          HEX.parseHex(signedByNode.get("signature").asText()))).as("node's signature verifies in Java").isTrue();

      byte[] javaSignature = Sr25519.sign(keypair, message.getBytes(StandardCharsets.UTF_8));
      JsonNode verdict = ask(Map.of("op", "verify", "publicKey", "0x" + HEX.formatHex(keypair.publicKey()),
          "message", message, "signature", "0x" + HEX.formatHex(javaSignature)));
      assertThat(verdict.get("valid").asBoolean()).as("Java's signature verifies in node").isTrue();

      javaSignature[10] ^= 4;
      JsonNode tampered = ask(Map.of("op", "verify", "publicKey", "0x" + HEX.formatHex(keypair.publicKey()),
          "message", message, "signature", "0x" + HEX.formatHex(javaSignature)));
      assertThat(tampered.get("valid").asBoolean()).as("node rejects a tampered signature").isFalse();
    }
  }

  @Test
  void javaServeAxonSignaturesVerifyInNode() throws IOException {
    Sr25519.Keypair signer = Sr25519.fromMiniSecret(
        HEX.parseHex("fac7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e"));
    io.cascade4j.bittensor.chain.ServeAxon.Axon axon = new io.cascade4j.bittensor.chain.ServeAxon.Axon(72, 10_002_000,
        io.cascade4j.bittensor.chain.AxonInfo.ipv4("198.51.100.20"), 8091, 4, 4);
    byte[] genesis = HEX.parseHex("2f0555cc76fc2840a25a6ea3b9637146806f1f44b090c175ffde2a7e5ab36c03");
    io.cascade4j.bittensor.chain.ServeAxon.Context context = new io.cascade4j.bittensor.chain.ServeAxon.Context(343, 1,
        genesis, io.cascade4j.bittensor.chain.ServeAxon.immortal(), genesis, 5);
    byte[] payload = io.cascade4j.bittensor.chain.ServeAxon.signingPayload(axon, context);
    byte[] extrinsic = io.cascade4j.bittensor.chain.ServeAxon.extrinsic(axon, context, signer);
    byte[] signature = java.util.Arrays.copyOfRange(extrinsic, 37, 101);
    JsonNode verdict = ask(Map.of("op", "verify", "publicKey", "0x" + HEX.formatHex(signer.publicKey()),
        "messageHex", "0x" + HEX.formatHex(payload), "signature", "0x" + HEX.formatHex(signature)));
    assertThat(verdict.get("valid").asBoolean()).as("the serve_axon signature verifies in node").isTrue();
  }
}
