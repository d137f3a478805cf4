package io.cascade4j.examples;

import io.cascade4j.core.CommandOptions;
import io.cascade4j.miner.validator.ChallengeSource;
import io.cascade4j.miner.validator.LocalValidator;
import io.cascade4j.miner.validator.ValidatorReport;
import io.cascade4j.scenes.SceneGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code ./cascade4j validate}: the local SN72 validator against a running axon. Allow its hotkeys in the miner's
 * {@code access.allow} (they are printed, and fixed: {@link LocalValidator#validatorKey}).
 *
 * <pre>
 * ./cascade4j validate --hotkey 5F... [--axon http://127.0.0.1:8091] [--challenges 300] [--validators 2]
 *     [--images DIR] [--metrics http://127.0.0.1:9091/metrics] [--seed 1] [--report target/validator/report.json]
 * </pre>
 */
public final class Validate {
  private Validate() {}

  /** The command. */
  public static void main(String[] args) throws Exception {
    Map<String, String> a;
    try {
      a = CommandOptions.parse(args, List.of("axon", "hotkey", "challenges", "validators", "images", "metrics",
          "seed", "report"), List.of("hotkey"));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage() + "\nusage: validate --hotkey SS58 [--axon URL] [--challenges 300]"
          + " [--validators 2] [--images DIR] [--metrics URL] [--seed 1] [--report FILE]");
      System.exit(2);
      return;
    }
    LocalValidator.Options options = new LocalValidator.Options(URI.create(a.getOrDefault("axon",
        "http://127.0.0.1:8091")), a.get("hotkey"), Integer.parseInt(a.getOrDefault("challenges", "300")),
        Integer.parseInt(a.getOrDefault("validators", "2")), Long.parseLong(a.getOrDefault("seed", "1")), 9.0,
        a.containsKey("metrics") ? URI.create(a.get("metrics")) : null);
    run(source(a.get("images")), options, Path.of(a.getOrDefault("report", "target/validator/report.json")),
        System.out);
  }

  static ChallengeSource source(String images) throws IOException {
    return images == null ? ChallengeSource.scenes(new SceneGenerator()) : ChallengeSource.folder(Path.of(images));
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
}
