package io.cascade4j.cli;

import io.cascade4j.miner.validator.LocalValidator;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

  @Option(names = "--mode", defaultValue = "2026", paramLabel = "MODE", description = "The validator traffic to"
      + " imitate: 2026 (since May 2026: native-size JPEG q75, no augmentation, ~9%% consensus tasks) or january"
      + " (224x224, augmentation levels L0-L3) (default ${DEFAULT-VALUE}).")
  String mode;

  @Option(names = "--concurrency", defaultValue = "1", description = "Challenges in flight at once (default"
      + " ${DEFAULT-VALUE}; more for a load run).")
  int concurrency;

  @Option(names = "--image-pool", defaultValue = "0", paramLabel = "N", description = "Make N images once and send"
      + " each challenge as one of them with a unique JPEG comment (never cached, cheap to send): for long load runs"
      + " (default ${DEFAULT-VALUE}: a fresh image per challenge).")
  int imagePool;

  @Option(names = "--peer", paramLabel = "URL=HOTKEY", description = "Another miner asked in consensus tasks"
      + " (repeatable); without peers the miner's own answer is the majority.")
  List<String> peers = new ArrayList<>();

  /** Options as the command line would set them, for tests. */
  static ChallengeOptions of(@Nullable Path images, int challenges, int validators, long seed, String mode) {
    ChallengeOptions o = new ChallengeOptions();
    o.images = images;
    o.challenges = challenges;
    o.validators = validators;
    o.seed = seed;
    o.mode = mode;
    o.concurrency = 1;
    return o;
  }

  /** The folder of photos as a string, or null for generated scenes. */
  @Nullable String imagesOrScenes() {
    return images == null ? null : images.toString();
  }

  /** Refuses counts below one, unknown modes and malformed peers. */
  void check() throws CascadeCli.UsageException {
    if (challenges < 1 || validators < 1 || concurrency < 1) {
      throw new CascadeCli.UsageException("--challenges, --validators and --concurrency must be at least 1");
    }
    if (imagePool < 0) {
      throw new CascadeCli.UsageException("--image-pool must be 0 or more");
    }
    validatorMode();
    peerList();
  }

  LocalValidator.Mode validatorMode() throws CascadeCli.UsageException {
    try {
      return LocalValidator.Mode.of(mode);
    } catch (IllegalArgumentException e) {
      throw new CascadeCli.UsageException("--mode: " + e.getMessage());
    }
  }

  List<LocalValidator.Peer> peerList() throws CascadeCli.UsageException {
    List<LocalValidator.Peer> out = new ArrayList<>();
    for (String peer : peers) {
      int eq = peer.lastIndexOf('=');
      if (eq <= 0 || eq == peer.length() - 1) {
        throw new CascadeCli.UsageException("--peer must be URL=HOTKEY, got '" + peer + "'");
      }
      try {
        out.add(new LocalValidator.Peer(URI.create(peer.substring(0, eq)), peer.substring(eq + 1)));
      } catch (IllegalArgumentException e) {
        throw new CascadeCli.UsageException("--peer: not a URL: " + peer.substring(0, eq));
      }
    }
    return out;
  }

  /** The validator's options for {@code axon}. */
  LocalValidator.Options options(URI axon, String hotkey, @Nullable URI metrics)
      throws CascadeCli.UsageException {
    return new LocalValidator.Options(axon, hotkey, challenges, validators, seed, 9.0, metrics, validatorMode(),
        concurrency, imagePool, peerList());
  }
}
