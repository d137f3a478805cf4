package io.cascade4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The examples module's files (default cascade, sample images), as the distribution packs them, for tests. */
final class BundledSamples {
  /** The examples module of this checkout. */
  static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

  private BundledSamples() {}

  /** Copies the bundled sample images and their labels into a folder, as a labelled set. */
  static Path copyTo(Path folder) throws IOException {
    Files.createDirectories(folder);
    Path samples = EXAMPLES.resolve("src/main/resources/sample-images");
    for (String name : new String[] {"img_003.jpg", "img_005.jpg", "img_012.jpg", "img_022.jpg", "labels.csv"}) {
      Files.copy(samples.resolve(name), folder.resolve(name));
    }
    return folder;
  }
}
