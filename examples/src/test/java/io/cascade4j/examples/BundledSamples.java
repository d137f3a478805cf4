package io.cascade4j.examples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Copies the bundled sample images and their labels into a folder, as a labelled set for tests. */
final class BundledSamples {
  private BundledSamples() {}

  static Path copyTo(Path folder) throws IOException {
    Files.createDirectories(folder);
    for (String name : new String[] {"img_003.jpg", "img_005.jpg", "img_012.jpg", "img_022.jpg", "labels.csv"}) {
      try (InputStream in = BundledSamples.class.getResourceAsStream("/sample-images/" + name)) {
        Files.write(folder.resolve(name), in.readAllBytes());
      }
    }
    return folder;
  }
}
