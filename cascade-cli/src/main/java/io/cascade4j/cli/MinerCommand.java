package io.cascade4j.cli;

import io.cascade4j.api.ConfigurationException;
import io.cascade4j.miner.axon.Miner;
import io.cascade4j.miner.axon.MinerConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cascade4j miner}: serves a cascade to subnet 72 validators.
 *
 * <pre>
 * miner serve --config miner.yaml     # start the axons; Ctrl-C (SIGTERM) drains and stops
 * miner check --config miner.yaml     # validate the miner file and the cascade it names, then exit
 * miner metagraph --network finney --netuid 72 [--json]   # read the metagraph from the chain
 * miner serve-axon --config miner.yaml                     # publish the axons on chain (serve_axon), then exit
 * miner serve --serve-axon --config miner.yaml             # publish, then serve
 * </pre>
 */
@Command(
    name = "miner",
    mixinStandardHelpOptions = true,
    versionProvider = BuildVersion.class,
    description = "Serves a cascade to Bittensor subnet 72 (NATIX StreetVision) validators.",
    subcommands = {MinerCommand.Serve.class, MinerCommand.Check.class, MinerCommand.MetagraphCommand.class,
        MinerCommand.ServeAxonCommand.class})
final class MinerCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(System.out);
    return 0;
  }

  /** Options every subcommand takes. */
  static class ConfigOption {
    @Option(names = {"-c", "--config"}, required = true, description = "The miner file (YAML).")
    Path config;
  }

  @Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
      description = "Starts the axons and serves until stopped.")
  static final class Serve implements Callable<Integer> {
    @CommandLine.Mixin ConfigOption options = new ConfigOption();

    @Option(names = "--serve-axon", description = "Publish the axons on chain (serve_axon) before serving.")
    boolean serveAxon;

    @Override
    public Integer call() throws Exception {
      MinerConfig config = load(options.config);
      if (config == null) {
        return 2;
      }
      if (serveAxon && publish(config) != 0) {
        return 1;
      }
      Miner miner;
      try {
        miner = Miner.start(config);
      } catch (ConfigurationException e) {
        return cascadeProblems(config, e);
      }
      // Made here, not in a static field: the logging level is only known once the command line is parsed.
      org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(MinerCommand.class);
      Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
        log.info("shutting down: draining requests in flight");
        miner.close();
      }));
      log.info("cascade4j {} serving: {}", BuildVersion.version(), miner);
      miner.awaitShutdown();
      return 0;
    }
  }

  @Command(name = "check", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
      description = "Validates the miner file and its cascade, then exits.")
  static final class Check implements Callable<Integer> {
    @CommandLine.Mixin ConfigOption options = new ConfigOption();

    @Override
    public Integer call() throws Exception {
      MinerConfig config = load(options.config);
      if (config == null) {
        return 2;
      }
      try {
        io.cascade4j.core.Cascades.load(config.cascade(), io.cascade4j.core.ProviderRegistry.discover()).close();
      } catch (ConfigurationException e) {
        return cascadeProblems(config, e);
      }
      System.out.println("ok: " + config.axons().size() + " axon(s), cascade " + config.cascade());
      return 0;
    }
  }

  @Command(name = "metagraph", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
      description = "Reads a subnet's metagraph from the chain and prints it.")
  static final class MetagraphCommand implements Callable<Integer> {
    @Option(names = "--network", defaultValue = "finney", description = "finney, test or a ws(s):// URL.")
    String network;

    @Option(names = "--netuid", defaultValue = "72", description = "The subnet.")
    int netuid;

    @Option(names = "--block", description = "A block number; the best block when absent.")
    Long block;

    @Option(names = "--json", description = "Print the access-control snapshot (the metagraph file format).")
    boolean json;

    @Override
    public Integer call() throws Exception {
      try (io.cascade4j.bittensor.chain.SubtensorClient client = new io.cascade4j.bittensor.chain.SubtensorClient(
          io.cascade4j.bittensor.chain.WebSocketTransport.forNetwork(network), java.time.Duration.ofSeconds(60))) {
        io.cascade4j.bittensor.chain.MetadataGuard.check(client.metadata());
        io.cascade4j.bittensor.chain.ChainMetagraph m =
            new io.cascade4j.bittensor.chain.MetagraphReader(client).read(netuid, block);
        System.out.print(json ? MetagraphText.snapshotJson(m) : MetagraphText.summary(m));
        return 0;
      } catch (io.cascade4j.bittensor.chain.ChainException | IllegalArgumentException e) {
        System.err.println("could not read the metagraph: " + e.getMessage());
        return 1;
      }
    }
  }

  @Command(name = "serve-axon", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
      description = "Publishes the axons on chain (serve_axon) and exits.")
  static final class ServeAxonCommand implements Callable<Integer> {
    @CommandLine.Mixin ConfigOption options = new ConfigOption();

    @Override
    public Integer call() throws Exception {
      MinerConfig config = load(options.config);
      return config == null ? 2 : publish(config);
    }
  }

  private static int publish(MinerConfig config) {
    if (config.chain() == null) {
      System.err.println("the miner file has no 'chain' section (network, external-ip)");
      return 2;
    }
    try (io.cascade4j.miner.axon.ChainLink chain = new io.cascade4j.miner.axon.ChainLink(config)) {
      for (String line : chain.publishAxons(java.time.Duration.ofMinutes(2))) {
        System.out.println("serve_axon " + line);
      }
      return 0;
    } catch (io.cascade4j.bittensor.chain.ChainException e) {
      System.err.println(e.getMessage());
      return 1;
    }
  }

  private static int cascadeProblems(MinerConfig config, ConfigurationException e) {
    System.err.println("The cascade file " + config.cascade() + " has problems:\n" + e.getMessage());
    return 2;
  }

  private static MinerConfig load(Path file) throws IOException {
    try {
      return MinerConfig.load(file);
    } catch (ConfigurationException e) {
      System.err.println("The miner file " + file + " has problems:\n" + e.getMessage());
      return null;
    } catch (java.nio.file.NoSuchFileException e) {
      System.err.println("No miner file at " + file);
      return null;
    }
  }
}
