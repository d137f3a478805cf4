package io.cascade4j.cli;

import io.cascade4j.api.Cascade;
import io.cascade4j.api.ConfigurationException;
import io.cascade4j.core.config.CascadeConfig;
import io.cascade4j.core.config.CascadeConfigLoader;
import io.cascade4j.core.config.StepConfig;
import io.cascade4j.miner.axon.Miner;
import io.cascade4j.miner.axon.MinerConfig;
import io.cascade4j.bittensor.crypto.Ss58;
import io.cascade4j.miner.validator.LocalValidator;
import io.cascade4j.miner.validator.ValidatorReport;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cascade4j demo}: the whole system on one machine. Starts a miner on loopback serving the default roadwork
 * cascade, runs the local SN72 validator against it (challenges made as validators make them, signed, scored as
 * validators score), prints the result and writes the report.
 *
 * <p>Without {@code --images} the challenges come from generated scenes; with it, from a folder of labelled photos.
 * Both are served by {@code default/cascade.yaml} unless {@code --cascade} says otherwise.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class, sortOptions = false,
    description = "Serves the default cascade on loopback and scores it as SN72 validators would.")
final class DemoCommand implements Callable<Integer> {
  /** The demo axon's key number: fixed, so its hotkey is the same on every run (never use it on chain). */
  private static final int AXON_KEY = 1_000_000;

  @Mixin ChallengeOptions challenge = new ChallengeOptions();

  @Option(names = "--cascade", paramLabel = "FILE", description = "The cascade to serve (default: the default one).")
  @Nullable Path cascade;

  @Option(names = "--report", paramLabel = "FILE", defaultValue = "target/demo/report.json",
      description = "Where the full report goes (default ${DEFAULT-VALUE}).")
  Path report;

  @Override
  public Integer call() throws Exception {
    challenge.check();
    Path file = cascade != null ? cascade : Installation.defaultFile("cascade.yaml");
    ValidatorReport result = run(CascadeCli.file(file, "the cascade"), challenge, report, System.out);
    return ValidateCommand.status(result, System.err);
  }

  /** Says which stages are served and why optional ones were left out, since the miner logs quietly here. */
  static void describe(CascadeConfig config, Cascade served, PrintStream out) {
    out.println("serving " + String.join(" -> ", served.steps()));
    for (StepConfig step : config.steps()) {
      if (!served.steps().contains(step.name())) {
        String type = step instanceof StepConfig.Single single ? single.stage().provider().type() : "";
        String hint = switch (type) {
          case "ocr" -> "no Tesseract English data (Debian: apt-get install tesseract-ocr-eng)";
          case "embedding-head" -> "its backbone is not installed (the default photo gate's: "
              + "scripts/perception/install-photo-backbone.sh, which ./cascade4j runs; needs npm and python3)";
          case "vlm-judge" -> "no VLM endpoint (set VLM_URL, and VLM_MODEL, to an OpenAI-compatible server)";
          default -> "it could not be created here";
        };
        out.println("  left out: " + step.name() + " (" + type + "): " + hint);
      }
    }
  }

  /** Starts the miner, runs the validator, stops the miner; returns the report. */
  static ValidatorReport run(Path cascade, ChallengeOptions challenge, Path report, PrintStream out)
      throws IOException, ConfigurationException, InterruptedException, CascadeCli.UsageException {
    if (!Files.isRegularFile(cascade)) {
      throw new NoSuchFileException(cascade.toAbsolutePath().toString(), null, "the cascade file");
    }
    String hotkey = Ss58.encode(LocalValidator.validatorKey(AXON_KEY).publicKey(), Ss58.BITTENSOR_PREFIX);
    List<String> allowed = new ArrayList<>();
    for (int v = 0; v < challenge.validators; v++) {
      allowed.add(Ss58.encode(LocalValidator.validatorKey(v).publicKey(), Ss58.BITTENSOR_PREFIX));
    }
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("cascade", cascade.toAbsolutePath().toString());
    config.put("axons", List.of(Map.of("hotkey", hotkey, "host", "127.0.0.1", "port", 0,
        "hotkey-seed-env", "DEMO_AXON_SEED")));
    config.put("access", Map.of("allow", allowed, "require-validator-permit", false));
    config.put("limits", Map.of("rate-limit", 1_000_000));
    config.put("metrics", Map.of("host", "127.0.0.1", "port", 0));
    String seedHex = "0x" + HexFormat.of().formatHex(LocalValidator.validatorSeed(AXON_KEY));
    MinerConfig parsed = MinerConfig.parse(config, Path.of("").toAbsolutePath(),
        name -> name.equals("DEMO_AXON_SEED") ? seedHex : System.getenv(name));
    out.println("starting a miner on loopback with " + cascade);
    try (Miner miner = Miner.start(parsed)) {
      describe(new CascadeConfigLoader().load(cascade), miner.cascade(), out);
      URI axon = URI.create("http://127.0.0.1:" + miner.axonPorts().getFirst());
      URI metrics = URI.create("http://127.0.0.1:" + miner.metricsPort() + "/metrics");
      LocalValidator.Options options = challenge.options(axon, hotkey, metrics);
      return ValidateCommand.run(ValidateCommand.source(challenge.imagesOrScenes(), options.mode()), options, report,
          out);
    }
  }
}
