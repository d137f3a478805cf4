package io.cascade4j.vision.head;

import io.cascade4j.core.evaluation.LabelledImages;
import io.cascade4j.vision.image.ImageDecoder;
import io.cascade4j.core.image.ImageDecodingException;
import io.cascade4j.vision.model.InferenceEngine;
import io.cascade4j.vision.model.PooledModel;
import io.cascade4j.vision.preprocess.ModelPreprocessingConfigs;
import io.cascade4j.vision.preprocess.Normalization;
import io.cascade4j.vision.preprocess.Preprocessing;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains an embedding head from a labelled image folder (the layouts {@link LabelledImages} reads): embeds every image
 * once with the backbone (cached on disk), then runs {@link HeadTraining}. Also the {@code train-head} command:
 *
 * <pre>
 * ./cascade4j train-head --images data/labelled --backbone models/dinov2-small.pt --out models/dino-head \
 *     [--preprocessing-from-timm F | --preprocessing-from-huggingface F] [--size 224] [--pooling auto]
 *     [--kind mlp] [--hidden 256] [--epochs 100] [--lr 1e-3] [--patience 10] [--cache DIR]
 * </pre>
 *
 * Without a preprocessing file the backbone gets a bicubic resize of the shorter side to 256/224 x size, a centre crop
 * of {@code size} and ImageNet normalisation (the DINOv2 recipe). Images that cannot be decoded are reported and
 * skipped, never silently.
 */
public final class TrainHead {
  private TrainHead() {}

  /** Embeds the folder and trains; skipped images are reported to {@code log}, progress nowhere. */
  public static Map<String, Object> run(Path images, EmbeddingBackbone backbone, EmbeddingCache cache,
      HeadTraining.Options options, Path out, PrintStream log) throws IOException, InterruptedException {
    return run(images, backbone, cache, options, out, log, done -> {}, (epoch, max, train, val, acc) -> {});
  }

  /**
   * Embeds the folder and trains: {@code embedded} hears how many images are embedded so far (of {@link
   * LabelledImages#read}'s count), {@code training} each epoch; skipped images are reported to {@code log}.
   */
  public static Map<String, Object> run(Path images, EmbeddingBackbone backbone, EmbeddingCache cache,
      HeadTraining.Options options, Path out, PrintStream log, java.util.function.IntConsumer embedded,
      HeadTraining.Progress training) throws IOException, InterruptedException {
    List<LabelledImages.Item> items = LabelledImages.read(images);
    List<float[]> rows = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    ImageDecoder decoder = ImageDecoder.standard();
    int skipped = 0;
    for (int i = 0; i < items.size(); i++) {
      LabelledImages.Item item = items.get(i);
      try {
        rows.add(cache.get(backbone, item.image(), () -> backbone.embed(decoder.decode(item.image()))));
        labels.add(item.label());
      } catch (ImageDecodingException e) {
        skipped++;
        log.printf("skipped %s: %s%n", item.name(), e.getMessage());
      }
      embedded.accept(i + 1);
    }
    int[] y = labels.stream().mapToInt(Integer::intValue).toArray();
    Map<String, Object> metrics = new LinkedHashMap<>(HeadTraining.train(rows.toArray(float[][]::new), y, options, out,
        training));
    metrics.put("skipped_images", skipped);
    return metrics;
  }
}
