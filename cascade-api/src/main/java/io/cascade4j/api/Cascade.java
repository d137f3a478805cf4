package io.cascade4j.api;

/**
 * A configured cascade: answers queries until closed. Thread-safe; meant to be shared by every request thread (or
 * virtual thread) of a process.
 *
 * <pre>{@code
 * try (Cascade cascade = ...) {
 *   Answer answer = cascade.evaluate(Query.of(EncodedImage.jpeg(bytes)));
 *   System.out.printf("P(roadwork) = %.3f, decided by %s%n", answer.probability(), answer.decider().orElse("fallback"));
 * }
 * }</pre>
 */
public interface Cascade extends AutoCloseable {

  /** The cascade's name, from its configuration. */
  String name();

  /**
   * The names of the steps it runs, in order (a parallel group by its group name): what is actually served, without
   * optional stages that were left out. Empty when an implementation does not say.
   */
  default java.util.List<String> steps() {
    return java.util.List.of();
  }

  /**
   * Answers a query. Never fails because a stage failed: the answer is always a finite probability within [0, 1],
   * and the trace says what happened.
   *
   * @throws IllegalStateException if the cascade is closed
   */
  Answer evaluate(Query query);

  /** Each stage's health by name ({@link Stage#health()}), group members included; empty if not known. */
  default java.util.Map<String, StageHealth> health() {
    return java.util.Map.of();
  }

  /** Closes every stage once. Queries in flight finish first; later calls to {@link #evaluate} are rejected. */
  @Override
  void close();
}
