package io.cascade4j.miner.validator;

import io.cascade4j.core.evaluation.LabelledImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Where challenge images come from: a label is drawn first (half and half), then an image with that label. The
 * command line adds generated scenes ({@code scenes} module) as a source; here, folders of labelled photos.
 */
public interface ChallengeSource {
  /** An image and where it came from. */
  record Picture(BufferedImage image, String origin) {}

  /** An image whose label is {@code label}, drawn with {@code random}. */
  Picture next(int label, Random random);

  /**
   * A folder of labelled photos (labels.csv, labels.jsonl, or 0/ and 1/), decoded once.
   *
   * @throws IOException if the folder cannot be read, an image cannot be decoded, or one label has no image
   */
  static ChallengeSource folder(Path folder) throws IOException {
    List<List<Picture>> byLabel = List.of(new ArrayList<>(), new ArrayList<>());
    for (LabelledImages.Item item : LabelledImages.read(folder)) {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(item.image().toByteArray()));
      if (image == null) {
        throw new IOException(item.name() + " in " + folder + " cannot be decoded");
      }
      byLabel.get(item.label()).add(new Picture(image, item.name()));
    }
    if (byLabel.get(0).isEmpty() || byLabel.get(1).isEmpty()) {
      throw new IOException(folder + " needs images of both labels to make challenges");
    }
    return (label, random) -> {
      List<Picture> pool = byLabel.get(label);
      return pool.get(random.nextInt(pool.size()));
    };
  }
}
