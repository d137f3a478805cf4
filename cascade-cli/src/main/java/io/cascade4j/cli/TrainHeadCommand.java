package io.cascade4j.cli;

import io.cascade4j.vision.head.EmbeddingBackbone;
import io.cascade4j.vision.head.EmbeddingCache;
import io.cascade4j.vision.head.HeadTraining;
import io.cascade4j.vision.head.TrainHead;
import io.cascade4j.vision.model.InferenceEngine;
import io.cascade4j.vision.model.PooledModel;
import io.cascade4j.vision.preprocess.Interpolation;
import io.cascade4j.vision.preprocess.ModelPreprocessingConfigs;
import io.cascade4j.vision.preprocess.Normalization;
import io.cascade4j.vision.preprocess.Preprocessing;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cascade4j train-head}: embeds a labelled folder once with a backbone (cached on disk) and trains a head on
 * the embeddings ({@link TrainHead}). Without a preprocessing file the backbone gets a bicubic resize of the shorter
 * side to 256/224 x size, a centre crop of {@code size} and ImageNet normalisation (the DINOv2 recipe).
 */
@Command(name = "train-head", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
    sortOptions = false, description = "Trains an embedding head on a backbone's embeddings of labelled images.")
final class TrainHeadCommand implements Callable<Integer> {
  @Option(names = "--images", required = true, paramLabel = "DIR", description = "The labelled images.")
  Path images;

  @Option(names = "--backbone", required = true, paramLabel = "MODEL", description = "TorchScript or ONNX backbone.")
  Path backbone;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the head is written.")
  Path out;

  @ArgGroup(exclusive = true)
  @Nullable PreprocessingFile preprocessingFile;

  /** At most one model preprocessing file. */
  static final class PreprocessingFile {
    @Option(names = "--preprocessing-from-timm", paramLabel = "FILE", description = "timm's pretrained_cfg JSON.")
    @Nullable Path timm;

    @Option(names = "--preprocessing-from-huggingface", paramLabel = "FILE",
        description = "A Hugging Face preprocessor_config.json.")
    @Nullable Path huggingFace;
  }

  @Option(names = "--preprocessing-backend", defaultValue = "torchvision", paramLabel = "BACKEND",
      description = "With --preprocessing-from-huggingface: torchvision (what transformers 5 builds by default) or "
          + "pil (the ...ImageProcessorPil classes); the stage's backend: setting must say the same "
          + "(default ${DEFAULT-VALUE}).")
  String preprocessingBackend;

  @Option(names = "--size", defaultValue = "224", description = "Input size without a file (default ${DEFAULT-VALUE}).")
  int size;

  @Option(names = "--pooling", defaultValue = "auto",
      description = "auto, cls, mean-patch, mean-all or none (default ${DEFAULT-VALUE}: a vector as is, tokens "
          + "averaged without the class and register tokens, as timm's avg).")
  String pooling;

  @Option(names = "--prefix-tokens", defaultValue = "-1", paramLabel = "N",
      description = "Class and register tokens leading a token output (default: read from its shape).")
  int prefixTokens;

  @Option(names = "--kind", description = "mlp or linear (default mlp).")
  @Nullable String kind;

  @Option(names = "--hidden", description = "Hidden width of the mlp (default 256).")
  @Nullable Integer hidden;

  @Option(names = "--epochs", description = "Most epochs (default 100).")
  @Nullable Integer epochs;

  @Option(names = "--lr", description = "Learning rate (default 1e-3).")
  @Nullable Double learningRate;

  @Option(names = "--patience", description = "Epochs without improvement before stopping (default 10).")
  @Nullable Integer patience;

  @Option(names = "--cache", paramLabel = "DIR", description = "Embedding cache (default OUT/embedding-cache).")
  @Nullable Path cache;

  @Option(names = "--augment", defaultValue = "0", paramLabel = "N",
      description = "Also train on N copies of every image made as SN72's legacy 224x224 challenges are (crop, "
          + "rotation, colour, noise, blur at a random level, JPEG q75), the originals standing for native-size "
          + "traffic (default ${DEFAULT-VALUE}).")
  int augment;

  @Option(names = "--device", defaultValue = "cpu", description = "cpu, gpu or gpuN (default ${DEFAULT-VALUE}).")
  String device;

