package io.cascade4j.cli;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The local validator's options, shared by {@code demo} and {@code validate}. */
final class ChallengeOptions {
  @Option(names = "--challenges", defaultValue = "300", description = "Challenges to send (default ${DEFAULT-VALUE}).")
  int challenges;

  @Option(names = "--validators", defaultValue = "2", description = "Validator hotkeys (default ${DEFAULT-VALUE}).")
  int validators;

  @Option(names = "--images", paramLabel = "DIR", description = "Challenges from a folder of labelled photos.")
  @Nullable Path images;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the challenges (default ${DEFAULT-VALUE}).")
  long seed;

  /** The folder of photos as a string, or null for generated scenes. */
  @Nullable String imagesOrScenes() {
    return images == null ? null : images.toString();
  }

  /** Refuses counts below one. */
  void check() throws CascadeCli.UsageException {
    if (challenges < 1 || validators < 1) {
      throw new CascadeCli.UsageException("--challenges and --validators must be at least 1");
    }
  }
}
