package io.cascade4j.cli;

import io.cascade4j.core.evaluation.LabelledImages;
import io.cascade4j.miner.validator.Augmentation;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * A labelled folder written again with, beside every image, copies made as SN72's legacy challenges are
 * ({@link Augmentation}: 224x224 crops at a random level 0-3, JPEG at quality 75), so that a head learns both kinds of
 * traffic: native-size images (the originals) and 224 crops. Each copy is seeded by the image's name and its number,
 * so the same folder gives the same bytes every time and an embedding cache keyed by content still hits.
 */
final class AugmentedCopies {
  private AugmentedCopies() {}

  /**
   * Writes {@code folder}'s images and {@code copies} augmented copies of each into {@code out} (which must not
   * exist), with a labels.csv that keeps each image's source; returns {@code out}.
   */
  static Path write(Path folder, int copies, Path out) throws IOException {
    List<LabelledImages.Item> items = LabelledImages.read(folder);
    Files.createDirectory(out);
    List<String> rows = new ArrayList<>();
    rows.add("file,label,source");
    int index = 0;
    for (LabelledImages.Item item : items) {
      String base = String.format(java.util.Locale.ROOT, "%05d", index++);
      byte[] bytes = item.image().toByteArray();
      String original = base + extension(item.image().mediaType());
      Files.write(out.resolve(original), bytes);
      rows.add(row(original, item));
      BufferedImage image;
      try {
        image = ImageIO.read(new ByteArrayInputStream(bytes));
      } catch (IOException e) {
        image = null;
      }
      if (image == null) {
        throw new IOException(folder.resolve(item.name()) + ": Java's image decoders cannot read it to augment it");
      }
      for (int copy = 0; copy < copies; copy++) {
        Random random = new Random(seed(item.name(), copy));
        String name = base + "-224-" + copy + ".jpg";
        Files.write(out.resolve(name), Augmentation.jpeg(
            Augmentation.apply(image, random.nextInt(4), random, new ArrayList<>())));
        rows.add(row(name, item));
      }
    }
    Files.write(out.resolve("labels.csv"), rows, StandardCharsets.UTF_8);
    return out;
  }

  private static String row(String file, LabelledImages.Item item) {
    return file + "," + item.label() + ",\"" + item.source().replace("\"", "\"\"") + "\"";
  }

  private static long seed(String name, int copy) {
    return name.hashCode() * 1_000_003L + copy;
  }

  private static String extension(String mediaType) {
    return switch (mediaType) {
      case "image/png" -> ".png";
      case "image/webp" -> ".webp";
      default -> ".jpg";
    };
  }
}