  @Override
  public Integer call() throws Exception {
    if (!preprocessingBackend.equals("torchvision")
        && (preprocessingFile == null || preprocessingFile.huggingFace == null)) {
      throw new CascadeCli.UsageException("--preprocessing-backend applies to --preprocessing-from-huggingface only");
    }
    if (augment < 0 || augment > 16) {
      throw new CascadeCli.UsageException("--augment must be 0 to 16, got " + augment);
    }
    if (size < 8) {
      throw new CascadeCli.UsageException("--size must be at least 8");
    }
    CascadeCli.file(backbone, "the backbone model");
    Preprocessing.Builder p;
    if (preprocessingFile != null && preprocessingFile.timm != null) {
      p = ModelPreprocessingConfigs.timm(preprocessingFile.timm);
    } else if (preprocessingFile != null && preprocessingFile.huggingFace != null) {
      p = ModelPreprocessingConfigs.huggingFace(preprocessingFile.huggingFace, switch (preprocessingBackend) {
        case "torchvision" -> Preprocessing.Backend.TORCHVISION;
        case "pil" -> Preprocessing.Backend.PIL;
        default -> throw new CascadeCli.UsageException("--preprocessing-backend must be torchvision or pil, got '"
            + preprocessingBackend + "'");
      });
    } else {
      p = Preprocessing.builder().resizeShorterSide(size * 256 / 224).interpolation(Interpolation.BICUBIC)
          .centerCrop(size, size).normalization(Normalization.IMAGENET);
    }
    HeadTraining.Options d = HeadTraining.Options.defaults();
    HeadTraining.Options options = new HeadTraining.Options(kind != null ? kind : d.kind(),
        hidden != null ? hidden : d.hidden(), d.dropout(), epochs != null ? epochs : d.epochs(), d.batchSize(),
        learningRate != null ? learningRate : d.learningRate(), d.weightDecay(),
        patience != null ? patience : d.patience(), d.validationShare(), true, d.seed(), device);
    if (prefixTokens < -1) {
      throw new CascadeCli.UsageException("--prefix-tokens must be 0 or more (or -1: read from the output's shape)");
    }
    EmbeddingBackbone.Pooling parsedPooling;
    try {
      parsedPooling = EmbeddingBackbone.Pooling.parse(pooling);
    } catch (IllegalArgumentException e) {
      throw new CascadeCli.UsageException("--pooling: " + e.getMessage());
    }
    try (EmbeddingBackbone model = new EmbeddingBackbone(
        PooledModel.load(backbone, InferenceEngine.select("auto", backbone), 1), p.build(), parsedPooling,
        prefixTokens)) {
      Path folder = CascadeCli.folder(images, "labelled images");
      Path scratch = null;
      if (augment > 0) {
        // Beside the images' own bytes, never in OUT (a head is often committed; the images may not be).
        scratch = java.nio.file.Files.createTempDirectory("cascade4j-augmented");
        folder = AugmentedCopies.write(folder, augment, scratch.resolve("images"));
      }
      try {
        return train(folder, model, options);
      } finally {
        if (scratch != null) {
          deleteTree(scratch);
        }
      }
    }
  }

  private int train(Path folder, EmbeddingBackbone model, HeadTraining.Options options) throws Exception {
    int count = io.cascade4j.core.evaluation.LabelledImages.read(folder).size();
    Map<String, Object> metrics;
    // One bar after the other: embedding every image, then the epochs.
    try (JobProgress embedding = JobProgress.start("embedding", count, "images");
        JobProgress.Later training = new JobProgress.Later("training", options.epochs(), "epochs")) {
      metrics = TrainHead.run(folder, model, new EmbeddingCache(cache != null ? cache : out.resolve("embedding-cache")),
          options, out, System.err, embedding::stepTo, (epoch, max, train, val, acc) -> {
            embedding.finish();
            training.get().extra(String.format(java.util.Locale.ROOT, "train %.4f val %.4f acc %.3f", train, val,
                acc));
            training.get().stepTo(epoch);
          });
    }
    System.out.println("head written to " + out.toAbsolutePath() + ": " + metrics);
    return 0;
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    try (var paths = java.nio.file.Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        java.nio.file.Files.deleteIfExists(p);
      }
    }
  }
}
