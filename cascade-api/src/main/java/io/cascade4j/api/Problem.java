package io.cascade4j.api;

import java.util.Objects;

/**
 * One thing wrong with a configuration, and where.
 *
 * @param path the key path, for example {@code stages[2].exit.high}
 * @param message what is wrong and, where it helps, what to do, for example {@code must be in (0, 1], got 1.7}
 */
public record Problem(String path, String message) {

  /** Validates the components. */
  public Problem {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return path.isEmpty() ? message : path + ": " + message;
  }
}
