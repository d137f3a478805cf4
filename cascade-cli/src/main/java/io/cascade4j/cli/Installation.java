package io.cascade4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the distribution keeps what commands use by default: the default cascade and its gate, under
 * {@code default/} of the installation ({@code -Dcascade4j.home}, set by {@code bin/cascade4j}). Tests and IDE runs
 * point {@code -Dcascade4j.defaults} at {@code examples/default} of a checkout instead.
 */
final class Installation {
  private Installation() {}

  /** The folder of the default cascade files. */
  static Path defaults() throws CascadeCli.UsageException {
    String explicit = System.getProperty("cascade4j.defaults");
    String home = System.getProperty("cascade4j.home");
    Path folder = explicit != null ? Path.of(explicit) : home != null ? Path.of(home, "default") : null;
    if (folder == null || !Files.isDirectory(folder)) {
      throw new CascadeCli.UsageException("cannot find the default cascade files"
          + (folder == null ? "" : " in " + folder) + "; run through bin/cascade4j of the distribution, or give"
          + " --cascade FILE");
    }
    return folder;
  }

  /** The default cascade, or {@code name} under the defaults folder. */
  static Path defaultFile(String name) throws CascadeCli.UsageException {
    return defaults().resolve(name);
  }
}
