package io.cascade4j.miner.axon;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.Problem;
import io.cascade4j.api.Settings;
import io.cascade4j.bittensor.crypto.Sr25519;
import io.cascade4j.bittensor.crypto.Ss58;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A miner's configuration ({@code miner.yaml}); every key but {@code cascade} and the axons' {@code hotkey} has a
 * default. Every problem is reported at once with its key path. See {@code docs/miner.md} for the full file.
 *
 * @param cascade the cascade file (relative paths are resolved against the miner file's folder)
 * @param netuid the subnet, 72 for StreetVision
 * @param axons one per hotkey and port
 * @param access who may call
 * @param limits sizes, rates and timeouts
 * @param nonces replay protection
 * @param answers deadline, tie rule, cache
 * @param metricsEnabled whether health and Prometheus metrics are served
 * @param metrics where they are served
 * @param drain how long shutdown waits for requests in flight
 * @param chain reading the metagraph from, and publishing the axon on, the chain; null when not configured
 * @param plugins folders of plugin jars whose providers the cascade may use (relative to the miner file)
 * @param engine process-wide engine settings ({@code engine:}, as in a cascade file), applied before the cascade
 *     loads
 * @param tracing whether each query is traced through OpenTelemetry ({@code tracing: {enabled: true}}); the exporter
 *     is the process's (the OpenTelemetry Java agent, say)
 */
public record MinerConfig(
    Path cascade,
    int netuid,
    List<AxonConfig> axons,
    Access access,
    Limits limits,
    Nonces nonces,
    Answers answers,
    boolean metricsEnabled,
    Endpoint metrics,
    Duration drain,
    @Nullable Chain chain,
    List<Path> plugins,
    Map<String, @Nullable Object> engine,
    boolean tracing) {

  /** Copies the lists. */
  public MinerConfig {
    axons = List.copyOf(axons);
    plugins = List.copyOf(plugins);
    engine = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(engine));
  }

  /**
   * The chain: where to read the metagraph and publish the axons.
   *
   * @param network {@code finney}, {@code test} or a {@code ws(s)://} URL
   * @param refresh how often the metagraph is read again
   * @param timeout the longest a chain call may take
   * @param externalIp the public IPv4 address to publish with {@code serve_axon} (null: do not publish)
   */
  public record Chain(String network, Duration refresh, Duration timeout, @Nullable String externalIp) {}

  /**
   * One axon.
   *
   * @param endpoint where it listens
   * @param hotkey its SS58 hotkey, the one validators sign for
   * @param keypair its key, if configured, to sign error responses as the reference does; never logged
   */
  public record AxonConfig(Endpoint endpoint, String hotkey, Sr25519.@Nullable Keypair keypair) {}

  /**
   * A host and port.
   *
   * @param host the address to bind
   * @param port the port; 0 picks a free one
   */
  public record Endpoint(String host, int port) {}

  /**
   * Access control.
   *
   * @param metagraph the snapshot file, if any
   * @param allow hotkeys always allowed
   * @param deny hotkeys never allowed
   * @param requireValidatorPermit whether callers need a validator permit
   * @param minStake the least stake a caller needs
   * @param reloadInterval how often the snapshot file (and the cascade file) are checked for changes
   * @param reloadSettle how long a changed cascade or snapshot file must stay unchanged before it is read (a file
   *     written in pieces is not read half-written)
   * @param silenceWarning how long without a permitted validator's request before one warning is logged
   */
  public record Access(
      @Nullable Path metagraph,
      Set<String> allow,
      Set<String> deny,
      boolean requireValidatorPermit,
      double minStake,
      Duration reloadInterval,
      Duration reloadSettle,
      Duration silenceWarning) {}

  /**
   * Limits.
   *
   * @param maxBodyBytes largest request body
   * @param maxHeaderBytes largest request head (Jetty answers 431 beyond)
   * @param maxHeaders most request headers
   * @param maxInFlight most requests processed at once, all axons together (503 beyond)
   * @param maxInFlightPerCaller most requests of one verified hotkey processed at once (503 beyond)
   * @param idleTimeout how long a connection may stay silent
   * @param readTimeout how long reading one request may take
   * @param headerTimeout how long a new connection may take to send its first request head
   * @param maxConnections most open connections, all callers together
   * @param maxConnectionsPerPeer most open connections from one address (so one host cannot fill the cap)
   * @param maxImageBytes largest decoded image
   * @param maxImagePixels largest image, width times height
   * @param rateLimit requests per caller per {@code rateWindow}
   * @param rateWindow the rate limit's window
   */
  public record Limits(
      int maxBodyBytes,
      int maxHeaderBytes,
      int maxHeaders,
      int maxInFlight,
      int maxInFlightPerCaller,
      Duration idleTimeout,
      Duration readTimeout,
      Duration headerTimeout,
      int maxConnections,
      int maxConnectionsPerPeer,
      int maxImageBytes,
      long maxImagePixels,
      int rateLimit,
      Duration rateWindow) {}

  /**
   * Replay protection.
   *
   * @param maxFuture how far ahead of this clock a nonce may be
   * @param maxTimeout the largest caller timeout that widens the freshness window
   * @param maxEntries the most {@code hotkey:uuid} entries remembered
   */
  public record Nonces(Duration maxFuture, Duration maxTimeout, long maxEntries) {}

  /**
   * Answering.
   *
   * @param deadline the longest a cascade may run
   * @param safetyMargin subtracted from the caller's timeout
   * @param tie what exactly 0.5 means
   * @param cacheTtl how long answers are cached
   * @param cacheEntries how many answers are cached
   */
  public record Answers(
      Duration deadline, Duration safetyMargin, AnswerService.TieRule tie, Duration cacheTtl, long cacheEntries) {}

  /**
   * Reads a miner file, substituting nothing; secrets come from files or environment variables it names.
   *
   * @throws IOException if the file cannot be read
   * @throws ConfigurationException listing every problem with its key path
   */
  public static MinerConfig load(Path file) throws IOException, ConfigurationException {
    return load(file, System::getenv);
  }

  static MinerConfig load(Path file, Function<String, @Nullable String> environment)
      throws IOException, ConfigurationException {
    Object tree;
    try {
      if (Files.size(file) > 1 << 20) {
        throw new ConfigurationException("", file + " is larger than 1 MiB; that is no miner file");
      }
      tree = new ObjectMapper(YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
          .readValue(Files.readString(file), Object.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ConfigurationException("", "not valid YAML: " + e.getOriginalMessage());
    }
    if (!(tree instanceof Map<?, ?> map)) {
      throw new ConfigurationException("", "a miner file is a map with at least 'cascade' and 'axons'");
    }
    Map<String, Object> root = new LinkedHashMap<>();
    map.forEach((k, v) -> root.put(String.valueOf(k), v));
    return parse(root, file.toAbsolutePath().getParent(), environment);
  }

  /**
   * The configuration in {@code document} (the miner file's keys as a map), with relative paths resolved against
   * {@code base} and secrets read through {@code environment}: how a program builds a miner without a file.
   *
   * @throws ConfigurationException listing every problem
   */
  public static MinerConfig parse(Map<String, ?> document, Path base, Function<String, @Nullable String> environment)
      throws ConfigurationException {
    Map<String, Object> rest = new LinkedHashMap<>(document);
    Object axonList = rest.remove("axons");
    Object engineSection = rest.remove("engine"); // read by the engine modules when the miner starts
    List<Problem> problems = new ArrayList<>();
    List<AxonConfig> axons = new ArrayList<>();
    if (axonList instanceof List<?> list && !list.isEmpty()) {
      for (int i = 0; i < list.size(); i++) {
        if (!(list.get(i) instanceof Map<?, ?> m)) {
          problems.add(new Problem("axons[" + i + "]", "must be a map with at least 'hotkey'"));
          continue;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        m.forEach((k, v) -> values.put(String.valueOf(k), v));
        Settings axon = Settings.of("axons[" + i + "]", values);
        axons.add(axon(axon, base, environment));
        try {
          axon.validate();
        } catch (ConfigurationException e) {
          problems.addAll(e.problems());
        }
      }
    } else {
      problems.add(new Problem("axons", "needs a non-empty list of axons, each with at least 'hotkey'"));
    }

    Settings s = Settings.of(rest);
    Path cascade = base.resolve(s.string("cascade"));
    List<Path> plugins = new ArrayList<>();
    for (String folder : s.stringList("plugins")) {
      Path resolved = base.resolve(folder).normalize();
      if (!java.nio.file.Files.isDirectory(resolved)) {
        s.problem("plugins", "no folder " + resolved + " (a folder of plugin jars, relative to the miner file)");
      }
      plugins.add(resolved);
    }
    int netuid = s.intValue("netuid", 72, 0, 65535);
    Settings a = s.section("access");
    Access access = new Access(
        a.optionalString("metagraph").map(base::resolve).orElse(null),
        Set.copyOf(a.stringList("allow")),
        Set.copyOf(a.stringList("deny")),
        a.booleanValue("require-validator-permit", true),
        a.doubleValue("min-stake", 0.0, 0.0, Double.MAX_VALUE),
        a.duration("reload-interval", Duration.ofSeconds(10)),
        a.duration("reload-settle", Duration.ofSeconds(2)),
        a.duration("silence-warning", Duration.ofMinutes(10)));
    for (String hotkey : access.allow()) {
      checkAddress(a, "allow", hotkey);
    }
    for (String hotkey : access.deny()) {
      checkAddress(a, "deny", hotkey);
    }

    Settings l = s.section("limits");
    Limits limits = new Limits(
        // Since May 2026 SN72 validators send native-size images (real frames, 1024x1024 synthetic, JPEG q75):
        // several MiB, base64-encoded in the body, are normal traffic.
        l.intValue("max-body-bytes", 16 << 20, 1024, 64 << 20),
        l.intValue("max-header-bytes", 16 << 10, 1024, 1 << 20),
        l.intValue("max-headers", 64, 8, 1024),
        l.intValue("max-in-flight", 64, 1, 100_000),
        // A validator sends a miner one challenge at a time (plus a consensus task now and then): a quarter of the
        // slots is far more than any honest one needs, and one permitted key cannot take the others' slots.
        l.intValue("max-in-flight-per-caller", 16, 1, 100_000),
        l.duration("idle-timeout", Duration.ofSeconds(10)),
        l.duration("read-timeout", Duration.ofSeconds(5)),
        l.duration("header-timeout", Duration.ofSeconds(5)),
        l.intValue("max-connections", 512, 1, 1_000_000),
        l.intValue("max-connections-per-peer", 128, 1, 1_000_000), // a validator pools up to ~100 (aiohttp)
        l.intValue("max-image-bytes", 12 << 20, 1024, 64 << 20), // what a 16 MiB body holds in base64
        l.intValue("max-image-pixels", 40_000_000, 1, Integer.MAX_VALUE),
        l.intValue("rate-limit", 120, 1, 1_000_000),
        l.duration("rate-window", Duration.ofMinutes(1)));

    Settings n = s.section("nonces");
    Nonces nonces = new Nonces(
        n.duration("max-future", Duration.ofSeconds(4)),
        n.duration("max-timeout", Duration.ofSeconds(60)),
        n.intValue("max-entries", 100_000, 1, 100_000_000));

    Settings an = s.section("answers");
    String tie = an.string("tie", "positive");
    if (!tie.equals("positive") && !tie.equals("negative")) {
      an.problem("tie", "must be positive or negative, got '" + tie + "'");
    }
    Answers answers = new Answers(
        an.duration("deadline", Duration.ofSeconds(8)),
        an.duration("safety-margin", Duration.ofSeconds(1)),
        tie.equals("negative") ? AnswerService.TieRule.NEGATIVE : AnswerService.TieRule.POSITIVE,
        an.duration("cache-ttl", Duration.ofMinutes(10)),
        an.intValue("cache-entries", 10_000, 0, 10_000_000));

    Settings m = s.section("metrics");
    boolean metricsEnabled = m.booleanValue("enabled", true);
    Endpoint metrics = new Endpoint(m.string("host", "127.0.0.1"), m.intValue("port", 9091, 0, 65535));
    Duration drain = s.duration("drain", Duration.ofSeconds(10));
    boolean tracing = s.section("tracing").booleanValue("enabled", false);
    Map<String, @Nullable Object> engine = new LinkedHashMap<>();
    if (engineSection instanceof Map<?, ?> section) {
      section.forEach((k, v) -> engine.put(String.valueOf(k), v));
    } else if (engineSection != null) {
      problems.add(new Problem("engine", "must be a map of engine sections, such as pytorch: {...}"));
    }
    Chain chain = null;
    if (s.has("chain")) {
      Settings c = s.section("chain");
      chain = new Chain(c.string("network", "finney"), c.duration("refresh", Duration.ofMinutes(5)),
          c.duration("timeout", Duration.ofSeconds(30)), c.optionalString("external-ip").orElse(null));
      String network = chain.network();
      if (!network.equals("finney") && !network.equals("test") && !network.startsWith("ws://")
          && !network.startsWith("wss://")) {
        c.problem("network", "must be finney, test or a ws(s):// URL, got '" + network + "'");
      }
      if (chain.externalIp() != null) {
        try {
          io.cascade4j.bittensor.chain.AxonInfo.ipv4(chain.externalIp());
        } catch (IllegalArgumentException e) {
          c.problem("external-ip", e.getMessage());
        }
      }
    }
    try {
      s.validate();
    } catch (ConfigurationException e) {
      problems.addAll(e.problems());
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
    return new MinerConfig(
        cascade, netuid, axons, access, limits, nonces, answers, metricsEnabled, metrics, drain, chain, plugins,
        engine, tracing);
  }

  private static AxonConfig axon(Settings a, Path base, Function<String, @Nullable String> environment) {
    String hotkey = a.string("hotkey");
    checkAddress(a, "hotkey", hotkey);
    Endpoint endpoint = new Endpoint(a.string("host", "0.0.0.0"), a.intValue("port", 8091, 0, 65535));
    Sr25519.Keypair keypair = null;
    String seedHex = null;
    if (a.has("wallet")) {
      Settings w = a.section("wallet");
      Path wallets = expandHome(w.string("path", "~/.bittensor/wallets"));
      Path keyFile = wallets.resolve(w.string("name")).resolve("hotkeys").resolve(w.string("hotkey", "default"));
      seedHex = HotkeyFile.secretSeed(keyFile, a);
    } else if (a.has("hotkey-file")) {
      Path keyFile = base.resolve(expandHome(a.string("hotkey-file")));
      seedHex = HotkeyFile.secretSeed(keyFile, a);
    } else if (a.has("hotkey-seed-env")) {
      String variable = a.string("hotkey-seed-env");
      seedHex = environment.apply(variable);
      if (seedHex == null) {
        a.problem("hotkey-seed-env", "environment variable " + variable + " is not set");
      }
    }
    if (seedHex != null) {
      String hex = seedHex.strip().toLowerCase(Locale.ROOT);
      hex = hex.startsWith("0x") ? hex.substring(2) : hex;
      if (!hex.matches("[0-9a-f]{64}")) {
        a.problem(a.has("wallet") ? "wallet" : a.has("hotkey-file") ? "hotkey-file" : "hotkey-seed-env",
            "the secret seed must be 32 bytes of hex (its value is not shown)");
      } else {
        keypair = Sr25519.fromMiniSecret(HexFormat.of().parseHex(hex));
        if (!hotkey.isEmpty() && !Ss58.encode(keypair.publicKey(), Ss58.BITTENSOR_PREFIX).equals(hotkey)) {
          a.problem("hotkey", "does not match the configured secret key (" 
              + Ss58.encode(keypair.publicKey(), Ss58.BITTENSOR_PREFIX) + ")");
        }
      }
    }
    return new AxonConfig(endpoint, hotkey, keypair);
  }

  private static Path expandHome(String path) {
    return Path.of(path.startsWith("~/") ? System.getProperty("user.home") + path.substring(1) : path);
  }

  private static void checkAddress(Settings s, String key, String address) {
    if (address.isEmpty()) {
      return;
    }
    try {
      Ss58.decode(address);
    } catch (IllegalArgumentException e) {
      s.problem(key, "'" + address + "' is not an SS58 address: " + e.getMessage());
    }
  }

}
