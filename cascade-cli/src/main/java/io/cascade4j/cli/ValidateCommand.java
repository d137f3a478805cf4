package io.cascade4j.cli;

import io.cascade4j.miner.validator.ChallengeSource;
import io.cascade4j.miner.validator.LocalValidator;
import io.cascade4j.miner.validator.ValidatorReport;
import io.cascade4j.scenes.SceneGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cascade4j validate}: the local SN72 validator against a running axon. Allow its hotkeys in the miner's
 * {@code access.allow} (they are printed, and fixed: {@link LocalValidator#validatorKey}). Exits with 1 when the miner
 * answered none of the challenges (refused, unreachable or too slow), so a script notices.
 */
@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
    sortOptions = false, description = "Runs the local SN72 validator against a running miner.")
final class ValidateCommand implements Callable<Integer> {
  @Option(names = "--hotkey", required = true, paramLabel = "SS58", description = "The miner's axon hotkey.")
  String hotkey;

  @Option(names = "--axon", defaultValue = "http://127.0.0.1:8091", description = "The axon (default ${DEFAULT-VALUE}).")
  URI axon;

  @Mixin ChallengeOptions challenge = new ChallengeOptions();

  @Option(names = "--metrics", paramLabel = "URL", description = "The miner's /metrics, for exits per stage.")
  @Nullable URI metrics;

  @Option(names = "--report", paramLabel = "FILE", defaultValue = "target/validator/report.json",
      description = "Where the full report goes (default ${DEFAULT-VALUE}).")
  Path report;

  @Override
  public Integer call() throws Exception {
    challenge.check();
    LocalValidator.Options options = challenge.options(axon, hotkey, metrics);
    ValidatorReport result = run(source(challenge.imagesOrScenes(), options.mode()), options, report, System.out);
    return status(result, System.err);
  }

  /**
   * The labelled photos of a folder (at their own size), or generated scenes: 640x480 for January traffic (the
   * validator crops and resizes them to 224), and for 2026 traffic the native sizes validators send, a third each:
   * 1024x1024 (synthetic images), 1920x1080 (camera frames), 1280x720 (API images).
   */
  static ChallengeSource source(@Nullable String images, LocalValidator.Mode mode)
      throws IOException, CascadeCli.UsageException {
    if (images != null) {
      return ChallengeSource.folder(CascadeCli.folder(Path.of(images), "labelled photos"));
    }
    List<SceneGenerator> generators = mode == LocalValidator.Mode.JANUARY ? List.of(new SceneGenerator())
        : List.of(new SceneGenerator(1024, 1024), new SceneGenerator(1920, 1080), new SceneGenerator(1280, 720));
    return (label, random) -> {
      SceneGenerator generator = generators.get(random.nextInt(generators.size()));
      long seed = random.nextLong();
      return new ChallengeSource.Picture(generator.generate(seed, label == 1).image(), "scene " + seed);
    };
  }

  /** Runs, prints the summary and writes the report. */
  static ValidatorReport run(ChallengeSource source, LocalValidator.Options options, Path report, PrintStream out)
      throws IOException, InterruptedException {
    out.printf("local validator: %d challenges from %d validator hotkey(s) to %s%n", options.challenges(),
        options.validators(), options.axon());
    ValidatorReport result = LocalValidator.run(source, options, out);
    out.print(result.summary());
    result.write(report);
    out.println("report: " + report.toAbsolutePath().normalize());
    return result;
  }

  /** 0 when the miner answered, 1 when every challenge was missed (the reasons are in the summary). */
  static int status(ValidatorReport result, PrintStream err) {
    int missed = result.misses().values().stream().mapToInt(Integer::intValue).sum();
    if (missed >= result.challenges()) {
      err.println("the miner answered none of the " + result.challenges() + " challenges: " + result.misses()
          + " (is the validator's hotkey allowed, and the axon up?)");
      return CascadeCli.FAILED;
    }
    return 0;
  }
}
