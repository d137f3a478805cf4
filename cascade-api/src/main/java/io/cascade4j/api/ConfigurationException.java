package io.cascade4j.api;

import java.io.Serial;
import java.util.List;

/**
 * A configuration could not be turned into a working component. Carries every problem found, each with its key
 * path, so that one run reports them all.
 */
public final class ConfigurationException extends Exception {
  @Serial private static final long serialVersionUID = 1L;

  /** Not serialized: problems are plain records, but the list type is not guaranteed serializable. */
  private final transient List<Problem> problems;

  /** An exception for the given problems (at least one). */
  public ConfigurationException(List<Problem> problems) {
    this(problems, null);
  }

  /** An exception for the given problems, caused by {@code cause} (for example the exception a model load threw). */
  public ConfigurationException(List<Problem> problems, @org.jspecify.annotations.Nullable Throwable cause) {
    super(describe(problems), cause);
    this.problems = List.copyOf(problems);
  }

  /** An exception for one problem. */
  public ConfigurationException(String path, String message) {
    this(List.of(new Problem(path, message)));
  }

  /** Every problem, in the order found. */
  public List<Problem> problems() {
    return problems;
  }

  private static String describe(List<Problem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ConfigurationException needs at least one problem");
    }
    if (problems.size() == 1) {
      return problems.getFirst().toString();
    }
    StringBuilder message = new StringBuilder(problems.size() + " configuration problems:");
    for (Problem problem : problems) {
      message.append("\n  ").append(problem);
    }
    return message.toString();
  }
}
