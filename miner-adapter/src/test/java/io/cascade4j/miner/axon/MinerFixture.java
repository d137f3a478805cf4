package io.cascade4j.miner.axon;

import io.cascade4j.core.ProviderRegistry;
import io.cascade4j.bittensor.crypto.Sr25519;
import io.cascade4j.bittensor.crypto.Ss58;
import io.cascade4j.bittensor.dendrite.Dendrite;
import io.cascade4j.bittensor.protocol.ImageSynapse;
import io.cascade4j.testkit.TestImages;
import java.awt.Color;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A miner on loopback with a test cascade, a metagraph snapshot and validator keys, for the axon tests. */
final class MinerFixture implements AutoCloseable {
  /** The axon's own key: the Substrate dev phrase's mini-secret (public key in the vectors). */
  static final Sr25519.Keypair AXON_KEY =
      Sr25519.fromMiniSecret(HexFormat.of().parseHex("fac7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e"));
  static final String AXON_HOTKEY = Ss58.encode(AXON_KEY.publicKey(), 42);

  static final Sr25519.Keypair VALIDATOR = key(1);
  static final Sr25519.Keypair NO_PERMIT = key(2);
  static final Sr25519.Keypair POOR = key(3);
  static final Sr25519.Keypair STRANGER = key(4);
  static final Sr25519.Keypair FRIEND = key(5);
  static final Sr25519.Keypair LATECOMER = key(6);
  /** Allowed, and used only for {@code <Bytes>}-wrapped signatures (as the polkadot{.js} extension signs). */
  static final Sr25519.Keypair WALLET_SIGNER = key(7);

  final Path dir;
  final Miner miner;
  final URI axon;

  MinerFixture(Path dir, Map<String, Object> overrides, String cascadeYaml) throws Exception {
    this.dir = dir;
    Files.writeString(dir.resolve("cascade.yaml"), cascadeYaml);
    writeMetagraph(List.of(VALIDATOR, NO_PERMIT, POOR));
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("cascade", "cascade.yaml");
    config.put("axons", List.of(Map.of("hotkey", AXON_HOTKEY, "host", "127.0.0.1", "port", 0,
        "hotkey-seed-env", "AXON_SEED")));
    Map<String, Object> access = new LinkedHashMap<>();
    access.put("metagraph", "metagraph.json");
    access.put("min-stake", 1000);
    access.put("allow", List.of(hotkey(FRIEND), hotkey(WALLET_SIGNER)));
    access.put("reload-interval", "1h");
    access.put("reload-settle", "1ms");
    config.put("access", access);
    config.put("metrics", Map.of("host", "127.0.0.1", "port", 0));
    config.put("drain", "5s");
    config.putAll(overrides);
    MinerConfig parsed = MinerConfig.parse(config, dir,
        name -> name.equals("AXON_SEED") ? "0xfac7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e" : null);
    ProviderRegistry registry = ProviderRegistry.builder().discover(getClass().getClassLoader())
        .register(new BrightnessStageProvider()).build();
    this.miner = Miner.start(parsed, registry);
    this.axon = URI.create("http://127.0.0.1:" + miner.axonPorts().getFirst());
  }

  MinerFixture(Path dir) throws Exception {
    this(dir, Map.of(), "stages:\n  - {name: redness, type: test-redness, exit: always}\n");
  }

  void writeMetagraph(List<Sr25519.Keypair> registered) throws IOException {
    StringBuilder json = new StringBuilder("{\"netuid\": 72, \"block\": 4567890, \"neurons\": [");
    for (int i = 0; i < registered.size(); i++) {
      Sr25519.Keypair k = registered.get(i);
      boolean permit = k != NO_PERMIT;
      double stake = k == POOR ? 10.5 : 5000;
      json.append(i == 0 ? "" : ",").append(String.format(java.util.Locale.ROOT,
          "{\"uid\": %d, \"hotkey\": \"%s\", \"coldkey\": \"%s\", \"stake\": %s, \"validator_permit\": %s}",
          i, hotkey(k), hotkey(k), stake, permit));
    }
    Files.writeString(dir.resolve("metagraph.json"), json.append("]}").toString());
  }

  static Sr25519.Keypair key(int n) {
    byte[] seed = new byte[32];
    seed[0] = (byte) n;
    seed[31] = 42;
    return Sr25519.fromMiniSecret(seed);
  }

  static String hotkey(Sr25519.Keypair key) {
    return Ss58.encode(key.publicKey(), 42);
  }

  static String redJpeg(int red) {
    byte[] jpeg = TestImages.jpeg(TestImages.solid(224, 224, new Color(red, 40, 40)), 75).toByteArray();
    return Base64.getEncoder().encodeToString(jpeg);
  }

  Dendrite.Response call(Sr25519.Keypair caller, ImageSynapse synapse) throws Exception {
    return new Dendrite(caller).send(axon, AXON_HOTKEY, synapse);
  }

  @Override
  public void close() {
    miner.close();
  }
}
