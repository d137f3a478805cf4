package io.cascade4j.cli;

import io.cascade4j.core.config.CascadeConfigLoader;
import io.cascade4j.core.evaluation.LabelledImages;
import io.cascade4j.detection.evidence.FitObjectRule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cascade4j fit-rule}: fits a detector's logistic rule on labelled images from the objects one stage reports
 * ({@link FitObjectRule}) and writes it for {@code rule: {fitted: FILE}}.
 */
@Command(name = "fit-rule", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
    sortOptions = false, description = "Fits a detector stage's logistic rule on labelled images.")
final class FitRuleCommand implements Callable<Integer> {
  @Option(names = "--config", required = true, paramLabel = "CASCADE", description = "The cascade file.")
  Path config;

  @Option(names = "--stage", required = true, paramLabel = "NAME", description = "The stage or group to fit for.")
  String stage;

  @Option(names = "--images", required = true, paramLabel = "DIR", description = "The labelled images.")
  Path images;

  @Option(names = "--out", required = true, paramLabel = "RULE.json", description = "The rule file to write.")
  Path out;

  @Option(names = "--roles", split = ",", paramLabel = "ROLE",
      description = "Roles to use, in order (default: every role seen).")
  List<String> roles = new ArrayList<>();

  @Option(names = "--l2", defaultValue = "1.0", description = "L2 penalty, 1/C (default ${DEFAULT-VALUE}).")
  double l2;

  @Override
  public Integer call() throws Exception {
    if (!(l2 >= 0) || Double.isInfinite(l2)) {
      throw new CascadeCli.UsageException("--l2 must be a finite number of at least 0");
    }
    List<String> cleaned = roles.stream().map(String::trim).filter(r -> !r.isEmpty()).toList();
    java.util.List<LabelledImages.Item> items = LabelledImages.read(CascadeCli.folder(images, "labelled images"));
    try (JobProgress progress = JobProgress.start("running " + stage, items.size(), "images")) {
      FitObjectRule.run(new CascadeConfigLoader().load(CascadeCli.file(config, "the cascade")), stage, items,
          cleaned, l2, out, System.err, progress::stepTo);
    } catch (IllegalArgumentException e) {
      throw new CascadeCli.UsageException(e.getMessage());
    }
    return 0;
  }
}
