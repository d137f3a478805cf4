package io.cascade4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascade4j.api.Settings;
import io.cascade4j.miner.validator.Augmentation;
import io.cascade4j.scenes.SceneGenerator;
import io.cascade4j.scenes.SceneSet;
import io.cascade4j.vision.head.HeadTraining;
import io.cascade4j.vision.image.ImageDecoder;
import io.cascade4j.vision.preprocess.Preprocessing;
import io.cascade4j.vision.preprocess.PreprocessingSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cascade4j train-gate}: trains a scene gate, a small CNN ({@code cnn} head over raw pixels)
 * with DJL on the CPU, on generated scenes that went through the validators' augmentations and JPEG at quality 75,
 * exactly as challenges reach a miner. Writes {@code head.json} (architecture, options, validation metrics, and the
 * command, seed and scene count that made it) and the parameters to the output folder.
 *
 * <pre>
 * cascade4j train-gate [--scenes 4000] [--epochs 40] [--seed 7] [--out target/gate]
 * </pre>
 */
@Command(name = "train-gate", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
    sortOptions = false, description = "Trains a scene gate (a small CNN over pixels) on generated scenes.")
final class TrainGateCommand implements Callable<Integer> {
  /**
   * The gate's input: the whole image letterboxed into 64x64 (aspect kept, so a 16:9 camera frame and a 224x224
   * crop show cones of the same shape), antialiased bilinear, scaled to [-1, 1]; a cascade file serving the gate
   * says the same ({@code preprocessing: {resize: letterbox, width: 64, height: 64, normalization: half}}).
   */
  static final Map<String, Object> PREPROCESSING = Map.of("resize", "letterbox", "width", 64, "height", 64,
      "normalization", "half");

  /**
   * Shapes of 2026 traffic (1024x1024 synthetic, 16:9 frames and API images), drawn at a third of their size: the
   * gate sees 64x64 either way, and small scenes are quick to make.
   */
  static final int[][] NATIVE_SHAPES = {{344, 344}, {640, 360}, {640, 360}};

  @Option(names = "--scenes", defaultValue = "4000", description = "Scenes to train on (default ${DEFAULT-VALUE}).")
  int scenes;

  @Option(names = "--epochs", defaultValue = "40", description = "Most epochs (default ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--seed", defaultValue = "7", description = "Seed of scenes and training (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "target/gate",
      description = "Where head.json and the parameters go (default ${DEFAULT-VALUE}).")
  Path out;

  /** The gate's preprocessing, built from the same settings the cascade file gives the stage. */
  static Preprocessing preprocessing() {
    return Objects.requireNonNull(PreprocessingSettings.read(Settings.of(PREPROCESSING))).build();
  }

  /**
   * One example as the miner sees it: scene {@code seed} with or without roadwork, half of the time as January 2026
   * traffic (320x240, augmented at a random level to 224x224), half as 2026 traffic (native shape, no augmentation),
   * JPEG q75, decoded and preprocessed.
   */
  static float[] example(SceneGenerator january, SceneGenerator[] nativeShapes, long seed, boolean roadwork,
      Random random) {
    byte[] jpeg;
    if (random.nextBoolean()) {
      jpeg = Augmentation.jpeg(Augmentation.apply(january.generate(seed, roadwork).image(), random.nextInt(4),
          random, new ArrayList<>()));
    } else {
      jpeg = Augmentation.jpeg(nativeShapes[random.nextInt(nativeShapes.length)].generate(seed, roadwork).image());
    }
    return preprocessing().apply(ImageDecoder.standard().decode(jpeg)).floats();
  }

  static SceneGenerator[] nativeShapes() {
    SceneGenerator[] out = new SceneGenerator[NATIVE_SHAPES.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = new SceneGenerator(NATIVE_SHAPES[i][0], NATIVE_SHAPES[i][1]);
    }
    return out;
  }

  /** Trains and writes the gate; returns the metrics. */
  static Map<String, Object> train(int count, int epochs, long seed, Path out) throws IOException {
    return train(count, epochs, seed, out, "cpu");
  }

  /** Trains on {@code device} ({@code cpu}, {@code gpu}, {@code gpuN}) and writes the gate; returns the metrics. */
  static Map<String, Object> train(int count, int epochs, long seed, Path out, String device) throws IOException {
    SceneGenerator scenes = new SceneGenerator(320, 240);
    SceneGenerator[] nativeShapes = nativeShapes();
    Random random = new Random(seed);
    float[][] rows = new float[count][];
    int[] labels = new int[count];
    try (JobProgress made = JobProgress.start("making scenes", count, "scenes")) {
      for (int i = 0; i < count; i++) {
        labels[i] = i % 2;
        rows[i] = example(scenes, nativeShapes, SceneSet.seedOf(seed, i), labels[i] == 1, random);
        made.stepTo(i + 1);
      }
    }
    HeadTraining.Options d = HeadTraining.Options.defaults();
    HeadTraining.Options options = new HeadTraining.Options("cnn", 0, 0.1, epochs, 64, 2e-3, d.weightDecay(),
        8, 0.15, true, seed, device);
    Map<String, Object> metrics;
    try (JobProgress training = JobProgress.start("training", epochs, "epochs")) {
      metrics = HeadTraining.train(rows, labels, options, out, (epoch, max, train, val, acc) -> {
        training.extra(String.format(Locale.ROOT, "train %.4f val %.4f acc %.3f", train, val, acc));
        training.stepTo(epoch);
      });
    }
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    Path spec = out.resolve(HeadTraining.SPEC_FILE);
    ObjectNode file = (ObjectNode) json.readTree(spec.toFile());
    file.put("command", "./cascade4j train-gate --scenes " + count + " --epochs " + epochs + " --seed " + seed);
    file.put("data", count + " generated scenes (seeds SceneSet.seedOf(" + seed + ", i)), half as January 2026"
        + " challenges (320x240, validator augmentation L0-L3), half as 2026 ones (344x344, 640x360: native shapes,"
        + " no augmentation), JPEG q75");
    file.set("preprocessing", json.valueToTree(PREPROCESSING));
    json.writeValue(spec.toFile(), file);
    return metrics;
  }

  @Option(names = "--device", defaultValue = "cpu", description = "cpu, gpu or gpuN (default ${DEFAULT-VALUE}).")
  String device;

  @Override
  public Integer call() throws Exception {
    if (scenes < 10 || epochs < 1) {
      throw new CascadeCli.UsageException("--scenes must be at least 10 and --epochs at least 1");
    }
    long start = System.nanoTime();
    Map<String, Object> metrics;
    try {
      metrics = train(scenes, epochs, seed, out, device);
    } catch (IllegalArgumentException e) {
      throw new CascadeCli.UsageException("--device: " + e.getMessage());
    }
    System.out.printf(Locale.ROOT, "gate written to %s in %.0f s: %s%n", out, (System.nanoTime() - start) / 1e9,
        metrics);
    return 0;
  }
}
